package io.castline.engine.source;

import io.castline.engine.settings.Problems;

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
        SourceSpec spec = new SourceSpec(SourceSpec.Kind.TESTSRC, null, null);
        CaptureInput in = CaptureInput.forVideo(spec, context.canvas());
        return new OpenedSource(config, new GrabberVideoSource(config.name(), in, CaptureInput.label(spec, in)), null);
    }
}
