package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.util.Map;
import java.util.Set;

/** {@code tone}: the test tone (a sine with a beep every second, to hear and to check A/V sync by). */
final class ToneSourceKind implements SourceKind {
    @Override public String id() { return "tone"; }
    @Override public String displayName() { return "Test tone"; }
    @Override public Set<String> settingKeys() { return Set.of("frequency"); }
    @Override public boolean hasVideo(SourceConfig config) { return false; }
    @Override public boolean hasAudio(SourceConfig config) { return true; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.number(config, "frequency", 20, 20_000, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        long hz = Math.round(config.number("frequency", 440));
        CaptureInput in = new CaptureInput("lavfi", "sine=frequency=" + hz + ":beep_factor=4:sample_rate=48000",
                Map.of(), true, false);
        return new OpenedSource(config, null, new GrabberAudioSource(config.name(), in));
    }
}
