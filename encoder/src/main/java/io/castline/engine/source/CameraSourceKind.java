package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code camera}: a capture device (v4l2, dshow, avfoundation) by its device name. Several can be
 * open at once. {@code input_format} replaces the platform's capture format (tests drive this very
 * path with FFmpeg's generated {@code lavfi} input); {@code video_size} and {@code framerate} ask
 * the device for a mode.
 */
final class CameraSourceKind implements SourceKind {
    @Override public String id() { return "camera"; }
    @Override public String displayName() { return "Camera"; }
    @Override public Set<String> settingKeys() { return Set.of("device", "input_format", "video_size", "framerate"); }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.text(config, "device", false, problems);
        Checks.text(config, "input_format", false, problems);
        Checks.text(config, "video_size", false, problems);
        if (config.settings().get("video_size") instanceof String s && !s.matches("\\d+x\\d+")) {
            problems.add("video_size", "'" + s + "' is not a size (e.g. 1280x720)");
        }
        Checks.number(config, "framerate", 1, 240, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        SourceSpec spec = new SourceSpec(SourceSpec.Kind.CAMERA, config.string("device", null),
                config.string("input_format", null));
        CaptureInput in = CaptureInput.forVideo(spec, context.canvas());
        Map<String, String> options = new LinkedHashMap<>(in.options());
        if (config.has("video_size")) options.put("video_size", config.string("video_size", null));
        if (config.has("framerate")) options.put("framerate", trim(config.number("framerate", 30)));
        in = new CaptureInput(in.format(), in.input(), options, "lavfi".equals(in.format()), false);
        return new OpenedSource(config, new GrabberVideoSource(config.name(), in, CaptureInput.label(spec, in)), null);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
