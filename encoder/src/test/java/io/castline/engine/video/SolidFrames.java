package io.castline.engine.video;

import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntBinaryOperator;

import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * A test-only video source: one picture, painted once in a chosen pixel format from an RGB
 * function of (x, y), handed out as a new reference ({@code av_frame_clone}) at every
 * {@link #takeLatest()}, as a live source would. Its {@link #problem()} can be set to make the
 * compositor show the no-signal card while frames keep coming.
 */
final class SolidFrames implements VideoSource {

    /** The pixel formats it can paint: planar, semi-planar and two packed ones (crop offsets differ for each). */
    enum Format {
        YUV420P(AV_PIX_FMT_YUV420P), NV12(AV_PIX_FMT_NV12), YUYV422(AV_PIX_FMT_YUYV422), RGB24(AV_PIX_FMT_RGB24);

        final int av;

        Format(int av) { this.av = av; }
    }

    private final String name;
    private final AVFrame picture;
    private volatile String problem;

    private SolidFrames(String name, AVFrame picture) {
        this.name = name;
        this.picture = picture;
    }

    /** A {@code width}x{@code height} picture whose pixel (x, y) is {@code rgbAt.applyAsInt(x, y)} (0xRRGGBB). */
    static SolidFrames of(String name, int width, int height, Format format, IntBinaryOperator rgbAt) {
        return new SolidFrames(name, frame(width, height, format, rgbAt));
    }

    static AVFrame frame(int width, int height, Format format, IntBinaryOperator rgbAt) {
        AVFrame f = av_frame_alloc();
        f.format(format.av);
        f.width(width);
        f.height(height);
        if (av_frame_get_buffer(f, 32) < 0) throw new IllegalStateException("no buffer for a test frame");
        paint(f, format, rgbAt);
        return f;
    }

    /**
     * A source of a fixed run of one-colour frames handed out oldest first, each once, then
     * nothing (as the benchmark's source does): every frame taken and not shown is a frame lost.
     */
    static final class Sequence implements VideoSource {
        private final String name;
        private final ConcurrentLinkedQueue<AVFrame> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicLong taken = new AtomicLong();

        Sequence(String name, int width, int height, Format format, List<Integer> colours) {
            this.name = name;
            for (int rgb : colours) waiting.add(frame(width, height, format, (x, y) -> rgb));
        }

        /** Frames handed out so far. */
        long taken() { return taken.get(); }

        @Override public String name() { return name; }
        @Override public void start() {}

        @Override public AVFrame takeLatest() {
            AVFrame f = waiting.poll();
            if (f != null) taken.incrementAndGet();
            return f;
        }

        @Override public String problem() { return null; }

        @Override public void close() {
            AVFrame f;
            while ((f = waiting.poll()) != null) av_frame_free(f);
        }
    }

    static SolidFrames solid(String name, int width, int height, Format format, int rgb) {
        return of(name, width, height, format, (x, y) -> rgb);
    }

    void setProblem(String p) { this.problem = p; }

    @Override public String name() { return name; }
    @Override public void start() {}

    @Override public AVFrame takeLatest() {
        return av_frame_clone(picture);
    }

    @Override public String problem() { return problem; }

    @Override public void close() {
        av_frame_free(picture);
    }

    // ---- painting (BT.601 limited range, the same integer formula the tests expect) ----

    static int y(int rgb) { return ((66 * r(rgb) + 129 * g(rgb) + 25 * b(rgb) + 128) >> 8) + 16; }
    static int u(int rgb) { return ((-38 * r(rgb) - 74 * g(rgb) + 112 * b(rgb) + 128) >> 8) + 128; }
    static int v(int rgb) { return ((112 * r(rgb) - 94 * g(rgb) - 18 * b(rgb) + 128) >> 8) + 128; }

    private static int r(int rgb) { return (rgb >> 16) & 0xff; }
    private static int g(int rgb) { return (rgb >> 8) & 0xff; }
    private static int b(int rgb) { return rgb & 0xff; }

    private static ByteBuffer plane(AVFrame f, int p, int rows) {
        return f.data(p).capacity((long) f.linesize(p) * rows).asByteBuffer();
    }

    private static void paint(AVFrame f, Format format, IntBinaryOperator rgbAt) {
        int w = f.width();
        int h = f.height();
        switch (format) {
            case YUV420P -> {
                ByteBuffer yp = plane(f, 0, h);
                ByteBuffer up = plane(f, 1, (h + 1) / 2);
                ByteBuffer vp = plane(f, 2, (h + 1) / 2);
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) yp.put(row * f.linesize(0) + col, (byte) y(rgbAt.applyAsInt(col, row)));
                }
                for (int row = 0; row < (h + 1) / 2; row++) {
                    for (int col = 0; col < (w + 1) / 2; col++) {
                        int rgb = rgbAt.applyAsInt(2 * col, 2 * row);
                        up.put(row * f.linesize(1) + col, (byte) u(rgb));
                        vp.put(row * f.linesize(2) + col, (byte) v(rgb));
                    }
                }
            }
            case NV12 -> {
                ByteBuffer yp = plane(f, 0, h);
                ByteBuffer uv = plane(f, 1, (h + 1) / 2);
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) yp.put(row * f.linesize(0) + col, (byte) y(rgbAt.applyAsInt(col, row)));
                }
                for (int row = 0; row < (h + 1) / 2; row++) {
                    for (int col = 0; col < (w + 1) / 2; col++) {
                        int rgb = rgbAt.applyAsInt(2 * col, 2 * row);
                        uv.put(row * f.linesize(1) + 2 * col, (byte) u(rgb));
                        uv.put(row * f.linesize(1) + 2 * col + 1, (byte) v(rgb));
                    }
                }
            }
            case YUYV422 -> {
                ByteBuffer p = plane(f, 0, h);
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col += 2) {
                        int left = rgbAt.applyAsInt(col, row);
                        int right = rgbAt.applyAsInt(Math.min(col + 1, w - 1), row);
                        int at = row * f.linesize(0) + col * 2;
                        p.put(at, (byte) y(left));
                        p.put(at + 1, (byte) u(left));
                        p.put(at + 2, (byte) y(right));
                        p.put(at + 3, (byte) v(left));
                    }
                }
            }
            case RGB24 -> {
                ByteBuffer p = plane(f, 0, h);
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) {
                        int rgb = rgbAt.applyAsInt(col, row);
                        int at = row * f.linesize(0) + col * 3;
                        p.put(at, (byte) r(rgb));
                        p.put(at + 1, (byte) g(rgb));
                        p.put(at + 2, (byte) b(rgb));
                    }
                }
            }
        }
    }
}
