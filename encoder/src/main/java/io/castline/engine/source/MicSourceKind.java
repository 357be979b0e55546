package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.util.Set;

/** {@code mic}: a sound capture device (pulse, dshow, avfoundation); sound only, always in the mix. */
final class MicSourceKind implements SourceKind {
    @Override public String id() { return "mic"; }
    @Override public String displayName() { return "Microphone"; }
    @Override public Set<String> settingKeys() { return Set.of("device", "input_format"); }
    @Override public boolean hasVideo(SourceConfig config) { return false; }
    @Override public boolean hasAudio(SourceConfig config) { return true; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.text(config, "device", false, problems);
        Checks.text(config, "input_format", false, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        SourceSpec spec = new SourceSpec(SourceSpec.Kind.MIC, config.string("device", null), config.string("input_format", null));
        return new OpenedSource(config, null, new GrabberAudioSource(config.name(), CaptureInput.forAudio(spec)));
    }
}
