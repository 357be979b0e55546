package io.castline.engine.source;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A banner of several images in turn: no thread and no frames. Each image is drawn into the
 * banner once; which one a frame shows is a function of its index ({@link #slideAt}).
 */
public final class ImageBannerSource implements VideoSource {
    private final String name;
    private final String label;
    private final Still[] slides;
    private final long framesEach;

    ImageBannerSource(String name, String label, Still[] slides, long framesEach) {
        this.name = name;
        this.label = label;
        this.slides = slides.clone();
        this.framesEach = framesEach;
    }

    public int slides() { return slides.length; }
    public Still slide(int i) { return slides[i]; }
    /** How many frames each image shows. */
    public long framesEach() { return framesEach; }

    /** The image shown on frame {@code frame}: the first for {@code framesEach} frames from 0, then the next, round again. */
    public static int slideAt(long frame, long framesEach, int slides) {
        return (int) Math.floorMod(Math.floorDiv(frame, framesEach), (long) slides);
    }

    @Override public String name() { return name; }
    @Override public String label() { return label; }
    @Override public void start() {}
    @Override public AVFrame takeLatest() { return null; }
    @Override public boolean hasFrames() { return false; }
    @Override public String problem() { return null; }
    @Override public void close() {}
}
