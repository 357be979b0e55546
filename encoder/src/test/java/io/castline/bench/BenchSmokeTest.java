package io.castline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code castline bench --json} runs end to end on a tiny workload (a few frames, a few seconds
 * live) and prints one JSON object with the fields the issue asks for. A smoke run: figures are
 * checked for presence and type only, never for speed — benchmarks are not timed tests.
 */
class BenchSmokeTest {

    @Test
    void benchPrintsOneJsonObjectWithEveryField() throws Exception {
        Path dir = TestWorkdir.fresh("bench-smoke");
        Path out = dir.resolve("stdout.json");
        Path err = dir.resolve("stderr.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.castline.cli.Main",
                "bench", "--json", "--canvas", "320x180", "--frames", "20", "--runs", "1", "--live-seconds", "3"));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("bench finished").isTrue();
        String log = Files.readString(err);
        assertThat(p.exitValue()).as(log).isZero();

        String stdout = Files.readString(out).strip();
        JsonNode json = new ObjectMapper().readTree(stdout);
        assertThat(json.isObject()).as(stdout).isTrue();
        assertThat(stdout.lines().count()).as("one object on one line").isEqualTo(1);

        assertThat(json.get("canvas").asText()).isEqualTo("320x180");
        assertThat(json.get("codec").asText()).isEqualTo("x264");
        assertThat(json.get("preset").asText()).isEqualTo("veryfast");
        assertThat(json.get("frames").asLong()).isEqualTo(20);
        assertThat(json.get("outputs").asInt()).isEqualTo(1);
        for (String field : List.of("castline_fps", "ffmpeg_fps", "ratio", "dual_output_overhead_pct")) {
            assertThat(json.path(field).isNumber()).as(field + " in " + stdout).isTrue();
        }
        for (String stage : List.of("compose", "convert", "encode", "mux")) {
            assertThat(json.path("stage_ms").path(stage).isNumber()).as("stage_ms." + stage).isTrue();
        }
        for (String percentile : List.of("p50", "p95")) {
            assertThat(json.path("latency_ms").path(percentile).isNumber()).as("latency_ms." + percentile).isTrue();
        }
        assertThat(json.path("latency_ms").path("receiver").asText()).isIn("nginx-rtmp", "ffmpeg-listen");
        // each output kind's own figure: RTMP, SRT, and WHIP where a Chromium can receive it (CI installs one)
        JsonNode kinds = json.path("latency_by_kind_ms");
        boolean chromium = ChromiumProcess.find() != null;
        for (String kind : chromium ? List.of("rtmp", "srt", "whip", "whip_received") : List.of("rtmp", "srt")) {
            assertThat(kinds.path(kind).path("p50").isNumber()).as(kind + " in " + kinds).isTrue();
            assertThat(kinds.path(kind).path("packets").asInt()).as(kind + " pictures").isPositive();
        }
        if (!chromium) assertThat(kinds.path("whip").path("measured_to").asText()).startsWith("not measured: no Chromium");
        boolean linux = System.getProperty("os.name").toLowerCase().contains("linux");
        JsonNode rss = json.path("rss_mb");
        assertThat(linux ? rss.isNumber() : rss.isNumber() || rss.isNull()).as("rss_mb").isTrue();
    }
}
