package io.castline.engine.output;

import java.util.Locale;
import java.util.Optional;

/**
 * What a destination is for. The primary's uplink is the one dynamic bitrate protects; a backup is
 * the hot standby of the same show; an extra is another platform.
 */
public enum OutputRole {
    PRIMARY, BACKUP, EXTRA;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The role a destination named "primary" or "backup" has without being told (the CLI's flags); else extra. */
    public static OutputRole forName(String name) {
        return name == null ? EXTRA : byId(name.toLowerCase(Locale.ROOT)).orElse(EXTRA);
    }

    public static Optional<OutputRole> byId(String id) {
        for (OutputRole r : values()) if (r.id().equals(id)) return Optional.of(r);
        return Optional.empty();
    }
}
