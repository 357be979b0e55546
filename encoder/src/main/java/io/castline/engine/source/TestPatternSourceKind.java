package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.util.Map;
import java.util.Set;

/** {@code testsrc}: FFmpeg's moving test pattern at the canvas's size and rate. */
final class TestPatternSourceKind implements SourceKind {
    @Override public String id() { return "testsrc"; }
    @Override public String displayName() { return "Test pattern"; }
    @Override public Set<String> settingKeys() { return Set.of(); }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }
    @Override public void check(SourceConfig config, Context context, Problems problems) {}

    @Override public OpenedSource open(SourceConfig config, Context context) {
        var c = context.canvas();
        CaptureInput in = new CaptureInput("lavfi", "testsrc2=size=" + c.width() + "x" + c.height() + ":rate=" + c.fps(),
                Map.of(), true, false);
        return new OpenedSource(config, new GrabberVideoSource(config.name(), in, "the test pattern"), null);
    }
}
