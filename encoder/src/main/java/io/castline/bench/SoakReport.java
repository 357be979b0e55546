package io.castline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.castline.engine.settings.EncoderSettings;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The figures of one {@code castline soak}, as a table ({@link #table()}) or one JSON object
 * ({@link #json()}). A figure that could not be measured is null (the table shows "-").
 */
public final class SoakReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The slope is given per this many seconds: 10 minutes. */
    private static final double SLOPE_SECONDS = 600;

    private final SoakRun.Result r;

    SoakReport(SoakRun.Result result) {
        this.r = result;
    }

    // ---- the figures ---------------------------------------------------------------------------

    /** A figure over the run's samples, nulls (not measurable here) left out. */
    private record Series(List<Double> t, List<Double> v) {
        Double first() { return v.isEmpty() ? null : v.get(0); }
        Double last() { return v.isEmpty() ? null : v.get(v.size() - 1); }
        Double max() { return v.stream().max(Double::compare).orElse(null); }
        Double median() { return v.isEmpty() ? null : Percentiles.median(v); }

        /** Least-squares slope over the second half of the run, per 10 minutes. */
        Double slopeSecondHalf(double seconds) {
            List<Integer> half = java.util.stream.IntStream.range(0, t.size()).filter(i -> t.get(i) >= seconds / 2).boxed().toList();
            double slope = Trend.slope(half.stream().map(t::get).toList(), half.stream().map(v::get).toList());
            return Double.isNaN(slope) ? null : slope * SLOPE_SECONDS;
        }
    }

    private Series series(Function<SoakRun.Sample, ? extends Number> figure) {
        List<SoakRun.Sample> present = r.samples().stream().filter(s -> figure.apply(s) != null).toList();
        return new Series(present.stream().map(SoakRun.Sample::t).toList(),
                present.stream().map(s -> figure.apply(s).doubleValue()).toList());
    }

    private Series rss() { return series(SoakRun.Sample::rssMb); }
    private Series heap() { return series(s -> s.jvm().heapUsedMb()); }
    private Series heapAfterGc() { return series(s -> s.jvm().heapAfterGcMb()); }
    private Series javacpp() { return series(s -> s.jvm().javacppMb()); }
    private Series javacppPointers() { return series(s -> s.jvm().javacppPointers()); }
    private Series direct() { return series(s -> s.jvm().directMb()); }
    private Series threads() { return series(SoakRun.Sample::threads); }
    private Series javaThreads() { return series(s -> s.jvm().javaThreads()); }

    /** Below this many collections in the second half, a slope of "heap after GC" says nothing. */
    private static final int SLOPE_MIN_COLLECTIONS = 3;

    /** Garbage collections in the second half of the run. */
    private long collectionsInSecondHalf() {
        List<SoakRun.Sample> samples = r.samples();
        long last = samples.get(samples.size() - 1).jvm().gcCount();
        long half = samples.stream().filter(s -> s.t() >= r.seconds() / 2).findFirst().map(s -> s.jvm().gcCount()).orElse(last);
        return last - half;
    }

    /** The slope of the heap left after each collection, when there were enough collections to fit one. */
    private Double heapAfterGcSlope() {
        return collectionsInSecondHalf() < SLOPE_MIN_COLLECTIONS ? null : heapAfterGc().slopeSecondHalf(r.seconds());
    }

    /** Encoded frames that did not arrive at this output's receiver. */
    private long lost(SoakRun.OutputFigures o) {
        return r.encoded() - o.arrived().videoFrames();
    }

    /** The highest load other processes put on the machine in one progress interval, in cores. */
    private Double otherLoadMax() {
        return r.intervals().stream().map(SoakRun.Interval::otherCores).filter(v -> !v.isNaN()).max(Double::compare).orElse(null);
    }

    // ---- JSON ----------------------------------------------------------------------------------

    public String json() {
        EncoderSettings s = r.plan().settings();
        ObjectNode o = JSON.createObjectNode();
        BenchReport.put(o, "minutes", r.seconds() / 60, 2);
        BenchReport.put(o, "seconds", r.seconds(), 1);
        o.put("interval_s", r.plan().intervalSeconds());
        o.put("canvas", s.width() + "x" + s.height());
        o.put("fps", s.fps());
        o.put("codec", s.codec().id());
        o.put("preset", s.preset());
        o.put("tune", s.tune());
        o.put("bitrate_kbps", s.bitrateKbps());
        o.put("receiver", r.receiver());

        Series rss = rss();
        ObjectNode rssNode = stats(o.putObject("rss_mb"), rss);
        BenchReport.put(rssNode, "slope_mb_per_10min", rss.slopeSecondHalf(r.seconds()), 2);
        Series heap = heap();
        ObjectNode heapNode = stats(o.putObject("heap_mb"), heap);
        Series afterGc = heapAfterGc();
        BenchReport.put(heapNode, "after_gc_first", afterGc.first(), 1);
        BenchReport.put(heapNode, "after_gc_last", afterGc.last(), 1);
        BenchReport.put(heapNode, "after_gc_slope_mb_per_10min", heapAfterGcSlope(), 2);
        heapNode.put("collections", last(r).jvm().gcCount());
        BenchReport.put(heapNode, "committed_last", last(r).jvm().heapCommittedMb(), 1);
        BenchReport.put(heapNode, "non_heap_last", last(r).jvm().nonHeapUsedMb(), 1);
        stats(o.putObject("javacpp_mb"), javacpp());
        ObjectNode pointers = o.putObject("javacpp_pointers");
        putInt(pointers, "first", javacppPointers().first());
        putInt(pointers, "max", javacppPointers().max());
        putInt(pointers, "last", javacppPointers().last());
        stats(o.putObject("direct_mb"), direct());
        ObjectNode threads = o.putObject("threads");
        putInt(threads, "first", threads().first());
        putInt(threads, "max", threads().max());
        putInt(threads, "last", threads().last());
        putInt(threads, "java_first", javaThreads().first());
        putInt(threads, "java_max", javaThreads().max());
        putInt(threads, "java_last", javaThreads().last());

        ObjectNode frames = o.putObject("frames");
        frames.put("expected", r.expectedFrames());
        frames.put("rendered", r.rendered());
        frames.put("lagged", r.lagged());
        frames.put("skipped", r.skipped());
        frames.put("encoded", r.encoded());

        ArrayNode outputs = o.putArray("outputs");
        for (SoakRun.OutputFigures f : r.outputs()) {
            ArrivedStream a = f.arrived();
            ObjectNode out = outputs.addObject();
            out.put("name", f.name());
            out.put("network", f.network());
            out.put("state", f.state());
            out.put("reason", f.reason());
            out.put("dropped_frames", f.droppedFrames());
            out.put("reconnects", f.reconnects());
            out.put("arrived_frames", a.videoFrames());
            out.put("lost_frames", lost(f));
            out.put("audio_packets", a.audioPackets());
            BenchReport.put(out, "audio_gap_ms", a.audioGapMs(), 1);
            ObjectNode drift = out.putObject("drift_ms");
            BenchReport.put(drift, "start", a.startDriftMs(), 1);
            BenchReport.put(drift, "first", a.firstDriftMs(), 1);
            BenchReport.put(drift, "last", a.lastDriftMs(), 1);
            BenchReport.put(drift, "change", a.driftChangeMs(), 1);
            BenchReport.put(drift, "min", a.minDriftMs(), 1);
            BenchReport.put(drift, "max", a.maxDriftMs(), 1);
            drift.put("checkpoints", a.driftMs().size());
            BenchReport.put(drift, "end", a.endDriftMs(), 1);
            out.put("files", a.files().size());
            BenchReport.put(out, "mb", a.bytes() / 1024.0 / 1024.0, 1);
        }
        ArrayNode events = o.putArray("events");
        r.events().forEach(events::add);

        BenchReport.put(o, "cpu_cores", r.cpuCores(), 2);
        BenchReport.put(o, "ingest_cpu_cores", r.ingestCores(), 2);
        BenchReport.put(o, "other_load_cores", r.otherCores(), 2);
        BenchReport.put(o, "other_load_max_cores", otherLoadMax(), 2);
        ObjectNode machine = o.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", BenchReport.cpuModel());
        BenchReport.put(machine, "memory_gb", BenchReport.memoryGb(), 1);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1024 / 1024);

        // every progress interval, for plotting
        ObjectNode series = o.putObject("series");
        ArrayNode t = series.putArray("t_s");
        ArrayNode rssAt = series.putArray("rss_mb");
        ArrayNode heapAt = series.putArray("heap_mb");
        ArrayNode threadsAt = series.putArray("threads");
        ArrayNode cpuAt = series.putArray("cpu_cores");
        ArrayNode otherAt = series.putArray("other_load_cores");
        for (SoakRun.Interval i : r.intervals()) {
            SoakRun.Sample at = sampleAt(i.t());
            t.add(round(i.t(), 1));
            if (at.rssMb() == null) rssAt.addNull(); else rssAt.add(round(at.rssMb(), 1));
            heapAt.add(round(at.jvm().heapUsedMb(), 1));
            if (at.threads() == null) threadsAt.addNull(); else threadsAt.add(at.threads());
            cpuAt.add(round(i.cpuCores(), 2));
            if (Double.isNaN(i.otherCores())) otherAt.addNull(); else otherAt.add(round(i.otherCores(), 2));
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SoakRun.Sample last(SoakRun.Result r) {
        return r.samples().get(r.samples().size() - 1);
    }

    private static ObjectNode stats(ObjectNode node, Series s) {
        BenchReport.put(node, "first", s.first(), 1);
        BenchReport.put(node, "median", s.median(), 1);
        BenchReport.put(node, "max", s.max(), 1);
        BenchReport.put(node, "last", s.last(), 1);
        return node;
    }

    private static void putInt(ObjectNode node, String field, Double value) {
        if (value == null) node.putNull(field); else node.put(field, Math.round(value));
    }

    /** The last sample taken at or before {@code t}. */
    private SoakRun.Sample sampleAt(double t) {
        SoakRun.Sample at = r.samples().get(0);
        for (SoakRun.Sample s : r.samples()) if (s.t() <= t + 1e-3) at = s;
        return at;
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }

    // ---- table ---------------------------------------------------------------------------------

    public String table() {
        EncoderSettings s = r.plan().settings();
        StringBuilder t = new StringBuilder();
        line(t, "Castline soak: %.1f min, %dx%d@%d %s %s%s %d kbps; primary + backup RTMP to %s on loopback + MKV recording",
                r.seconds() / 60, s.width(), s.height(), s.fps(), s.codec().id(), s.preset(),
                s.tune() == null ? "" : " " + s.tune(), s.bitrateKbps(), r.receiver());
        line(t, "machine: %d cores, %s; CPU: castline %.2f cores, ingest %.2f, other processes %s on average (%s at most in one interval)",
                Runtime.getRuntime().availableProcessors(), BenchReport.cpuModel(), r.cpuCores(), r.ingestCores(),
                fmt(r.otherCores(), "%.2f"), fmt(otherLoadMax(), "%.2f"));
        line(t, "");
        line(t, "%-22s %8s %8s %8s %8s   %s", "memory (MB)", "first", "median", "max", "last", "slope over the 2nd half");
        Series rss = rss();
        memoryRow(t, "resident (RSS)", rss, fmt(rss.slopeSecondHalf(r.seconds()), "%+.1f MB per 10 min"));
        memoryRow(t, "Java heap in use", heap(), "");
        Series afterGc = heapAfterGc();
        memoryRow(t, "Java heap after GC", afterGc, heapAfterGcSlope() != null ? fmt(heapAfterGcSlope(), "%+.1f MB per 10 min")
                : String.format(Locale.ROOT, "(%d collections in all: too few in the 2nd half for a slope)", last(r).jvm().gcCount()));
        memoryRow(t, "JavaCPP native", javacpp(), String.format(Locale.ROOT, "(%s pointers at first, %s at most, %s at the end)",
                fmt(javacppPointers().first(), "%.0f"), fmt(javacppPointers().max(), "%.0f"), fmt(javacppPointers().last(), "%.0f")));
        memoryRow(t, "direct buffers", direct(), "");
        line(t, "threads: first %s, max %s, last %s (Java threads: %s, %s, %s)", fmt(threads().first(), "%.0f"),
                fmt(threads().max(), "%.0f"), fmt(threads().last(), "%.0f"), fmt(javaThreads().first(), "%.0f"),
                fmt(javaThreads().max(), "%.0f"), fmt(javaThreads().last(), "%.0f"));
        line(t, "");
        line(t, "frames: expected %d (%.1f s x %d fps), rendered %d, encoded %d, lagged %d, skipped %d", r.expectedFrames(),
                r.seconds(), s.fps(), r.rendered(), r.encoded(), r.lagged(), r.skipped());
        line(t, "");
        line(t, "%-10s %-6s %7s %10s %7s %5s   %s", "output", "state", "dropped", "reconnects", "arrived", "lost",
                "A/V drift ms: start  first   last  change  min..max    end  audio gap ms");
        for (SoakRun.OutputFigures f : r.outputs()) {
            ArrivedStream a = f.arrived();
            line(t, "%-10s %-6s %7d %10d %7d %5d   %19s %6s %6s %7s  %-9s %6s  %s", f.name(), f.state(), f.droppedFrames(),
                    f.reconnects(), a.videoFrames(), lost(f), fmt(a.startDriftMs(), "%.1f"), fmt(a.firstDriftMs(), "%.1f"),
                    fmt(a.lastDriftMs(), "%.1f"), fmt(a.driftChangeMs(), "%+.1f"),
                    fmt(a.minDriftMs(), "%.0f") + ".." + fmt(a.maxDriftMs(), "%.0f"), fmt(a.endDriftMs(), "%.1f"),
                    fmt(a.audioGapMs(), "%.1f"));
        }
        line(t, "(arrived: video frames in what the receiver wrote, read back with ffprobe; lost = encoded - arrived;");
        line(t, " drift: newest video minus newest audio timestamp arrived, every %.0f s of video; start: first video minus",
                r.plan().intervalSeconds());
        line(t, " first audio timestamp; end: after the last packet)");
        if (r.events().isEmpty()) {
            line(t, "events: none (no output changed state after the start)");
        } else {
            line(t, "events:");
            r.events().forEach(e -> line(t, "  %s", e));
        }
        Double other = otherLoadMax();
        if (other != null && other >= BenchReport.BUSY_CORES) {
            line(t, "NOTE: other processes used up to %.2f cores in an interval: timing figures (lagged, skipped, CPU) are disturbed", other);
        }
        return t.toString();
    }

    private static void memoryRow(StringBuilder t, String label, Series s, String slope) {
        line(t, "%-22s %8s %8s %8s %8s   %s", label, fmt(s.first(), "%.1f"), fmt(s.median(), "%.1f"), fmt(s.max(), "%.1f"),
                fmt(s.last(), "%.1f"), slope);
    }

    private static String fmt(Double v, String format) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, format, v);
    }

    private static void line(StringBuilder t, String format, Object... args) {
        t.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
