package io.castline.bench;

import org.bytedeco.javacpp.Pointer;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;

/**
 * What the JVM itself can say about this process's memory, read cheaply enough to be sampled every
 * second: the Java heap (in use now, which saws up and down with every collection, and what was
 * left after the last collection, which is what a leak in Java would raise), metaspace and code
 * (non-heap), NIO direct buffers, and the native memory JavaCPP allocated through its
 * {@link Pointer}s and how many of those it holds. Memory FFmpeg and x264 allocate themselves
 * ({@code av_malloc}: frames, lookahead, packets) is in none of these, only in the resident set
 * size.
 *
 * @param heapAfterGcMb   heap in use after the most recent collection, null before the first one
 * @param gcCount         collections so far (young and old)
 * @param javacppPointers native allocations JavaCPP tracks (each freed when its Pointer is): a
 *                        count that keeps growing is a leak however small each one is
 */
public record JvmMemory(double heapUsedMb, double heapCommittedMb, Double heapAfterGcMb, long gcCount, double nonHeapUsedMb,
                 double directMb, double javacppMb, long javacppPointers, int javaThreads) {
    private static final double MB = 1024.0 * 1024.0;

    public static JvmMemory now() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        double direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) direct = pool.getMemoryUsed() / MB;
        }
        long collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        return new JvmMemory(heap.getUsed() / MB, heap.getCommitted() / MB, heapAfterLastGcMb(), collections,
                memory.getNonHeapMemoryUsage().getUsed() / MB, direct, Pointer.totalBytes() / MB, Pointer.totalCount(),
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /**
     * The heap pools' use right after the latest collection of any collector (a young collection
     * too: with G1 it is the old generation plus what survived), or null before the first one.
     */
    private static Double heapAfterLastGcMb() {
        com.sun.management.GcInfo latest = null;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean hotspot) {
                com.sun.management.GcInfo info = hotspot.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) latest = info;
            }
        }
        if (latest == null) return null;
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) heapPools.add(pool.getName());
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
        }
        return used / MB;
    }
}
