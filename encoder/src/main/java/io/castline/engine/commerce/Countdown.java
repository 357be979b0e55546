package io.castline.engine.commerce;

/**
 * A flash-sale countdown on the media clock, counted in frames so that what it shows is a function
 * of the frame alone: the same digits on the same frame in the stream, the recording and every
 * output, whatever the machine was doing. Immutable; start, pause and reset make new states.
 *
 * @param durationFrames  the whole countdown (its duration × the canvas rate)
 * @param remainingFrames what was left at {@code anchorFrame}
 * @param anchorFrame     the frame from which it runs (while running) or at which it was paused
 * @param running         true while it counts down
 */
public record Countdown(long durationFrames, long remainingFrames, long anchorFrame, boolean running) {

    /** A countdown of {@code seconds} at {@code fps}, not started. */
    public static Countdown ready(double seconds, int fps) {
        long frames = Math.round(seconds * fps);
        return new Countdown(frames, frames, 0, false);
    }

    /** Counting down from frame {@code frame} on (from where it was paused; a finished one stays finished). */
    public Countdown start(long frame) {
        if (running) return this;
        return new Countdown(durationFrames, remainingFrames, frame, true);
    }

    /** Stopped at what it showed before frame {@code frame}. */
    public Countdown pause(long frame) {
        if (!running) return this;
        return new Countdown(durationFrames, remainingAt(frame), frame, false);
    }

    /** Back to its whole duration, not running. */
    public Countdown reset() {
        return new Countdown(durationFrames, durationFrames, 0, false);
    }

    /** Frames left at frame {@code frame} (0 once it has ended). */
    public long remainingAt(long frame) {
        if (!running || frame <= anchorFrame) return remainingFrames;
        return Math.max(0, remainingFrames - (frame - anchorFrame));
    }

    /**
     * The whole seconds it shows at {@code frame}: rounded up, so that a 5-minute countdown shows
     * 5:00 on its first frame and 0:00 only once it has run out.
     */
    public long secondsShownAt(long frame, int fps) {
        long left = remainingAt(frame);
        return (left + fps - 1) / fps;
    }

    /** True once it has run out at {@code frame}. */
    public boolean endedAt(long frame) {
        return remainingAt(frame) == 0;
    }

    /** The first frame at which it shows 0:00, while it runs; -1 when it is not running. */
    public long endFrame() {
        return running ? anchorFrame + remainingFrames : -1;
    }

    /** "4:59", or "1:04:59" from an hour on. */
    public static String format(long seconds, boolean hours) {
        long h = seconds / 3600;
        long m = (seconds / 60) % 60;
        long s = seconds % 60;
        return hours ? String.format("%d:%02d:%02d", h, m, s) : String.format("%02d:%02d", seconds / 60, s);
    }
}
