package io.castline.it;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import io.castline.testing.ThrottlingProxy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code castline bandwidth-test}, {@code live --bandwidth-test} and {@code --metrics-port} as a user runs them. */
@Tag("fault-matrix") // docs/fault-matrix.md
class CliUplinkTest {
    private static final String KEY = "bw_cli_SECRET_4242";

    private static Process castline(Path dir, List<String> args) throws Exception {
        return LiveFixture.castline(args, dir.resolve("stdout.log"), dir.resolve("stderr.log"));
    }

    @Test
    void bandwidthTestPrintsJsonWithTheAggregateAndEachPath() throws Exception {
        Path dir = TestWorkdir.fresh("cli-bwtest");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("ingest"));
             ThrottlingProxy uplink = new ThrottlingProxy(nginx.port(), 4000)) {
            String a = "rtmp://127.0.0.1:" + uplink.port() + "/live/" + KEY + "_a";
            String b = "rtmp://127.0.0.1:" + uplink.port() + "/live/" + KEY + "_b";
            Process p = castline(dir, List.of("bandwidth-test", a, b, "--seconds", "8", "--max-kbps", "6M", "--json"));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(dir.resolve("stdout.log"));
            assertThat(p.exitValue()).as(out + Files.readString(dir.resolve("stderr.log"))).isZero();
            JsonNode json = new ObjectMapper().readTree(out);
            // two paths share one 4 Mbps uplink: together they sustain it, each about half
            assertThat(json.get("kbps").asDouble()).isCloseTo(4000, within(4000 * 0.15));
            assertThat(json.get("paths")).hasSize(2);
            for (JsonNode path : json.get("paths")) {
                assertThat(path.get("kbps").asDouble()).isBetween(1000.0, 3000.0);
                assertThat(path.get("limited").asBoolean()).isTrue();
                assertThat(path.get("url").asText()).doesNotContain(KEY);
            }
            assertThat(out + Files.readString(dir.resolve("stderr.log"))).doesNotContain(KEY);
        }
    }

    /**
     * The bandwidth test pushes more than this path carries, so its session on the key lingers at
     * the ingest (its backlog drains through the throttle after it ended) while the live stream
     * publishes on the same key: the ingest answers "Already publishing" and the live output waits
     * and retries instead of failing.
     */
    @Test
    void liveOnTheSameKeyRightAfterItsBandwidthTestOnATightPath() throws Exception {
        Path dir = TestWorkdir.fresh("cli-bwtest-then-live");
        String key = KEY + "_same";
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("ingest"));
             ThrottlingProxy uplink = new ThrottlingProxy(nginx.port(), 1500)) {
            Process p = castline(dir, List.of("live", "--canvas", "640x360", "--bitrate", "1M",
                    "--primary", "rtmp://127.0.0.1:" + uplink.port() + "/live/" + key,
                    "--bandwidth-test", "--bandwidth-test-seconds", "4", "--duration", "10"));
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve("stderr.log"));
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).contains("primary live").doesNotContain("primary failed").doesNotContain(key);

            // the test's session, any attempt the ingest refused, and the live one
            nginx.awaitAllPublishesFinished(NginxRtmp.LIVE, key, Duration.ofSeconds(20));
            List<Path> recordings = nginx.recordings(key);
            Ffprobe.Probe live = Ffprobe.probe(recordings.get(recordings.size() - 1));
            System.out.printf(Locale.ROOT, "FIGURES bandwidth test then live on one key: %d publishes, the live one "
                    + "%.1f s of %dx%d%n", recordings.size(), live.durationSeconds(), live.video().width(), live.video().height());
            assertThat(live.video().width()).as("the live stream, not the 320x180 test picture").isEqualTo(640);
            assertThat(live.firstVideoPacketIsKey()).isTrue();
            assertThat(live.videoFrameCount()).isGreaterThan(3 * 30);
        }
    }

    @Test
    void liveWithABandwidthTestAndMetrics() throws Exception {
        Path dir = TestWorkdir.fresh("cli-live-uplink");
        Path stats = dir.resolve("stats.jsonl");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("ingest"));
             ThrottlingProxy uplink = new ThrottlingProxy(nginx.port(), 20_000)) {
            Process p = castline(dir, List.of("live", "--canvas", "640x360", "--bitrate", "1M",
                    "--primary", "rtmp://127.0.0.1:" + uplink.port() + "/live/" + KEY,
                    "--bandwidth-test", "--bandwidth-test-seconds", "4", "--metrics-port", "0",
                    "--duration", "8", "--stats", stats.toString()));
            Path stderr = dir.resolve("stderr.log");
            Pattern port = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");
            String metrics = null;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (metrics == null && System.nanoTime() < end && p.isAlive()) {
                Matcher m = port.matcher(Files.exists(stderr) ? Files.readString(stderr) : "");
                if (m.find()) {
                    Thread.sleep(3000); // a few stats seconds
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + m.group(1) + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                    metrics = r.body();
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(stderr);
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).contains("bandwidth of the uplink").doesNotContain(KEY);

            assertThat(metrics).as("metrics served while live").isNotNull();
            assertThat(metrics).contains("castline_output_kbps{output=\"primary\"}")
                    .contains("castline_output_state{output=\"primary\",state=\"LIVE\"} 1.0")
                    .contains("castline_uplink_capacity_kbps ")
                    .contains("castline_uplink_verdict{verdict=\"ok\"} 1.0")
                    .contains("castline_frames_rendered_total ")
                    .doesNotContain(KEY);

            List<String> lines = Files.readAllLines(stats);
            JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
            assertThat(last.get("uplink").get("verdict").asText()).isEqualTo("ok");
            assertThat(last.get("uplink").get("capacity_kbps").asDouble()).isGreaterThan(1.3 * 1128);
            assertThat(last.get("uplink").get("capacity_source").asText()).isEqualTo("bandwidth test");
            assertThat(last.get("outputs").get(0).get("rtt_ms").isNumber()).as("TCP RTT of the output's connection").isTrue();
        }
    }
}
