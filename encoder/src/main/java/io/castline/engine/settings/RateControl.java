package io.castline.engine.settings;

/** Rate control as the ffmpeg CLI users know it. CBR is the default: ingests expect a steady rate. */
public enum RateControl {
    CBR, VBR, CRF;

    /** "cbr", "VBR ", … as users write it; empty for anything else. */
    public static java.util.Optional<RateControl> byName(String name) {
        if (name == null) return java.util.Optional.empty();
        for (RateControl r : values()) if (r.name().equalsIgnoreCase(name.trim())) return java.util.Optional.of(r);
        return java.util.Optional.empty();
    }
}
