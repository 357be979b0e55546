package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A local recording as the studio and the CLI make it (the engine's own numbering and figures). */
class RecordingTest {

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
            LiveFixture.sleepSeconds(3);
        } finally {
            b.stop();
        }
        Path third = dir.resolve("show-3.mkv");
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
    }
}
