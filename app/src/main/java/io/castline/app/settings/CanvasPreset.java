package io.castline.app.settings;

import java.util.List;

/** The canvas sizes hosts pick from: landscape for desktop platforms, vertical for phone-first ones. */
public record CanvasPreset(String label, int width, int height) {
    public static final CanvasPreset CUSTOM = new CanvasPreset("Custom", 0, 0);
    public static final List<CanvasPreset> ALL = List.of(
            new CanvasPreset("1920 × 1080 (16:9)", 1920, 1080),
            new CanvasPreset("1280 × 720 (16:9)", 1280, 720),
            new CanvasPreset("1080 × 1920 (9:16 vertical)", 1080, 1920),
            new CanvasPreset("720 × 1280 (9:16 vertical)", 720, 1280),
            CUSTOM);

    public static CanvasPreset of(int width, int height) {
        return ALL.stream().filter(p -> p.width == width && p.height == height).findFirst().orElse(CUSTOM);
    }

    @Override public String toString() { return label; }
}
