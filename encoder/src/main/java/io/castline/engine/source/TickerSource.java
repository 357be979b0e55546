package io.castline.engine.source;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A ticker's source: no thread and no frames. Its strip (one period of text and separator) is
 * drawn once; where the strip stands on a frame is a function of that frame's index alone
 * ({@link #offset}), so the stream and the recording scroll the same, however busy the machine.
 */
public final class TickerSource implements VideoSource {
    private final String name;
    private final Still strip;
    private final double speed;
    private final int fps;

    TickerSource(String name, Still strip, double speed, int fps) {
        this.name = name;
        this.strip = strip;
        this.speed = speed;
        this.fps = fps;
    }

    /** One period of the ticker, at the size it was drawn. */
    public Still strip() { return strip; }
    /** Canvas pixels per second. */
    public double speed() { return speed; }
    public int fps() { return fps; }

    /**
     * The strip's column at the bar's left edge on frame {@code frame}, for a strip {@code period}
     * canvas pixels wide: the whole pixels it has moved by then (speed × frame / fps, rounded down),
     * modulo the period, so that it wraps onto its next copy without a seam.
     */
    public static int offset(long frame, double speed, int fps, int period) {
        return (int) Math.floorMod((long) Math.floor(frame * speed / fps), (long) period);
    }

    @Override public String name() { return name; }
    @Override public String label() { return "ticker"; }
    @Override public void start() {}
    @Override public AVFrame takeLatest() { return null; }
    @Override public boolean hasFrames() { return false; }
    @Override public String problem() { return null; }
    @Override public void close() {}
}
