package io.castline.engine.stats;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The broadcast's figures as Prometheus metrics on a loopback-only port, so that an operations team
 * can watch the broadcaster beside its servers. Every metric is read from the latest per-second
 * snapshot when scraped; unknown figures (no capacity yet, no TCP statistics) are left out rather
 * than reported as zero.
 */
public final class MetricsExporter implements AutoCloseable {
    private static final String[] STATES = {"IDLE", "CONNECTING", "LIVE", "RECONNECTING", "FAILED", "STOPPED"};
    private static final String[] VERDICTS = {"ok", "warn", "insufficient", "unknown"};

    private final HTTPServer server;

    private MetricsExporter(HTTPServer server) {
        this.server = server;
    }

    /** Serves /metrics on 127.0.0.1:{@code port} (0 picks a free port). */
    public static MetricsExporter start(int port, Supplier<StatsSnapshot> latest) throws IOException {
        return start(port, latest, false);
    }

    /**
     * Serves /metrics on {@code port}: on 127.0.0.1, or with {@code lan} on every address of the
     * machine, for a Prometheus that watches several studios (the metrics carry no URL or key).
     */
    public static MetricsExporter start(int port, Supplier<StatsSnapshot> latest, boolean lan) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        // always a sample: a studio open between shows answers 0 (the other families then have none,
        // so no output alert fires off air), and a dashboard can tell "off air" from "not answering"
        GaugeWithCallback.builder().name("castline_broadcasting")
                .help("1 while a broadcast runs (live or recording), 0 off air (a studio between shows)")
                .callback(cb -> cb.call(latest.get() == null ? 0 : 1)).register(registry);
        gauge(registry, "castline_fps", "Frames encoded per second", latest, StatsSnapshot::fps);
        counter(registry, "castline_frames_rendered", "Frames rendered by the compositor", latest, s -> s.frames().rendered());
        counter(registry, "castline_frames_lagged", "Frame ticks missed because rendering was late", latest, s -> s.frames().lagged());
        counter(registry, "castline_frames_skipped", "Frames skipped because the encoder was behind", latest, s -> s.frames().skipped());
        gauge(registry, "castline_encoder_bitrate_kbps", "Video bitrate in use", latest, s -> s.encoder().bitrateKbps());
        gauge(registry, "castline_encoder_target_bitrate_kbps", "Configured video bitrate", latest, s -> s.encoder().targetBitrateKbps());

        outputGauge(registry, "castline_output_kbps", "Bytes sent per second, as kbps", latest, o -> o.kbps());
        outputGauge(registry, "castline_output_queue_ms", "Age of the oldest queued packet", latest, o -> o.queueMs());
        outputCounter(registry, "castline_output_dropped_frames", "Video frames dropped by the output", latest, o -> o.droppedFrames());
        outputCounter(registry, "castline_output_reconnects", "Connections lost and retried", latest, o -> o.reconnects());
        outputCounter(registry, "castline_output_sent_bytes", "Bytes handed to the socket or file", latest, o -> o.bytes());
        outputGaugeNullable(registry, "castline_output_rtt_ms", "Round-trip time of the connection (TCP's or SRT's)", latest,
                StatsSnapshot.OutputStats::rttMs);
        // an SRT connection's own counters (an output without them has no sample)
        outputGaugeNullable(registry, "castline_output_srt_packets_lost", "SRT data packets the receiver reported lost",
                latest, o -> o.srt() == null ? null : (double) o.srt().packetsLost());
        outputGaugeNullable(registry, "castline_output_srt_packets_retransmitted", "SRT data packets sent again", latest,
                o -> o.srt() == null ? null : (double) o.srt().packetsRetransmitted());
        outputGaugeNullable(registry, "castline_output_srt_packets_dropped",
                "SRT packets given up on (too late for the receiver's latency)", latest,
                o -> o.srt() == null ? null : (double) o.srt().packetsDropped());
        outputGaugeNullable(registry, "castline_output_retrans_pct", "Bytes retransmitted in the last second, percent",
                latest, StatsSnapshot.OutputStats::retransPct);
        GaugeWithCallback.builder().name("castline_output_state").help("1 for the output's current state")
                .labelNames("output", "state").callback(cb -> {
                    StatsSnapshot s = latest.get();
                    if (s == null) return;
                    for (StatsSnapshot.OutputStats o : s.outputs()) {
                        for (String state : STATES) cb.call(state.equals(o.state()) ? 1 : 0, o.name(), state);
                    }
                }).register(registry);

