package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.RecordingStatus;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.stats.StatsSnapshot;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A local recording as the studio and the CLI make it (the engine's own numbering and figures). */
@Tag("fault-matrix") // docs/fault-matrix.md
class RecordingTest {

    /**
     * The Recording card's kbps: the muxer writes the file a cluster (or 256 KiB) at a time, so the
     * file's growth per second read 0 one second and twice the rate the next; the rate handed to
     * the file is steady.
     */
    @Test
    void recordingKbpsIsSteadyAndTrue() throws Exception {
        Path dir = TestWorkdir.fresh("recording-kbps");
        EncoderSettings s = LiveFixture.reference720p();
        List<StatsSnapshot> seen = new CopyOnWriteArrayList<>();
        Broadcast b = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine",
                OutputTarget.recording("recording", dir.resolve("rate.mkv"))), null);
        try {
            b.addStatsListener(seen::add);
            LiveFixture.await("10 seconds of stats", Duration.ofSeconds(30), () -> seen.size() >= 10);
        } finally {
            b.stop();
        }
        double[] kbps = seen.stream().skip(2).mapToDouble(x -> x.outputs().get(0).kbps()).toArray();
        double[] sorted = kbps.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        int expected = s.bitrateKbps() + s.audioBitrateKbps();
        System.out.printf(Locale.ROOT, "FIGURES recording kbps per second (expected about %d): %s%n", expected,
                Arrays.toString(kbps));
        assertThat(median).as("median kbps").isBetween(0.85 * expected, 1.15 * expected);
        for (double k : kbps) assertThat(k).as("every second's kbps: %s", Arrays.toString(kbps)).isBetween(0.75 * median, 1.25 * median);
        // and true: what the file holds over the run agrees with the figures shown
        long fileBytes = Files.size(dir.resolve("rate.mkv"));
        double fileKbps = fileBytes * 8 / 1000.0 / Ffprobe.probe(dir.resolve("rate.mkv")).durationSeconds();
        System.out.printf(Locale.ROOT, "FIGURES recording file: %.0f kbps over the file (%d bytes)%n", fileKbps, fileBytes);
        assertThat(median).isBetween(0.85 * fileKbps, 1.1 * fileKbps);
    }

    /** Starting a recording never overwrites a file: the studio's and the CLI's names go through the same engine. */
    @Test
    void anExistingFileIsLeftAloneAndTheNextNumberRecorded() throws Exception {
        Path dir = TestWorkdir.fresh("recording-existing");
        Path show = dir.resolve("show.mkv");
        Files.writeString(show, "yesterday's show");
        Files.writeString(dir.resolve("show-2.mkv"), "the day before");
        LiveFixture.Transitions transitions = new LiveFixture.Transitions();
        EncoderSettings s = LiveFixture.small(800);
        Broadcast b = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine",
                OutputTarget.recording("recording", show)), transitions::record);
        try {
            LiveFixture.await("recording", Duration.ofSeconds(10), () -> b.output("recording").state() == OutputState.LIVE);
            // the same as records, for the studio's card
            RecordingStatus live = b.output("recording").status().recording();
            assertThat(live.requested()).isEqualTo(show.toAbsolutePath());
            assertThat(live.current()).isEqualTo(dir.resolve("show-3.mkv").toAbsolutePath());
            assertThat(live.finished()).isEmpty();
            assertThat(live.problem()).isNull();
            LiveFixture.sleepSeconds(3);
        } finally {
            b.stop();
        }
        Path third = dir.resolve("show-3.mkv");
        RecordingStatus stoppedStatus = b.output("recording").status().recording();
        assertThat(stoppedStatus.current()).isNull();
        assertThat(stoppedStatus.finished()).extracting(RecordingStatus.RecordedFile::file).containsExactly(third.toAbsolutePath());
        assertThat(show).hasContent("yesterday's show");
        assertThat(dir.resolve("show-2.mkv")).hasContent("the day before");
        assertThat(transitions.events).contains("recording:LIVE:recording to " + third + " (show.mkv exists and is left as it was)");
        String stopped = transitions.events.get(transitions.events.size() - 1);
        System.out.println("FIGURES recording next to existing files: " + stopped);
        assertThat(stopped).startsWith("recording:STOPPED:stopped; recorded " + third + " (");
        Ffprobe.Probe p = Ffprobe.probe(third);
        assertThat(p.video().width()).isEqualTo(640);
        assertThat(p.durationSeconds()).isGreaterThan(2.5);
        assertThat(stopped).contains("(" + p.videoFrameCount() + " frames, ");
        assertThat(stoppedStatus.finished().get(0).videoFrames()).isEqualTo(p.videoFrameCount());
    }
}
