package io.castline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.engine.stats.MetricsExporter;
import io.castline.engine.stats.StatsSnapshot;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' monitoring kit (distribution/monitoring): the alert rules pass Prometheus' own
 * checks and their unit tests (`promtool`, Debian's prometheus package), the example Prometheus
 * config is valid, and every metric the rules and the Grafana dashboard name is one Castline's
 * exporter really serves (scraped from a running one), so a renamed metric cannot leave an alert
 * that never fires. The exporter can listen on every address for a Prometheus elsewhere.
 */
class MonitoringKitTest {
    private static final Path KIT = Path.of("..", "distribution", "monitoring").toAbsolutePath().normalize();
    private static final Pattern METRIC = Pattern.compile("\\bcastline_[a-z_]+\\b");

    @Test
    void theAlertRulesPassPromtoolsChecksAndTheirUnitTests() throws Exception {
        assertThat(promtool("check", "rules", "castline-alerts.yml")).contains("SUCCESS: 7 rules found");
        assertThat(promtool("test", "rules", "castline-alerts.test.yml")).contains("SUCCESS");
        assertThat(promtool("check", "config", "prometheus-castline.yml")).contains("SUCCESS");
    }

    @Test
    void everyMetricTheRulesAndTheDashboardNameIsServed() throws Exception {
        Set<String> named = new TreeSet<>();
        collect(Files.readString(KIT.resolve("castline-alerts.yml")), named);
        JsonNode dashboard = new ObjectMapper().readTree(KIT.resolve("castline-dashboard.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThan(8);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) collect(target.path("expr").asText(), named);
        }
        assertThat(named).contains("castline_output_state", "castline_uplink_headroom_pct", "castline_uplink_utilization_pct",
                "castline_uplink_retrans_pct", "castline_frames_lagged_total", "castline_output_srt_packets_dropped");

        try (MetricsExporter exporter = MetricsExporter.start(0, MonitoringKitTest::everyFigureKnown)) {
            String served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + exporter.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Set<String> families = new TreeSet<>();
            Matcher m = Pattern.compile("(?m)^(castline_[a-z_]+)[{ ]").matcher(served);
            while (m.find()) families.add(m.group(1));
            assertThat(families).as("served: " + families).containsAll(named);
            // the state gauge the not-live alert reads, with the labels it selects on
            assertThat(served).contains("castline_output_state{output=\"backup\",state=\"LIVE\"} 0.0");
        }
    }

    @Test
    void onTheNetworkTheExporterListensOnEveryAddress() throws Exception {
        try (MetricsExporter wide = MetricsExporter.start(0, MonitoringKitTest::everyFigureKnown, true);
             MetricsExporter local = MetricsExporter.start(0, MonitoringKitTest::everyFigureKnown)) {
            String listening = Files.readString(Path.of("/proc/net/tcp")) + Files.readString(Path.of("/proc/net/tcp6"));
            // state 0A = LISTEN; 0.0.0.0 (or ::) for every address; 127.0.0.1 as itself or IPv4-mapped (::ffff:127.0.0.1)
            assertThat(listens(listening, wide.port())).as("the LAN exporter").isNotEmpty().allMatch(a -> a.matches("0+"));
            assertThat(listens(listening, local.port())).as("the default one").isNotEmpty()
                    .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F"));
        }
    }

    /** The local addresses (hex, as /proc/net/tcp writes them) listening on {@code port}. */
    private static List<String> listens(String procNetTcp, int port) {
        String hexPort = String.format("%04X", port);
        return procNetTcp.lines().map(String::trim).map(l -> l.split("\\s+")).filter(f -> f.length > 3)
                .filter(f -> f[1].endsWith(":" + hexPort) && f[3].equals("0A")).map(f -> f[1].substring(0, f[1].indexOf(':'))).toList();
    }

    private static void collect(String text, Set<String> into) {
        Matcher m = METRIC.matcher(text);
        while (m.find()) into.add(m.group());
    }

    /** A second of a broadcast in which every figure is known (a tested uplink, TCP figures for each output, SRT's counters for the SRT one). */
    private static StatsSnapshot everyFigureKnown() {
        var primary = new StatsSnapshot.OutputStats("primary", "rtmp://127.0.0.1/live/••••", "LIVE", null, true, 2480, 1_000_000,
                40, 60, 0, 0, false, 12.0, 0.4, 9000.0, 0L);
        var backup = new StatsSnapshot.OutputStats("backup", "rtmp://127.0.0.1/live/••••", "RECONNECTING", "refused", true, 0, 10,
                0, 0, 3, 2, false, 20.0, 1.5, 100.0, null);
        var srt = new StatsSnapshot.OutputStats("srt", "srt://127.0.0.1:9000?streamid=••••", "LIVE", null, true, 2480, 1_000_000,
                40, 60, 0, 0, false, 12.0, 0.4, 9000.0, 0L, new StatsSnapshot.Srt(9000, 12, 12, 0, 90.0, 120));
        return new StatsSnapshot(12.0, 30.0, new StatsSnapshot.Frames(360, 2, 1, 358, 3.1),
                new StatsSnapshot.Encoder("h264", "veryfast", 2500, 2500, 1280, 720, 30),
                new StatsSnapshot.Audio(0, List.of()), List.of(primary, backup, srt),
                new StatsSnapshot.Uplink(5400, 9000.0, "bandwidth-test", 66.0, 55.0, 1.5, 4950, 4.0, "ok", "fits"));
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(KIT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
