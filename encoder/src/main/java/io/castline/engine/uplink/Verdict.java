package io.castline.engine.uplink;

import java.util.Locale;

/** The uplink verdict of one second, as the stats contract spells it. */
public enum Verdict {
    OK, WARN, INSUFFICIENT, UNKNOWN;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
