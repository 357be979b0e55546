package io.castline.app.settings;

import java.util.Map;

/** How a setting's field name (as the engine and {@code LivePlan} name it) reads for a host. */
public final class FieldLabels {
    private FieldLabels() {}

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("primary", "Primary server"), Map.entry("primary-key", "Primary stream key"),
            Map.entry("primary-ca", "Primary CA file"),
            Map.entry("backup", "Backup server"), Map.entry("backup-key", "Backup stream key"),
            Map.entry("backup-ca", "Backup CA file"),
            Map.entry("video", "Video source"), Map.entry("audio", "Audio source"),
            Map.entry("codec", "Codec"), Map.entry("preset", "Preset"), Map.entry("tune", "Tune"),
            Map.entry("profile", "Profile"), Map.entry("rate-control", "Rate control"), Map.entry("bitrate", "Bitrate"),
            Map.entry("maxrate", "Max rate"), Map.entry("bufsize", "Buffer size"), Map.entry("crf", "CRF"),
            Map.entry("gop", "Keyframe interval"), Map.entry("bframes", "B-frames"), Map.entry("fps", "Frame rate"),
            Map.entry("canvas", "Canvas"), Map.entry("audio-bitrate", "Audio bitrate"),
            Map.entry("recording", "Recording"), Map.entry("outputs", "Outputs"));

    public static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }
}
