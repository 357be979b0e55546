package io.castline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of this process, the two figures the benchmark holds the pipeline to. */
public final class ProcessStats {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessStats() {}

    /** CPU time of the whole process (every thread, native ones included) in nanoseconds. */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * CPU time of this process's children that have ended and been waited for (cutime + cstime
     * from /proc): all of an ffmpeg run, its start and exit included. 0 where unknown.
     */
    static long endedChildrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time of another process (utime + stime from /proc), or 0 where unknown or gone. */
    static long cpuNanosOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Resident set size in MiB from {@code VmRSS} (Linux), or null where there is no /proc: the
     * JVM's own figures leave out native memory (libav buffers, x264's frames), which is most of it.
     */
    public static Double rssMb() {
        Long kb = statusField("VmRSS:");
        return kb == null ? null : kb / 1024.0;
    }

    /**
     * Threads of the process as the kernel counts them ({@code Threads} in /proc/self/status),
     * native ones included (x264's, FFmpeg's), or null where there is no /proc.
     */
    public static Integer osThreads() {
        Long n = statusField("Threads:");
        return n == null ? null : n.intValue();
    }

    /**
     * A size line of /proc/self/status in MiB ({@code RssAnon:}, {@code RssFile:}, {@code VmHWM:}…),
     * or null where there is none: anonymous memory is what the process allocated (Java heap, malloc,
     * thread stacks), file-backed memory the pages of its libraries and class files it has touched.
     */
    public static Double statusMb(String name) {
        Long kb = statusField(name);
        return kb == null ? null : kb / 1024.0;
    }

    /** The first number of a line of /proc/self/status, or null. */
    private static Long statusField(String name) {
        if (!Files.isReadable(STATUS)) return null;
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
