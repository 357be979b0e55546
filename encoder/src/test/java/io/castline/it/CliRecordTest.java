package io.castline.it;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code castline live --record} as a user runs it: a JVM of its own, killed or stopped. */
@Tag("fault-matrix") // docs/fault-matrix.md
class CliRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double FPS = 30;

    /**
     * {@code kill -9} while recording: the file plays to within a second of the kill. The kill
     * comes right after a {@code --stats} line, at a moment the pipeline keeps up (an overloaded
     * machine delays frames before they reach any output, which is not what this measures). What
     * is lost is counted in frames: those the encoder had been given by the kill (the line's
     * {@code frames.encoded}, plus 30 a second since) against those the file decodes; audio by
     * where its last decoded frame ends against the video's, on the file's own timeline (the MP4
     * muxer moves the first timestamp to 0, so the clock's time cannot be compared directly).
     */
    @ParameterizedTest
    @ValueSource(strings = {"mkv", "mp4"})
    void killMinusNineLosesLessThanASecond(String type) throws Exception {
        Path dir = TestWorkdir.fresh("cli-kill-" + type);
        Path recording = dir.resolve("killed." + type);
        Path stats = dir.resolve("stats.jsonl");
        Process p = LiveFixture.castline(List.of("live", "--canvas", "640x360", "--bitrate", "1M",
                "--record", recording.toString(), "--stats", stats.toString()), dir.resolve("castline.log"), null);
        double framesAtKill;
        try {
            framesAtKill = killWhenKeepingUp(p, stats, 6);
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        Ffprobe.Decoded d = Ffprobe.decode(recording);
        double videoLost = (framesAtKill - d.videoTimes().size()) / FPS;
        double audioLost = videoLost + d.videoEnd() - d.audioEnd();
        System.out.printf(Locale.ROOT, "FIGURES kill -9 (%s): %.0f frames encoded by the kill, %d decode from the file "
                        + "(video to %.2f s, audio to %.2f s on its timeline): %.2f s of video and %.2f s of audio lost%n",
                type, framesAtKill, d.videoTimes().size(), d.videoEnd(), d.audioEnd(), videoLost, audioLost);
        assertThat(d.videoTimes()).hasSizeGreaterThan(100);
        assertThat(videoLost).as("video lost to kill -9").isLessThan(1.0);
        assertThat(audioLost).as("audio lost to kill -9").isLessThan(1.0);
    }

    /** Kills {@code p} right after the {@code n}th stats line that finds it keeping up; returns the frames encoded by then. */
    private static double killWhenKeepingUp(Process p, Path stats, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        int seen = 0;
        int keepingUp = 0;
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("castline still running").isTrue();
            List<String> lines = Files.exists(stats) ? Files.readAllLines(stats) : List.of();
            if (lines.size() > seen && lines.get(lines.size() - 1).endsWith("}")) {
                long seenAt = System.nanoTime();
                seen = lines.size();
                JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
                keepingUp = Math.abs(last.get("fps").asDouble() - FPS) <= 1 ? keepingUp + 1 : 0;
                if (seen >= n && keepingUp >= 2) {
                    p.destroyForcibly(); // SIGKILL
                    return last.get("frames").get("encoded").asLong() + (System.nanoTime() - seenAt) / 1e9 * FPS;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the pipeline never kept up at 30 fps for 2 s in a row (machine overloaded?)");
    }

    /** Starting a recording never overwrites a file: the next number is taken and named on stderr. */
    @Test
    void anExistingRecordingIsLeftAloneAndTheNewFileNamed() throws Exception {
        Path dir = TestWorkdir.fresh("cli-record-existing");
        Path show = dir.resolve("show.mkv");
        Files.writeString(show, "yesterday's show");
        Path log = dir.resolve("castline.log");
        Path stderr = dir.resolve("stderr.txt");
        Process p = LiveFixture.castline(List.of("live", "--canvas", "320x180", "--bitrate", "300k",
                "--record", show.toString(), "--duration", "3"), log, stderr);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(stderr);
        assertThat(p.exitValue()).as(err).isZero();
        Path second = dir.resolve("show-2.mkv");
        assertThat(show).hasContent("yesterday's show");
        assertThat(err).contains("castline: recording live: recording to " + second + " (show.mkv exists and is left as it was)")
                .contains("castline: recording stopped: stopped; recorded " + second + " (");
        assertThat(Ffprobe.probe(second).durationSeconds()).isGreaterThan(2.5);
    }
}
