package io.castline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code castline soak --json} runs end to end for a few seconds (the hidden {@code --seconds})
 * and prints one JSON object with the fields the issue asks for, measured: frames that arrived at
 * each receiver, drift figures that are numbers, memory and threads. A smoke run: nothing is held
 * to a speed or a size — benchmarks are not timed tests.
 */
class SoakSmokeTest {

    @Test
    void soakPrintsOneJsonObjectWithMeasuredFigures() throws Exception {
        Path dir = TestWorkdir.fresh("soak-smoke");
        Path out = dir.resolve("stdout.json");
        Path err = dir.resolve("stderr.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.castline.cli.Main",
                "soak", "--json", "--seconds", "6", "--interval", "2", "--canvas", "320x180", "--bitrate", "500k");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("soak finished").isTrue();
        String log = Files.readString(err);
        assertThat(p.exitValue()).as(log).isZero();
        // a progress line per interval on stderr, with the figures it promises
        assertThat(log.lines().filter(l -> l.startsWith("castline soak: 00:0")).toList()).as(log)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(l -> assertThat(l).contains("rss", "heap", "threads", "rendered", "encoded",
                        "primary LIVE", "backup LIVE", "recording LIVE", "dropped", "reconnects"));

        String stdout = Files.readString(out).strip();
        assertThat(stdout.lines().count()).as("one object on one line").isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertThat(json.get("canvas").asText()).isEqualTo("320x180");
        assertThat(json.get("seconds").asDouble()).isBetween(5.9, 7.0);
        assertThat(json.path("receiver").asText()).isIn("nginx-rtmp", "ffmpeg-listen");

        boolean linux = System.getProperty("os.name").toLowerCase().contains("linux");
        for (String figure : List.of("first", "median", "max", "last")) {
            JsonNode rss = json.path("rss_mb").path(figure);
            assertThat(linux ? rss.isNumber() && rss.asDouble() > 0 : rss.isNumber() || rss.isNull()).as("rss_mb." + figure).isTrue();
            assertThat(json.path("heap_mb").path(figure).asDouble()).as("heap_mb." + figure).isPositive();
        }
        assertThat(json.path("rss_mb").has("slope_mb_per_10min")).isTrue();
        assertThat(json.path("threads").path("max").asInt()).isGreaterThanOrEqualTo(json.path("threads").path("first").asInt());
        assertThat(json.path("threads").path("java_last").asInt()).isPositive();

        JsonNode frames = json.path("frames");
        long encoded = frames.path("encoded").asLong();
        assertThat(frames.path("expected").asLong()).isBetween(170L, 210L); // ~6 s x 30 fps
        assertThat(encoded).isPositive().isLessThanOrEqualTo(frames.path("rendered").asLong());

        JsonNode outputs = json.path("outputs");
        assertThat(outputs).hasSize(3);
        assertThat(outputs.findValuesAsText("name")).containsExactly("primary", "backup", "recording");
        for (JsonNode o : outputs) {
            String name = o.path("name").asText();
            long arrived = o.path("arrived_frames").asLong();
            assertThat(arrived).as(name + " frames arrived").isPositive().isLessThanOrEqualTo(encoded);
            assertThat(o.path("lost_frames").asLong()).as(name).isEqualTo(encoded - arrived);
            assertThat(o.path("audio_packets").asLong()).as(name).isPositive();
            assertThat(o.path("files").asInt()).as(name).isEqualTo(1);
            JsonNode drift = o.path("drift_ms");
            for (String figure : List.of("start", "first", "last", "change", "end")) {
                assertThat(drift.path(figure).isNumber()).as(name + " drift_ms." + figure + " in " + o).isTrue();
                assertThat(Double.isFinite(drift.path(figure).asDouble())).isTrue();
            }
            assertThat(o.path("dropped_frames").isIntegralNumber()).isTrue();
            assertThat(o.path("reconnects").isIntegralNumber()).isTrue();
        }
        assertThat(json.path("cpu_cores").asDouble()).isPositive();
        assertThat(json.path("series").path("t_s").size()).isGreaterThanOrEqualTo(2);
        assertThat(json.has("other_load_cores")).isTrue();
        // the recordings were made in a temporary directory and are gone again
        assertThat(log).doesNotContain("recordings kept");
    }
}
