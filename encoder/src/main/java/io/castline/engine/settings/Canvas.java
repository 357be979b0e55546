package io.castline.engine.settings;

import java.util.List;

/** The show's picture: size in pixels and frame rate. Everything is composed on it and encoded from it. */
public record Canvas(int width, int height, int fps) {

    /** A named size a host picks from (landscape for desktop viewers, vertical for phone-first platforms). */
    public record Preset(String name, int width, int height) {}

    public static final List<Preset> PRESETS = List.of(
            new Preset("1080p landscape", 1920, 1080),
            new Preset("720p landscape", 1280, 720),
            new Preset("1080p vertical", 1080, 1920),
            new Preset("720p vertical", 720, 1280));

    public static Canvas of(EncoderSettings s) { return new Canvas(s.width(), s.height(), s.fps()); }

    public boolean vertical() { return height > width; }

    @Override public String toString() { return width + "x" + height + "@" + fps; }
}
