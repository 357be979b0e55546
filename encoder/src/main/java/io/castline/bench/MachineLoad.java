package io.castline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Busy CPU time of the whole machine from {@code /proc/stat} (Linux), so that a run can say how
 * much CPU <em>other</em> processes took while it was measured: on a two-core machine a build or a
 * test run beside the benchmark halves its figures, and a benchmark that does not say so misleads.
 */
final class MachineLoad {
    private static final Path STAT = Path.of("/proc/stat");
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100

    private MachineLoad() {}

    /** Busy (non-idle) CPU nanoseconds of all cores since boot, or -1 where unknown. */
    static long busyNanos() {
        if (!Files.isReadable(STAT)) return -1;
        try (var lines = Files.lines(STAT)) {
            String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
            if (cpu == null) return -1;
            String[] f = cpu.trim().split("\\s+");
            // user nice system idle iowait irq softirq steal (guest time is inside user already)
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) if (i < f.length) busy += Long.parseLong(f[i]);
            return busy * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Below this a window is too short for the kernel's 10 ms ticks to tell anything. */
    private static final long SHORTEST_WINDOW_NANOS = 1_000_000_000L;

    /**
     * CPU that others used in a window, in cores (0.5 = half a core on average), or NaN where
     * unknown or the window is shorter than a second. {@code ownCpuNanos} is what the measured
     * processes used in the window.
     */
    static double otherCores(long busyBefore, long busyAfter, long ownCpuNanos, long wallNanos) {
        if (busyBefore < 0 || busyAfter < 0 || wallNanos < SHORTEST_WINDOW_NANOS) return Double.NaN;
        return Math.max(0, busyAfter - busyBefore - ownCpuNanos) / (double) wallNanos;
    }
}
