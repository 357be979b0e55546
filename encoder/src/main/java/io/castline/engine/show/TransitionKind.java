package io.castline.engine.show;

import java.util.Locale;
import java.util.Optional;

/** How the program changes to the next scene. */
public enum TransitionKind {
    /** At once, on the next frame. */
    CUT,
    /** Each frame a mix of both scenes, the new one's share growing evenly. */
    FADE,
    /** The new scene pushes the old one out to the left. */
    SLIDE;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<TransitionKind> byId(String id) {
        for (TransitionKind k : values()) if (k.id().equals(id)) return Optional.of(k);
        return Optional.empty();
    }
}
