package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code screen}: a whole display, a {@code region [x, y, width, height]} of it, or one
 * {@code window} where the platform's capture can (Windows: the window's title; X11: its window id,
 * as {@code xwininfo} shows it). macOS captures whole displays only: crop the layer instead.
 */
final class ScreenSourceKind implements SourceKind {
    @Override public String id() { return "screen"; }
    @Override public String displayName() { return "Screen capture"; }
    @Override public Set<String> settingKeys() { return Set.of("display", "region", "window", "input_format", "cursor"); }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.text(config, "display", false, problems);
        Checks.text(config, "input_format", false, problems);
        Checks.flag(config, "cursor", problems);
        boolean custom = config.has("input_format");
        if (config.has("region")) {
            int[] r = config.integers("region");
            if (r == null || r.length != 4) {
                problems.add("region", "must be four whole numbers [x, y, width, height]");
            } else if (r[0] < 0 || r[1] < 0) {
                problems.add("region", "x and y must be 0 or more");
            } else if (r[2] < 16 || r[3] < 16 || r[2] % 2 != 0 || r[3] % 2 != 0) {
                problems.add("region", "width and height must be even and at least 16");
            } else if (!custom && Checks.isOs("mac")) {
                problems.add("region", "macOS captures whole displays only; capture the display and crop the layer");
            }
        }
        Object window = config.settings().get("window");
        if (window != null) {
            if (!(window instanceof String w) || w.isBlank()) {
                problems.add("window", "must be the window's title (Windows) or id (X11)");
            } else if (config.has("region")) {
                problems.add("window", "give a window or a region, not both");
            } else if (!custom && Checks.isOs("mac")) {
                problems.add("window", "macOS captures whole displays only");
            } else if (!custom && !Checks.isOs("win") && !w.matches("(0x[0-9a-fA-F]+|\\d+)")) {
                problems.add("window", "on X11 a window is its id (0x…, see xwininfo), not '" + w + "'");
            }
        }
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        SourceSpec spec = new SourceSpec(SourceSpec.Kind.SCREEN, config.string("display", null),
                config.string("input_format", null));
        CaptureInput in = CaptureInput.forVideo(spec, context.canvas());
        String input = in.input();
        Map<String, String> options = new LinkedHashMap<>(in.options());
        int[] region = config.integers("region");
        String window = config.string("window", null);
        boolean cursor = config.flag("cursor", true);
        switch (in.format()) {
            case "x11grab" -> {
                if (region != null) {
                    options.put("video_size", region[2] + "x" + region[3]);
                    input = input + "+" + region[0] + "," + region[1];
                }
                if (window != null) options.put("window_id", window);
                options.put("draw_mouse", cursor ? "1" : "0");
            }
            case "gdigrab" -> {
                if (region != null) {
                    options.put("offset_x", Integer.toString(region[0]));
                    options.put("offset_y", Integer.toString(region[1]));
                    options.put("video_size", region[2] + "x" + region[3]);
                }
                if (window != null) input = "title=" + window;
                options.put("draw_mouse", cursor ? "1" : "0");
            }
            case "avfoundation" -> options.put("capture_cursor", cursor ? "1" : "0");
            default -> { }
        }
        in = new CaptureInput(in.format(), input, options, "lavfi".equals(in.format()), false);
        String label = window != null ? "window " + window : CaptureInput.label(spec, in);
        return new OpenedSource(config, new GrabberVideoSource(config.name(), in, label), null);
    }
}
