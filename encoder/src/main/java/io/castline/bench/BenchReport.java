package io.castline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.castline.engine.settings.EncoderSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The figures of one {@code castline bench}, as one JSON object ({@link #json()}) or a table
 * ({@link #table()}). Throughput figures are medians over the runs; stage and per-thread times are
 * totals over the runs divided by the frames. A figure that was not measured is null.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Other processes' CPU (in cores, averaged over a run) above which a run is called disturbed. */
    static final double BUSY_CORES = 0.15;

    private final Benchmark.Measurements m;

    BenchReport(Benchmark.Measurements m) {
        this.m = m;
    }

    public Double castlineFps() { return median(m.castline(), FreeRun.Result::fps); }
    public Double ffmpegFps() { return medianFfmpeg(FfmpegReference.Result::fps); }

    public Double ratio() {
        Double c = castlineFps();
        Double f = ffmpegFps();
        return c == null || f == null ? null : c / f;
    }

    /** Extra process CPU per frame of the same encode with two outputs instead of one, in percent. */
    public Double dualOutputOverheadPct() {
        Double one = median(m.oneOutput(), FreeRun.Result::cpuMsPerFrame);
        Double two = median(m.twoOutputs(), FreeRun.Result::cpuMsPerFrame);
        return one == null || two == null ? null : (two / one - 1) * 100;
    }

    public String json() {
        Benchmark.Plan plan = m.plan();
        EncoderSettings s = plan.settings();
        ObjectNode o = JSON.createObjectNode();
        o.put("canvas", s.width() + "x" + s.height());
        o.put("source", plan.sourceWidth() + "x" + plan.sourceHeight());
        o.put("fps", s.fps());
        o.put("codec", s.codec().id());
        o.put("preset", s.preset());
        o.put("tune", s.tune());
        o.put("rate_control", s.rateControl().name().toLowerCase(Locale.ROOT));
        o.put("bitrate_kbps", s.bitrateKbps());
        o.put("bframes", s.effectiveBframes());
        o.put("gop_s", s.gopSeconds());
        o.put("frames", plan.frames());
        o.put("runs", plan.runs());
        o.put("outputs", plan.outputs());
        put(o, "castline_fps", castlineFps(), 1);
        put(o, "ffmpeg_fps", ffmpegFps(), 1);
        put(o, "ratio", ratio(), 3);

        ObjectNode cpu = o.putObject("cpu_ms_per_frame");
        put(cpu, "castline", median(m.castline(), FreeRun.Result::cpuMsPerFrame), 2);
        put(cpu, "ffmpeg", medianFfmpeg(FfmpegReference.Result::cpuMsPerFrame), 2);
        ObjectNode byThread = cpu.putObject("castline_by_thread");
        for (String group : ThreadCpu.GROUPS) {
            put(byThread, group, perFrame(m.castline(), r -> r.threadCpuNanos().getOrDefault(group, 0L)), 2);
        }

        ObjectNode stages = o.putObject("stage_ms");
        put(stages, "source", perFrame(m.castline(), FreeRun.Result::sourceNanos), 3);
        put(stages, "compose", perFrame(m.castline(), FreeRun.Result::composeNanos), 3);
        put(stages, "convert", perFrame(m.castline(), FreeRun.Result::convertNanos), 3);
        put(stages, "encode", perFrame(m.castline(), FreeRun.Result::encodeNanos), 3);
        put(stages, "mux", m.castline().isEmpty() ? null
                : m.castline().stream().mapToDouble(FreeRun.Result::muxMsPerFrame).average().orElse(Double.NaN), 3);

        put(o, "dual_output_overhead_pct", dualOutputOverheadPct(), 2);
        Double oneCpu = median(m.oneOutput(), FreeRun.Result::cpuMsPerFrame);
        Double muxOne = m.oneOutput().isEmpty() ? null
                : m.oneOutput().stream().mapToDouble(FreeRun.Result::muxMsPerFrame).average().orElse(Double.NaN);
        put(o, "output_thread_cpu_pct", oneCpu == null || muxOne == null ? null : muxOne / oneCpu * 100, 2);
        o.put("dropped_frames", m.castline().stream().mapToLong(FreeRun.Result::droppedFrames).sum());
        put(o, "other_load_cores", otherLoadCores(), 2);
        o.put("disturbed_runs", disturbedRuns());
        o.put("repeated_runs", m.repeatedRuns());

        LiveRun.Result live = m.live();
        ObjectNode latency = o.putObject("latency_ms");
        if (live == null || live.latencyNanos().length == 0) {
            latency.putNull("p50");
            latency.putNull("p95");
        } else {
            put(latency, "p50", live.latencyMs(50), 1);
            put(latency, "p95", live.latencyMs(95), 1);
            put(latency, "max", live.latencyMs(100), 1);
            latency.put("packets", live.latencyNanos().length);
            latency.put("measured_to", "read back behind the primary ingest");
        }
        if (live != null && live.toMuxerNanos().length > 0) {
            put(latency, "to_muxer_p50", live.toMuxerMs(50), 1);
            put(latency, "to_muxer_p95", live.toMuxerMs(95), 1);
        }
        if (live != null) {
            latency.put("receiver", live.receiver());
            latency.put("tune", live.tune());
            latency.put("bframes", live.bframes());
            latency.put("audio", live.audio());
        }
        if (live != null) {
            ObjectNode byKind = o.putObject("latency_by_kind_ms");
            for (LiveRun.KindLatency k : live.kinds()) {
                ObjectNode n = byKind.putObject(k.kind());
                if (k.nanos().length == 0) {
                    n.putNull("p50");
                    n.putNull("p95");
                } else {
                    put(n, "p50", k.ms(50), 1);
                    put(n, "p95", k.ms(95), 1);
                    put(n, "max", k.ms(100), 1);
                }
                n.put("packets", k.nanos().length);
                n.put("measured_to", k.measuredTo());
            }
        }
        put(o, "rss_mb", live == null ? ProcessStats.rssMb() : live.rssMedianMb(), 0);
        put(o, "rss_growth_mb", live == null ? null : live.rssGrowthMb(), 0);
        put(o, "rss_first_mb", live == null ? null : live.rssFirstMb(), 0);
        put(o, "rss_max_mb", live == null ? null : live.rssMaxMb(), 0);
        // bare FFmpeg's peak for the same encode (throughput runs, no audio, one process): context for rss_mb
        put(o, "ffmpeg_maxrss_mb", medianFfmpeg(r -> r.maxRssKib() / 1024.0), 0);
        if (live != null) {
            ObjectNode l = o.putObject("live");
            l.put("seconds", live.seconds());
            l.put("outputs", live.outputs());
            l.put("rendered", live.rendered());
            l.put("lagged", live.lagged());
            l.put("skipped", live.skipped());
            l.put("dropped_frames", live.droppedFrames());
            put(l, "cpu_cores", live.cpuCores(), 2);
            put(l, "ingest_cpu_cores", live.ingestCores(), 2);
            put(l, "other_load_cores", live.otherCores(), 2);
        }
        ObjectNode machine = o.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        put(machine, "memory_gb", memoryGb(), 1);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String table() {
        Benchmark.Plan plan = m.plan();
        EncoderSettings s = plan.settings();
        StringBuilder t = new StringBuilder();
        line(t, "Castline bench: %dx%d@%d %s %s%s %s %d kbps, %d frames x %d runs, %d output(s)", s.width(), s.height(),
                s.fps(), s.codec().id(), s.preset(), s.tune() == null ? "" : " " + s.tune(),
                s.rateControl().name().toLowerCase(Locale.ROOT), s.bitrateKbps(), plan.frames(), plan.runs(), plan.outputs());
        line(t, "machine: %d cores, %s", Runtime.getRuntime().availableProcessors(), cpuModel());
        if (plan.runs() > 0) {
            line(t, "");
            line(t, "%-28s %10s %10s", "", "castline", "ffmpeg");
            line(t, "%-28s %10.1f %10.1f   ratio %.3f (target >= 0.95)", "throughput (fps)", castlineFps(), ffmpegFps(), ratio());
            line(t, "%-28s %10.2f %10.2f", "CPU per frame (ms)", median(m.castline(), FreeRun.Result::cpuMsPerFrame),
                    medianFfmpeg(FfmpegReference.Result::cpuMsPerFrame));
            line(t, "");
            line(t, "stages (ms per frame): source %.3f  compose %.3f  convert %.3f  encode %.3f  mux %.3f",
                    perFrame(m.castline(), FreeRun.Result::sourceNanos), perFrame(m.castline(), FreeRun.Result::composeNanos),
                    perFrame(m.castline(), FreeRun.Result::convertNanos), perFrame(m.castline(), FreeRun.Result::encodeNanos),
                    m.castline().stream().mapToDouble(FreeRun.Result::muxMsPerFrame).average().orElse(Double.NaN));
            StringBuilder threads = new StringBuilder("CPU by thread (ms per frame):");
            for (String group : ThreadCpu.GROUPS) {
                threads.append(String.format(Locale.ROOT, " %s %.2f", group,
                        perFrame(m.castline(), r -> r.threadCpuNanos().getOrDefault(group, 0L))));
            }
            line(t, "%s", threads);
            line(t, "dual output overhead: %+.2f %% CPU (target <= 3 %%)", dualOutputOverheadPct());
            if (disturbedRuns() > 0) {
                line(t, "WARNING: other processes used up to %.2f cores during %d run(s): throughput figures are disturbed",
                        otherLoadCores(), disturbedRuns());
            }
        }
        LiveRun.Result live = m.live();
        if (live != null) {
            line(t, "");
            line(t, "live %.0f s (%s, tune %s, bframes %d%s): latency p50 %.1f ms, p95 %.1f ms, max %.1f ms (RTMP target p95 <= 40 ms at 720p30, zerolatency)",
                    live.seconds(), live.receiver(), live.tune() == null ? "none" : live.tune(), live.bframes(),
                    live.audio() ? ", with audio" : "",
                    live.latencyMs(50), live.latencyMs(95), live.latencyMs(100));
            line(t, "  (composed -> read back behind the ingest; composed -> handed to the muxer: p50 %.1f ms, p95 %.1f ms)",
                    live.toMuxerMs(50), live.toMuxerMs(95));
            for (LiveRun.KindLatency k : live.kinds()) {
                if (k.nanos().length == 0) {
                    line(t, "  %-4s %s", k.kind(), k.measuredTo());
                } else {
                    line(t, "  %-4s composed -> %s: p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d pictures", k.kind(),
                            k.measuredTo(), k.ms(50), k.ms(95), k.ms(100), k.nanos().length);
                }
            }
            line(t, "resident memory: %.0f MB in the second half, %+.0f MB over it; %.0f MB after the warm-up, "
                            + "%.0f MB at most (target <= 400 MB at 1080p30, flat)",
                    nan(live.rssMedianMb()), nan(live.rssGrowthMb()), nan(live.rssFirstMb()), nan(live.rssMaxMb()));
            line(t, "frames: %d rendered, %d lagged, %d skipped, %d dropped by outputs; CPU %.2f cores", live.rendered(),
                    live.lagged(), live.skipped(), live.droppedFrames(), live.cpuCores());
            if (live.otherCores() >= BUSY_CORES) {
                line(t, "WARNING: other processes used %.2f cores during the live run: its figures are disturbed", live.otherCores());
            }
        }
        return t.toString();
    }

    /** The highest CPU load of other processes during any throughput run, in cores (null where unknown). */
    public Double otherLoadCores() {
        double max = Double.NaN;
        for (double v : otherLoads()) if (!Double.isNaN(v)) max = Double.isNaN(max) ? v : Math.max(max, v);
        return Double.isNaN(max) ? null : max;
    }

    /** Throughput runs during which other processes used at least {@link #BUSY_CORES}. */
    public int disturbedRuns() {
        int n = 0;
        for (double v : otherLoads()) if (v >= BUSY_CORES) n++;
        return n;
    }

    private double[] otherLoads() {
        return java.util.stream.Stream.of(
                m.castline().stream().mapToDouble(FreeRun.Result::otherCores),
                m.ffmpeg().stream().mapToDouble(FfmpegReference.Result::otherCores),
                m.oneOutput().stream().filter(r -> !m.castline().contains(r)).mapToDouble(FreeRun.Result::otherCores),
                m.twoOutputs().stream().filter(r -> !m.castline().contains(r)).mapToDouble(FreeRun.Result::otherCores))
                .flatMapToDouble(d -> d).toArray();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Double median(List<FreeRun.Result> runs, ToDoubleFunction<FreeRun.Result> f) {
        return runs.isEmpty() ? null : Percentiles.median(runs.stream().map(f::applyAsDouble).toList());
    }

    private Double medianFfmpeg(ToDoubleFunction<FfmpegReference.Result> f) {
        return m.ffmpeg().isEmpty() ? null : Percentiles.median(m.ffmpeg().stream().map(f::applyAsDouble).toList());
    }

    /** Total over the runs, in ms per frame. */
    private static Double perFrame(List<FreeRun.Result> runs, ToLongFunction<FreeRun.Result> nanos) {
        if (runs.isEmpty()) return null;
        long frames = runs.stream().mapToLong(FreeRun.Result::frames).sum();
        return runs.stream().mapToLong(nanos).sum() / 1e6 / frames;
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }

    static void put(ObjectNode o, String field, Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            o.putNull(field);
        } else {
            double scale = Math.pow(10, decimals);
            o.put(field, Math.round(value * scale) / scale);
        }
    }

    private static void line(StringBuilder t, String format, Object... args) {
        t.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }

    static String cpuModel() {
        String model = procField("/proc/cpuinfo", "model name");
        return model == null ? System.getProperty("os.arch") : model;
    }

    static Double memoryGb() {
        String total = procField("/proc/meminfo", "MemTotal");
        if (total == null) return null;
        try {
            return Long.parseLong(total.split("\\s+")[0]) / 1024.0 / 1024.0;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String procField(String file, String key) {
        Path p = Path.of(file);
        if (!Files.isReadable(p)) return null;
        try {
            for (String line : Files.readAllLines(p)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) return line.substring(colon + 1).trim();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

}
