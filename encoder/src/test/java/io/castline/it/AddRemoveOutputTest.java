package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outputs added to and taken out of a running broadcast (the studio's recording on its own, and
 * Go Live while it records): an added output starts on a keyframe with its timeline at 0 however
 * long the program ran, a removed one finishes a playable file, and the others never notice.
 * Against a real nginx-rtmp, read back with ffprobe.
 */
class AddRemoveOutputTest {
    private static final String KEY = "sk_addremove_main_1";
    private static final String LATE_KEY = "sk_addremove_late_2";

    private static double firstPts(List<Ffprobe.Packet> packets) {
        return packets.stream().mapToDouble(Ffprobe.Packet::ptsTime).min().orElse(Double.NaN);
    }

    /** The largest step between frames in presentation order, the last {@code tail} frames left out. */
    private static double gapBeforeTheTail(Ffprobe.Probe p, int tail) {
        double[] pts = p.videoPackets().stream().mapToDouble(Ffprobe.Packet::ptsTime).sorted().toArray();
        double max = 0;
        for (int i = 1; i < pts.length - tail; i++) max = Math.max(max, pts[i] - pts[i - 1]);
        return max;
    }

    @Test
    void aRecordingAddedAndRemovedMidStreamAndADestinationAddedLate() throws Exception {
        Path dir = TestWorkdir.fresh("add-remove-output");
        EncoderSettings s = LiveFixture.small(800);
        try (NginxRtmp ingest = NginxRtmp.start(dir.resolve("nginx"))) {
            OutputTarget main = OutputTarget.network(Destination.parse("primary", ingest.url(NginxRtmp.LIVE, KEY)));
            LiveFixture.Transitions transitions = new LiveFixture.Transitions();
            Broadcast b = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine", main), transitions::record);
            Path file = dir.resolve("added.mkv");
            try {
                LiveFixture.await("primary LIVE", Duration.ofSeconds(15), () -> b.output("primary").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(3); // the program's clock is well past 0 when the recording starts
                b.addOutput(OutputTarget.recording("recording", file), transitions::record);
                assertThatThrownBy(() -> b.addOutput(OutputTarget.recording("recording", dir.resolve("twice.mkv")), null))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("running already");
                LiveFixture.await("recording LIVE", Duration.ofSeconds(10), () -> b.output("recording").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(4);
                OutputStatus recorded = b.removeOutput("recording").status();
                assertThat(recorded.state()).as("finished").isEqualTo(OutputState.STOPPED);
                assertThat(recorded.droppedFrames()).as("the pictures before its first keyframe were never its own").isZero();
                assertThat(b.outputs()).extracting(o -> o.name()).containsExactly("primary");
                assertThat(b.removeOutput("recording")).as("gone already").isNull();

                b.addOutput(OutputTarget.network(Destination.parse("late", ingest.url(NginxRtmp.LIVE, LATE_KEY))), transitions::record);
                LiveFixture.await("late LIVE", Duration.ofSeconds(15), () -> b.output("late").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(3);
                assertThat(b.output("primary").state()).isEqualTo(OutputState.LIVE);
                assertThat(b.output("primary").status().reconnects()).as("the primary never noticed").isZero();
                assertThat(b.output("late").status().droppedFrames()).as("joined mid-GOP, dropped nothing").isZero();
            } finally {
                b.stop();
            }

            Ffprobe.Probe rec = Ffprobe.probe(file);
            System.out.printf(Locale.ROOT, "FIGURES added recording: %d frames, %.2f s, first video pts %.3f s, "
                            + "first audio pts %.3f s%n", rec.videoFrameCount(), rec.durationSeconds(),
                    firstPts(rec.videoPackets()), firstPts(rec.audioPackets()));
            assertThat(rec.firstVideoPacketIsKey()).as("starts on a keyframe").isTrue();
            assertThat(firstPts(rec.videoPackets())).as("its timeline starts at 0, not at the program's clock")
                    .isBetween(0.0, 0.2);
            assertThat(firstPts(rec.audioPackets())).as("and its sound with it").isBetween(0.0, 0.2);
            assertThat(rec.audio().codecName()).isEqualTo("aac");
            // 4 s after LIVE, less up to one keyframe interval waited for at the start
            assertThat(rec.durationSeconds()).isBetween(4.0 - s.gopSeconds() - 0.5, 5.5);
            assertThat(rec.measuredFps()).isBetween(s.fps() * 0.9, s.fps() * 1.1);
            // cut mid-GOP, its end can only lack the B-frames shown before its last frame
            assertThat(gapBeforeTheTail(rec, s.bframes() + 1)).as("no frame missing before the end").isLessThan(1.5 / s.fps());

            ingest.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            ingest.awaitPublishesFinished(NginxRtmp.LIVE, LATE_KEY, 1, Duration.ofSeconds(10));
            Ffprobe.Probe primary = Ffprobe.probe(ingest.recordings(KEY).get(0));
            Ffprobe.Probe late = Ffprobe.probe(ingest.recordings(LATE_KEY).get(0));
            System.out.printf(Locale.ROOT, "FIGURES primary: %d frames, max gap %.3f s; late destination: %d frames, "
                    + "first pts %.3f s%n", primary.videoFrameCount(), primary.maxVideoGapSeconds(), late.videoFrameCount(),
                    firstPts(late.videoPackets()));
            assertThat(gapBeforeTheTail(primary, s.bframes() + 1)).as("the primary went on through both").isLessThan(1.5 / s.fps());
            assertThat(primary.videoFrameCount()).isGreaterThan((int) (10 * s.fps() * 0.9));
            assertThat(late.firstVideoPacketIsKey()).isTrue();
            assertThat(firstPts(late.videoPackets())).isBetween(0.0, 0.2);
            assertThat(late.videoFrameCount()).isGreaterThan((int) (2 * s.fps()));
        }
    }
}
