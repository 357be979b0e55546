package io.castline.engine.ffmpeg;

import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deadlines for blocking libavformat calls. FFmpeg polls the interrupt callback while it waits on
 * a socket; returning 1 makes the call fail with AVERROR_EXIT. One callback serves every muxer
 * (JavaCPP limits how many callback instances a class may have), told apart by the opaque token.
 */
public final class Interrupts {
    private static final Map<Long, Deadline> DEADLINES = new ConcurrentHashMap<>();

    private static final AVIOInterruptCB.Callback_Pointer CALLBACK = new AVIOInterruptCB.Callback_Pointer() {
        @Override public int call(Pointer opaque) {
            if (opaque == null) return 0;
            Deadline d = DEADLINES.get(opaque.address());
            return d != null && d.expired() ? 1 : 0;
        }
    }.retainReference();

    private Interrupts() {}

    /** A deadline with its own token; {@link #install} it on a context before any blocking call. */
    public static final class Deadline implements AutoCloseable {
        private final IntPointer token = new IntPointer(1);
        private volatile long deadlineNanos = Long.MAX_VALUE;
        private volatile boolean aborted;

        public Deadline() { DEADLINES.put(token.address(), this); }

        /** The next blocking call must finish within {@code millis}. */
        public void arm(long millis) { deadlineNanos = System.nanoTime() + millis * 1_000_000L; }

        public void disarm() { deadlineNanos = Long.MAX_VALUE; }

        /** Milliseconds until the armed deadline (0 once past it; Long.MAX_VALUE when disarmed). */
        public long millisLeft() {
            long d = deadlineNanos;
            if (d == Long.MAX_VALUE) return Long.MAX_VALUE;
            return Math.max(0, (d - System.nanoTime()) / 1_000_000L);
        }

        /** Makes every current and future blocking call fail at once (used when stopping). */
        public void abort() { aborted = true; }

        public void reset() { aborted = false; disarm(); }

        /** True once {@link #abort()} was called (and not {@link #reset()} since). */
        public boolean aborted() { return aborted; }

        boolean expired() { return aborted || System.nanoTime() - deadlineNanos > 0; }

        public boolean timedOut() { return !aborted && System.nanoTime() - deadlineNanos > 0; }

        public void install(AVIOInterruptCB cb) {
            cb.callback(CALLBACK);
            cb.opaque(token);
        }

        @Override public void close() {
            DEADLINES.remove(token.address());
            token.close();
        }
    }
}