        gauge(registry, "castline_uplink_required_kbps", "Uplink the live network outputs need", latest, s -> s.uplink().requiredKbps());
        gauge(registry, "castline_uplink_egress_kbps", "Uplink in use", latest, s -> s.uplink().egressKbps());
        nullableGauge(registry, "castline_uplink_capacity_kbps", "Measured uplink capacity", latest, s -> s.uplink().capacityKbps());
        nullableGauge(registry, "castline_uplink_headroom_pct", "Capacity above the required uplink, percent", latest,
                s -> s.uplink().headroomPct());
        nullableGauge(registry, "castline_uplink_utilization_pct", "Egress over capacity, percent", latest,
                s -> s.uplink().utilizationPct());
        nullableGauge(registry, "castline_uplink_retrans_pct", "Worst output's retransmission rate, percent", latest,
                s -> s.uplink().retransPct());
        GaugeWithCallback.builder().name("castline_uplink_verdict").help("1 for the current uplink verdict")
                .labelNames("verdict").callback(cb -> {
                    StatsSnapshot s = latest.get();
                    if (s == null) return;
                    for (String v : VERDICTS) cb.call(v.equals(s.uplink().verdict()) ? 1 : 0, v);
                }).register(registry);

        HTTPServer server = HTTPServer.builder().hostname(lan ? "0.0.0.0" : "127.0.0.1").port(port).registry(registry).buildAndStart();
        return new MetricsExporter(server);
    }

    public int port() { return server.getPort(); }

    @Override public void close() { server.close(); }

    private static void gauge(PrometheusRegistry r, String name, String help, Supplier<StatsSnapshot> latest,
                              ToDoubleFunction<StatsSnapshot> value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
            StatsSnapshot s = latest.get();
            if (s != null) cb.call(value.applyAsDouble(s));
        }).register(r);
    }

    private static void nullableGauge(PrometheusRegistry r, String name, String help, Supplier<StatsSnapshot> latest,
                                      java.util.function.Function<StatsSnapshot, Double> value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
            StatsSnapshot s = latest.get();
            Double v = s == null ? null : value.apply(s);
            if (v != null) cb.call(v);
        }).register(r);
    }

    private static void counter(PrometheusRegistry r, String name, String help, Supplier<StatsSnapshot> latest,
                                ToDoubleFunction<StatsSnapshot> value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> {
            StatsSnapshot s = latest.get();
            if (s != null) cb.call(value.applyAsDouble(s));
        }).register(r);
    }

    private static void outputGauge(PrometheusRegistry r, String name, String help, Supplier<StatsSnapshot> latest,
                                    ToDoubleFunction<StatsSnapshot.OutputStats> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("output")
                .callback(cb -> eachOutput(latest, o -> cb.call(value.applyAsDouble(o), o.name()))).register(r);
    }

    private static void outputGaugeNullable(PrometheusRegistry r, String name, String help, Supplier<StatsSnapshot> latest,
                                            java.util.function.Function<StatsSnapshot.OutputStats, Double> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("output").callback(cb -> eachOutput(latest, o -> {
            Double v = value.apply(o);
            if (v != null) cb.call(v, o.name());
        })).register(r);
    }

    private static void outputCounter(PrometheusRegistry r, String name, String help, Supplier<StatsSnapshot> latest,
                                      ToDoubleFunction<StatsSnapshot.OutputStats> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames("output")
                .callback(cb -> eachOutput(latest, o -> cb.call(value.applyAsDouble(o), o.name()))).register(r);
    }

    private static void eachOutput(Supplier<StatsSnapshot> latest, Consumer<StatsSnapshot.OutputStats> action) {
        StatsSnapshot s = latest.get();
        if (s != null) s.outputs().forEach(action);
    }
}
