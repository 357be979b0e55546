package io.castline.app.engine;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and memory of this process (engine and studio together: they share the JVM). CPU is the
 * process's CPU time over wall time, as a share of the whole machine (100% = every core busy),
 * averaged over at least a second so the figure does not flicker.
 */
public final class ProcessLoad {
    /**
     * @param cpuPct   share of the whole machine, 0..100; null until a second has been measured
     * @param rssBytes resident memory (native buffers included) where the OS says, else the Java heap in use
     */
    public record Sample(Double cpuPct, int cores, long rssBytes) {}

    private static final long MIN_WINDOW_NANOS = 1_000_000_000L;
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;

    private final com.sun.management.OperatingSystemMXBean os =
            ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    private final int cores = Runtime.getRuntime().availableProcessors();
    private long lastWall;
    private long lastCpu = -1;
    private Double lastPct;

    /** Called from one thread (the monitor's). */
    public Sample sample() {
        long wall = System.nanoTime();
        long cpu = os == null ? -1 : os.getProcessCpuTime();
        if (cpu >= 0 && lastCpu < 0) {
            lastCpu = cpu;
            lastWall = wall;
        } else if (cpu >= 0 && wall - lastWall >= MIN_WINDOW_NANOS) {
            lastPct = Math.min(100.0, Math.max(0.0, 100.0 * (cpu - lastCpu) / (double) (wall - lastWall) / cores));
            lastCpu = cpu;
            lastWall = wall;
        }
        return new Sample(lastPct, cores, residentBytes());
    }

    private static long residentBytes() {
        try {
            if (Files.isReadable(STATM)) {
                String[] f = Files.readString(STATM, StandardCharsets.US_ASCII).trim().split("\\s+");
                return Long.parseLong(f[1]) * PAGE;
            }
        } catch (Exception e) {
            // fall through to the heap figure
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
