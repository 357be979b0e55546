package io.castline.engine.clock;

import java.util.concurrent.locks.LockSupport;

/**
 * The one media clock of a broadcast. Video frame k is due at start + k / fps, audio sample n at
 * start + n / 48000; timestamps are those indices, never the wall clock of each frame, so they are
 * strictly increasing and audio and video stay in sync by construction.
 */
public record MediaClock(long startNanos) {

    public static MediaClock startingNow() { return new MediaClock(System.nanoTime()); }

    /** Wall time (nanoTime) at which {@code index} units of {@code 1/rate} s have elapsed. */
    public long dueNanos(long index, long rate) {
        return startNanos + Math.multiplyExact(index, 1_000_000_000L) / rate;
    }

    /** Sleeps until {@code dueNanos}; returns how late it woke (≥ 0). */
    public static long sleepUntil(long dueNanos) {
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) break;
        }
        return Math.max(0, System.nanoTime() - dueNanos);
    }

    public double secondsSinceStart() { return (System.nanoTime() - startNanos) / 1e9; }
}
