package io.castline.engine.show;

import java.util.Locale;
import java.util.Optional;

/**
 * How a source's picture fills its layer's rectangle (OBS "bounding box type").
 * <ul>
 *   <li>{@code contain}: the whole picture, aspect kept, centred; the bars show what is below</li>
 *   <li>{@code cover}: the rectangle filled, aspect kept, the overflow cut off evenly</li>
 *   <li>{@code stretch}: the picture scaled to the rectangle, aspect not kept</li>
 * </ul>
 */
public enum Fit {
    CONTAIN, COVER, STRETCH;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<Fit> byId(String id) {
        for (Fit f : values()) if (f.id().equals(id)) return Optional.of(f);
        return Optional.empty();
    }
}
