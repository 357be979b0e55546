package io.castline.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per thread of this process from {@code /proc/self/task} (Linux), grouped by what the
 * thread does. Unlike ThreadMXBean this sees native threads too: x264's lookahead and frame
 * threads are not Java threads, and they are most of the work. A native thread is named after
 * the thread that created it, which is why the benchmark opens the encoder on a thread named
 * {@value #ENCODER_WORKERS}. The studio's benchmark groups the same samples its own way.
 */
public final class ThreadCpu {
    /** Name (as the kernel keeps it: 15 characters) of the thread that opens the encoder. */
    static final String ENCODER_WORKERS = "encoder-workers";
    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every mainstream arch. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** The groups, in the order they are reported. */
    static final String[] GROUPS = {"encoder_threads", "encode_loop", "compositor", "source", "outputs", "audio",
            "jvm_gc", "jvm_jit", "other", "unattributed"};

    private record Sample(String comm, long ticks) {}

    private final Map<Integer, Sample> samples;

    private ThreadCpu(Map<Integer, Sample> samples) {
        this.samples = samples;
    }

    static boolean available() {
        return Files.isDirectory(TASKS);
    }

    public static ThreadCpu snapshot() {
        Map<Integer, Sample> map = new HashMap<>();
        if (!available()) return new ThreadCpu(map);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (comm) state ...": comm may hold spaces and parentheses, so cut at the last ')'
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
                    map.put(Integer.parseInt(task.getFileName().toString()), new Sample(comm, ticks));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(map);
        }
        return new ThreadCpu(map);
    }

    /**
     * This snapshot, completed with the threads of {@code earlier} that have ended since (with the
     * time they had then). x264 ends some of its threads when it is flushed, so a run is sampled
     * just before the flush as well as at its end.
     */
    ThreadCpu withEndedThreadsOf(ThreadCpu earlier) {
        Map<Integer, Sample> merged = new HashMap<>(earlier.samples);
        merged.putAll(samples);
        return new ThreadCpu(merged);
    }

    /**
     * CPU nanoseconds per group between {@code before} and this snapshot; what the process used
     * beyond that (threads that ended unseen, the tick rounding) is "unattributed".
     */
    Map<String, Long> since(ThreadCpu before, long processCpuNanos) {
        return since(before, processCpuNanos, GROUPS, ThreadCpu::group);
    }

    /**
     * The same, grouped by {@code group} (thread name, as the kernel keeps it → one of
     * {@code groups}; "unattributed" is added when listed).
     */
    public Map<String, Long> since(ThreadCpu before, long processCpuNanos, String[] groupNames,
                                   java.util.function.Function<String, String> group) {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String g : groupNames) groups.put(g, 0L);
        for (Map.Entry<Integer, Sample> e : samples.entrySet()) {
            Sample then = before.samples.get(e.getKey());
            long ticks = e.getValue().ticks() - (then != null && then.comm().equals(e.getValue().comm()) ? then.ticks() : 0);
            groups.merge(group.apply(e.getValue().comm()), ticks * NANOS_PER_TICK, Long::sum);
        }
        if (!groups.containsKey("unattributed")) return groups;
        long attributed = groups.values().stream().mapToLong(Long::longValue).sum();
        groups.put("unattributed", Math.max(0, processCpuNanos - attributed));
        return groups;
    }

    static String group(String comm) {
        if (comm.equals(ENCODER_WORKERS)) return "encoder_threads";
        if (comm.startsWith("castline-video")) return "encode_loop";
        if (comm.startsWith("castline-compos")) return "compositor";
        if (comm.startsWith("castline-source")) return "source";
        if (comm.startsWith("castline-output")) return "outputs";
        if (comm.startsWith("castline-audio")) return "audio";
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) return "jvm_gc";
        if (comm.contains("CompilerThre")) return "jvm_jit";
        return "other";
    }
}
