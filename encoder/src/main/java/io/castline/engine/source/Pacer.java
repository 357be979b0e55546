package io.castline.engine.source;

import java.util.concurrent.locks.LockSupport;

/**
 * Plays timestamped input at real-time speed (like ffmpeg's -re) for inputs that would otherwise
 * be read as fast as possible: files and generated test signals.
 */
final class Pacer {
    /** Beyond this lateness (a stall, a seek) the pacer re-anchors instead of racing to catch up. */
    private static final long RESYNC_MICROS = 1_000_000;

    private long anchorWallNanos;
    private long anchorMicros = Long.MIN_VALUE;

    void reset() { anchorMicros = Long.MIN_VALUE; }

    /** Sleeps until the frame with this timestamp is due. */
    void await(long timestampMicros) {
        long now = System.nanoTime();
        if (anchorMicros == Long.MIN_VALUE) {
            anchor(now, timestampMicros);
            return;
        }
        long dueNanos = anchorWallNanos + (timestampMicros - anchorMicros) * 1000L;
        long wait = dueNanos - now;
        if (wait < -RESYNC_MICROS * 1000L || wait > RESYNC_MICROS * 1000L) {
            anchor(now, timestampMicros);
            return;
        }
        while (wait > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) return;
            wait = dueNanos - System.nanoTime();
        }
    }

    private void anchor(long now, long timestampMicros) {
        anchorWallNanos = now;
        anchorMicros = timestampMicros;
    }
}
