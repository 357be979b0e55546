package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import io.castline.testing.WhipReceiver;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WHIP outputs against a real WebRTC stack: headless Chromium behind a small WHIP endpoint
 * ({@link WhipReceiver}) answers FFmpeg's offer, and its {@code RTCPeerConnection} decodes the
 * H.264 and Opus that arrive; the test reads what it decoded (getStats) and what it shows (the
 * video's pixels on a canvas).
 */
class WhipOutputTest {
    private static final String TOKEN = "whip-bearer-token-5k2q9";

    /** H.264 main without B-frames: what WebRTC takes. */
    static EncoderSettings webRtc(int kbps) {
        EncoderSettings.Builder b = LiveFixture.small(kbps).toBuilder();
        b.bframes = 0;
        b.profile = "main";
        return b.build().validated();
    }

    static long number(Map<String, Object> report, String key) {
        Object v = report.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    @Test
    void theBroadcastReachesChromiumOverWebRtcAndTheRecordingGoesOn() throws Exception {
        Path dir = TestWorkdir.fresh("whip-engine");
        try (WhipReceiver receiver = new WhipReceiver(dir, TOKEN)) {
            Destination d = Destination.parse("web", receiver.url(TOKEN));
            assertThat(d.maskedUrl()).doesNotContain(TOKEN);
            Path recording = dir.resolve("rec.mkv");
            Broadcast b = Broadcast.start(new Broadcast.Config(webRtc(800),
                    io.castline.engine.source.SourceSpec.parseVideo("testsrc", null),
                    io.castline.engine.source.SourceSpec.parseAudio("sine", null),
                    java.util.List.of(OutputTarget.network(d), OutputTarget.recording("recording", recording)),
                    io.castline.engine.output.Output.Config.standard()), null);
            try {
                LiveFixture.await("the WHIP output live", Duration.ofSeconds(20),
                        () -> b.outputs().get(0).status().state() == OutputState.LIVE
                                || b.outputs().get(0).status().state() == OutputState.FAILED);
                OutputStatus s = b.outputs().get(0).status();
                System.out.println("whip status: " + s.state() + " " + s.reason() + " requests " + receiver.requests());
                System.out.println("offer: " + receiver.lastOffer() + "\nanswer: " + receiver.lastAnswer());
                assertThat(s.state()).as(s.reason()).isEqualTo(OutputState.LIVE);
                LiveFixture.sleepSeconds(5);
                Map<String, Object> r = receiver.report(null);
                System.out.printf(Locale.ROOT, "FIGURES whip engine: %s%n", r);
                assertThat(number(r, "framesDecoded")).as("frames decoded by Chromium: " + r).isGreaterThan(60);
                assertThat(number(r, "width")).isEqualTo(640);
                assertThat(number(r, "height")).isEqualTo(360);
                assertThat(number(r, "audioPackets")).as("Opus packets: " + r).isGreaterThan(50);
                assertThat(String.valueOf(r.get("audioCodec")).toLowerCase(Locale.ROOT)).isEqualTo("audio/opus");
                assertThat(b.outputs().get(1).status().state()).isEqualTo(OutputState.LIVE);
            } finally {
                b.stop();
            }
            Ffprobe.Probe p = Ffprobe.probe(recording);
            assertThat(p.audio().codecName()).as("the recording keeps AAC").isEqualTo("aac");
            assertThat(p.videoFrameCount()).isGreaterThan(100);
        }
    }
}
