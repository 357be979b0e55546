package io.castline.app.bench;

import io.castline.bench.JvmMemory;
import io.castline.bench.NativeMemorySummary;
import io.castline.bench.ProcessStats;
import io.castline.bench.Trend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the studio's memory does on air: resident memory sampled every second while live, and at
 * the end where it is (the Java heap, the JVM's own native memory by Native Memory Tracking
 * category when it is on, JavaCPP's pointers, and the rest: what FFmpeg, x264 and JavaFX allocate
 * themselves, and the libraries' pages).
 */
public final class LiveMemory {
    /** One second of the phase: what the result is made of. */
    record Sample(double seconds, double rssMb) {}

    /**
     * Where the memory is at the end of the phase. {@code nmtMb} and {@code nmtTotalMb} are null
     * unless the studio ran with {@code -XX:NativeMemoryTracking=summary}.
     */
    public record Breakdown(double rssMb, Double anonMb, Double fileMb, double heapCommittedMb, double heapUsedMb,
                            Double heapAfterGcMb, double nonHeapUsedMb, double javacppMb, long javacppPointers,
                            double directMb, Integer threads, Map<String, Double> nmtMb, Double nmtTotalMb) {}

    /**
     * The phase: resident memory off air just before Go Live, then on air: the first sample (one
     * second in), median, max and last, and the slope over the second half (a level memory settles
     * at has none, a leak keeps one).
     */
    public record Result(boolean previewOn, double seconds, double offAirRssMb, double firstMb, double medianMb,
                         double maxMb, double lastMb, double slopeMbPerMinute, Breakdown atEnd) {}

    private final List<Sample> samples = new ArrayList<>();
    private final double offAirRssMb;
    private final long startNanos = System.nanoTime();

    LiveMemory(double offAirRssMb) {
        this.offAirRssMb = offAirRssMb;
    }

    static double rssMbNow() {
        Double rss = ProcessStats.rssMb();
        return rss == null ? JvmMemory.now().heapCommittedMb() : rss;
    }

    void sample() {
        samples.add(new Sample((System.nanoTime() - startNanos) / 1e9, rssMbNow()));
    }

    Result result(boolean previewOn) {
        if (samples.isEmpty()) throw new IllegalStateException("no sample taken on air");
        List<Double> rss = samples.stream().map(Sample::rssMb).toList();
        List<Double> sorted = rss.stream().sorted(Comparator.naturalOrder()).toList();
        List<Sample> secondHalf = samples.subList(samples.size() / 2, samples.size());
        double slopePerSecond = Trend.slope(secondHalf.stream().map(Sample::seconds).toList(),
                secondHalf.stream().map(Sample::rssMb).toList());
        Sample last = samples.get(samples.size() - 1);
        return new Result(previewOn, last.seconds(), offAirRssMb, rss.get(0), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1), last.rssMb(), slopePerSecond * 60, breakdown());
    }

    /** Where the memory is now. */
    static Breakdown breakdown() {
        JvmMemory jvm = JvmMemory.now();
        NativeMemorySummary nmt = NativeMemorySummary.now();
        return new Breakdown(rssMbNow(), ProcessStats.statusMb("RssAnon:"), ProcessStats.statusMb("RssFile:"),
                jvm.heapCommittedMb(), jvm.heapUsedMb(), jvm.heapAfterGcMb(), jvm.nonHeapUsedMb(), jvm.javacppMb(),
                jvm.javacppPointers(), jvm.directMb(), ProcessStats.osThreads(),
                nmt == null ? null : nmt.committedMb(), nmt == null ? null : nmt.totalMb());
    }
}
