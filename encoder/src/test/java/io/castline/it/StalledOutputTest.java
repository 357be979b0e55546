package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import io.castline.testing.ThrottlingProxy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A primary whose network path silently stops moving bytes (no RST: a pulled cable, a dead NAT):
 * the write timeout notices it within seconds, the primary's queue stays bounded, and neither the
 * encoder nor the backup is held up.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class StalledOutputTest {
    private static final String KEY = "sk_stalled_555";

    @Test
    void aStalledPrimaryIsNoticedAndStallsNothingElse() throws Exception {
        Path dir = TestWorkdir.fresh("stalled");
        try (NginxRtmp primary = NginxRtmp.start(dir.resolve("primary"));
             NginxRtmp backup = NginxRtmp.start(dir.resolve("backup"));
             ThrottlingProxy uplink = new ThrottlingProxy(primary.port(), 0)) {
            Broadcast b = Broadcast.start(LiveFixture.config(LiveFixture.reference720p(), "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", "rtmp://127.0.0.1:" + uplink.port() + "/live/" + KEY)),
                    OutputTarget.network(Destination.parse("backup", backup.url(NginxRtmp.LIVE, KEY)))), null);
            try {
                LiveFixture.await("both live", Duration.ofSeconds(10), () ->
                        b.output("primary").state() == OutputState.LIVE && b.output("backup").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(3);
                long encodedBefore = b.encodedFrames();
                uplink.stall();
                long stalledAt = System.nanoTime();
                LiveFixture.await("the stall noticed", Duration.ofSeconds(15),
                        () -> b.output("primary").state() != OutputState.LIVE);
                double noticed = (System.nanoTime() - stalledAt) / 1e9;
                long maxQueueMs = 0;
                for (int i = 0; i < 20; i++) {
                    maxQueueMs = Math.max(maxQueueMs, b.output("primary").status().queueMs());
                    Thread.sleep(100);
                }
                System.out.printf(Locale.ROOT, "FIGURES stall: noticed after %.1f s, reason: %s%n", noticed,
                        b.output("primary").status().reason());
                assertThat(noticed).isLessThan(10);
                assertThat(b.output("primary").status().reason()).isNotBlank();
                assertThat(b.output("backup").state()).isEqualTo(OutputState.LIVE);
                assertThat(b.output("backup").status().droppedFrames()).isZero();
                assertThat(b.output("backup").status().queueMs()).isLessThan(1000);
                // the encoder kept its pace through all of it
                double seconds = (System.nanoTime() - stalledAt) / 1e9;
                assertThat(b.encodedFrames() - encodedBefore).isGreaterThanOrEqualTo((long) (seconds * 30 * 0.95));
                // a stalled output never makes the encoder wait: it skips a frame only when the CPU
                // is short (a loaded 2-core machine), a few at most, never the stall's five seconds
                long skipped = b.lastSnapshot().frames().skipped();
                System.out.printf(Locale.ROOT, "FIGURES stall: %d frames skipped of %d encoded%n", skipped,
                        b.encodedFrames() - encodedBefore);
                assertThat(skipped).isLessThanOrEqualTo((long) Math.ceil(seconds * 30 * 0.02));
                uplink.resume();
            } finally {
                b.stop();
            }
            backup.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            Ffprobe.Probe k = Ffprobe.probe(backup.recordings(KEY).get(0));
            // the backup got every frame the encoder made, and its pictures are evenly spaced: a longer
            // gap can only be a tick the compositor's clock missed (its thread woken too late on a busy
            // machine: counted as lagged, and in the primary's stream as well), never the stalled primary
            long lagged = b.lastSnapshot().frames().lagged();
            assertThat(k.videoFrameCount()).isEqualTo(b.encodedFrames());
            assertThat(k.maxVideoGapSeconds()).isLessThan(0.07 + lagged / 30.0);
        }
    }
}
