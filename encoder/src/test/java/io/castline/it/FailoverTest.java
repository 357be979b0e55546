package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hot standby: the primary ingest dies and comes back; the backup never notices. */
@Tag("fault-matrix") // docs/fault-matrix.md
class FailoverTest {
    private static final String KEY = "sk_failover_abcdef123";

    @Test
    void backupIsUntouchedWhenPrimaryDiesAndPrimaryResumesOnAKeyframe() throws Exception {
        Path dir = TestWorkdir.fresh("failover");
        EncoderSettings s = LiveFixture.reference720p();
        LiveFixture.Transitions transitions = new LiveFixture.Transitions();
        try (NginxRtmp primary = NginxRtmp.start(dir.resolve("primary"));
             NginxRtmp backup = NginxRtmp.start(dir.resolve("backup"))) {
            Broadcast b = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", primary.url(NginxRtmp.LIVE, KEY))),
                    OutputTarget.network(Destination.parse("backup", backup.url(NginxRtmp.LIVE, KEY)))),
                    transitions::record);
            long killedAt;
            long restartedAt;
            long liveAgainAt;
            try {
                LiveFixture.await("both live", Duration.ofSeconds(10), () ->
                        b.output("primary").state() == OutputState.LIVE && b.output("backup").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(5);

                primary.kill();
                killedAt = System.nanoTime();
                LiveFixture.await("primary reconnecting", Duration.ofSeconds(8),
                        () -> b.output("primary").state() == OutputState.RECONNECTING);
                double noticedAfter = (System.nanoTime() - killedAt) / 1e9;
                assertThat(b.output("primary").status().reason()).as("reason of the reconnect").isNotBlank();
                assertThat(b.output("backup").state()).isEqualTo(OutputState.LIVE);
                LiveFixture.sleepSeconds(5);
                assertThat(b.output("primary").state()).isEqualTo(OutputState.RECONNECTING);
                assertThat(b.output("backup").state()).isEqualTo(OutputState.LIVE);

                primary.restart();
                restartedAt = System.nanoTime();
                LiveFixture.await("primary live again", Duration.ofSeconds(5),
                        () -> b.output("primary").state() == OutputState.LIVE);
                liveAgainAt = System.nanoTime();
                LiveFixture.sleepSeconds(5);
                assertThat(b.output("primary").status().reconnects()).isEqualTo(1);
                assertThat(b.output("backup").status().reconnects()).isZero();
                assertThat(b.output("backup").status().droppedFrames()).isZero();
                System.out.printf(Locale.ROOT, "FIGURES failover: loss noticed after %.2f s; live again %.2f s after "
                                + "the server came back; primary reason while down: %s%n", noticedAfter,
                        (liveAgainAt - restartedAt) / 1e9, transitions.events.stream()
                                .filter(e -> e.startsWith("primary:RECONNECTING")).findFirst().orElse("?"));
            } finally {
                b.stop();
            }
            backup.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            primary.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));

            // the backup: one continuous recording, no gap, no lost frame. The one allowance is for ticks
            // the compositor's clock missed (its thread woken later than a frame on a busy machine): those
            // are counted as lagged, are missing from every output alike, and are not the failover's doing
            long lagged = b.lastSnapshot().frames().lagged();
            Ffprobe.Probe k = Ffprobe.probe(backup.recordings(KEY).get(0));
            DualRtmpTest.report("backup-during-failover", k);
            assertThat(backup.recordings(KEY)).hasSize(1);
            assertThat(k.maxVideoGapSeconds()).isLessThanOrEqualTo((2.0 + lagged) / s.fps() + 0.002);
            assertThat(k.videoFrameCount()).as("every frame the encoder made").isEqualTo(b.encodedFrames());
            List<Ffprobe.Packet> v = k.videoPackets();
            double span = v.stream().mapToDouble(Ffprobe.Packet::ptsTime).max().orElseThrow()
                    - v.stream().mapToDouble(Ffprobe.Packet::ptsTime).min().orElseThrow();
            assertThat(k.videoFrameCount()).as("frames = span × fps + 1 − missed ticks (none lost)")
                    .isBetween((int) Math.round(span * s.fps()) + 1 - (int) lagged, (int) Math.round(span * s.fps()) + 1);
            assertThat(span).isGreaterThan(14);

            // the primary after its restart: a new publish that starts on a keyframe, with codec headers
            List<Path> primaryRecordings = primary.recordings(KEY);
            assertThat(primaryRecordings).hasSize(2);
            Ffprobe.Probe resumed = Ffprobe.probe(primaryRecordings.get(1));
            DualRtmpTest.report("primary-after-restart", resumed);
            assertThat(resumed.video().codecName()).isEqualTo("h264");
            assertThat(resumed.video().width()).isEqualTo(s.width());
            assertThat(resumed.firstVideoPacketIsKey()).isTrue();
            // and goes on without a freeze on that keyframe (an old backlog would be cut down to it)
            assertThat(resumed.maxVideoGapSeconds()).isLessThanOrEqualTo(2.0 / s.fps() + 0.002);
            assertThat(resumed.measuredFps()).isCloseTo(s.fps(), within(0.5));
            assertThat(resumed.audio().codecName()).isEqualTo("aac");
        }
    }
}
