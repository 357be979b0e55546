package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.BundledTools;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ingest that answers "Already publishing" (the key's earlier session still open: after a
 * network switch, or right after a bandwidth test) is busy, not refusing: the output retries with
 * backoff, says why, and goes live once the key is free. A real second publisher holds the key.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class BusyIngestTest {
    /** How long the stream runs once the key is free. */
    private static final int LIVE_SECONDS = 6;
    private static final String KEY = "sk_busy_key_31337";

    @Test
    void aKeyStillPublishingIsRetriedAndGoesLiveOnceFree() throws Exception {
        Path dir = TestWorkdir.fresh("busy-key");
        EncoderSettings s = LiveFixture.reference720p();
        LiveFixture.Transitions transitions = new LiveFixture.Transitions();
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("ingest"))) {
            // the earlier session: another publisher on the same key, for longer than the test needs
            Process holder = BundledTools.startFfmpeg(BundledTools.testStreamArgs(nginx.url(NginxRtmp.LIVE, KEY),
                    320, 180, 30, 120), dir.resolve("holder.log"));
            Broadcast b = null;
            try {
                LiveFixture.await("the key is publishing", Duration.ofSeconds(30),
                        () -> nginx.errorLog().contains("publish: name='" + KEY + "'"));
                b = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine",
                        OutputTarget.network(Destination.parse("primary", nginx.url(NginxRtmp.LIVE, KEY)))), transitions::record);
                Broadcast broadcast = b;
                LiveFixture.await("the busy key noticed", Duration.ofSeconds(15),
                        () -> broadcast.output("primary").status().reason().contains("already publishing"));
                // retried, never given up on, while the other session holds the key
                LiveFixture.sleepSeconds(4);
                assertThat(b.output("primary").state()).isEqualTo(OutputState.RECONNECTING);
                assertThat(transitions.events).noneMatch(e -> e.startsWith("primary:FAILED"));
                String waiting = b.output("primary").status().reason();
                assertThat(waiting).matches("the ingest says this stream key is already publishing \\(an earlier session "
                        + "may still be open\\); retry in \\d+\\.\\d s \\(attempt \\d+\\)").doesNotContain(KEY);

                holder.destroy(); // the earlier session ends
                assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
                long freedAt = System.nanoTime();
                LiveFixture.await("live once the key is free", Duration.ofSeconds(10),
                        () -> broadcast.output("primary").state() == OutputState.LIVE);
                double after = (System.nanoTime() - freedAt) / 1e9;
                System.out.printf(Locale.ROOT, "FIGURES busy key: live %.2f s after the other session ended; "
                        + "while it held the key: %s%n", after, waiting);
                LiveFixture.sleepSeconds(LIVE_SECONDS);
                assertThat(b.output("primary").state()).isEqualTo(OutputState.LIVE);
            } finally {
                if (b != null) b.stop();
                holder.destroyForcibly();
            }
            // the holder's session, each attempt refused while it held the key, and ours
            nginx.awaitAllPublishesFinished(NginxRtmp.LIVE, KEY, Duration.ofSeconds(10));
            List<Path> recordings = nginx.recordings(KEY);
            Ffprobe.Probe ours = Ffprobe.probe(recordings.get(recordings.size() - 1));
            DualRtmpTest.report("after-busy-key", ours);
            assertThat(ours.video().width()).as("our stream, not the other publisher's").isEqualTo(s.width());
            assertThat(ours.firstVideoPacketIsKey()).isTrue();
            // a new connection starts on a keyframe, up to a GOP after it went live
            assertThat(ours.videoFrameCount()).isGreaterThanOrEqualTo((int) ((LIVE_SECONDS - s.gopSeconds() - 1) * s.fps()));
        }
    }
}
