package io.castline.engine.video;

import io.castline.engine.MediaClock;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * The video clock: one thread that, at exactly the canvas frame rate, renders the program into a
 * pooled YUV420P canvas (the source scaled with libswscale straight into the canvas planes, aspect
 * fit with black bars) and offers it to the encoder. It never waits for the encoder: when no
 * canvas is free or the encoder's queue is full the frame is <em>skipped</em>; when the thread
 * itself wakes later than a whole frame the missed ticks are <em>lagged</em>. Both are counted
 * (OBS's "skipped frames due to encoding lag" and "lagged frames due to rendering lag").
 */
public final class Compositor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Compositor.class);
    private static final int POOL_SIZE = 3;

    /** A rendered canvas on its way to the encoder; return it with {@link #recycle}. */
    public record Canvas(AVFrame frame, long index, long composedNanos) {}

    private final VideoSource source;
    private final int width;
    private final int height;
    private final int fps;
    private final BlockingQueue<AVFrame> free = new ArrayBlockingQueue<>(POOL_SIZE);
    private final BlockingQueue<Canvas> toEncode = new ArrayBlockingQueue<>(POOL_SIZE - 1);
    private final AVFrame noSignal;
    private final AVFrame black;
    private final PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(4);
    private final IntPointer dstStrides = new IntPointer(4);
    private final Thread thread;
    private final AtomicLong rendered = new AtomicLong();
    private final AtomicLong lagged = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong renderNanos = new AtomicLong();
    private SwsContext sws;
    private AVFrame current;
    private volatile MediaClock clock;
    private volatile boolean running;
    private volatile Throwable failure;

    public Compositor(VideoSource source, int width, int height, int fps) throws AvException {
        this.source = source;
        this.width = width;
        this.height = height;
        this.fps = fps;
        for (int i = 0; i < POOL_SIZE; i++) free.add(allocCanvas());
        this.noSignal = NoSignalCard.render(width, height, source.name());
        this.black = allocCanvas();
        fillBlack(black);
        this.thread = new Thread(this::run, "castline-compositor");
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    public void start(MediaClock clock) {
        this.clock = clock;
        running = true;
        thread.start();
    }

    /** The next canvas to encode, waiting up to {@code millis}; null if none. */
    public Canvas nextCanvas(long millis) throws InterruptedException {
        return toEncode.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Gives a canvas back to the pool once the encoder is done with it. */
    public void recycle(Canvas canvas) {
        if (!free.offer(canvas.frame())) av_frame_free(canvas.frame());
    }

    public long rendered() { return rendered.get(); }
    public long lagged() { return lagged.get(); }
    public long skipped() { return skipped.get(); }
    /** Total time spent rendering, for the average cost per frame. */
    public long renderNanos() { return renderNanos.get(); }
    public Throwable failure() { return failure; }
    public VideoSource source() { return source; }

    private void run() {
        long intervalNanos = 1_000_000_000L / fps;
        long index = 0;
        try {
            while (running) {
                long late = MediaClock.sleepUntil(clock.dueNanos(index, fps));
                if (!running) break;
                if (late >= intervalNanos) {
                    long missed = late / intervalNanos;
                    lagged.addAndGet(missed);
                    index += missed;
                }
                AVFrame canvas = free.poll();
                if (canvas == null) {
                    skipped.incrementAndGet();
                    index++;
                    continue;
                }
                long t0 = System.nanoTime();
                render(canvas);
                canvas.pts(index);
                long composed = System.nanoTime();
                renderNanos.addAndGet(composed - t0);
                if (toEncode.offer(new Canvas(canvas, index, composed))) {
                    rendered.incrementAndGet();
                } else {
                    skipped.incrementAndGet();
                    free.offer(canvas);
                }
                index++;
            }
        } catch (AvException | RuntimeException e) {
            failure = e;
            LOG.error("compositor stopped: {}", e.getMessage(), e);
        }
    }

    private void render(AVFrame canvas) throws AvException {
        // the encoder may still reference this buffer; if so this gives the canvas a fresh one
        AvException.check(av_frame_make_writable(canvas), "canvas writable");
        AVFrame fresh = source.takeLatest();
        if (fresh != null) {
            if (current != null) av_frame_free(current);
            current = fresh;
        }
        if (current == null || source.problem() != null) {
            AvException.check(av_frame_copy(canvas, noSignal), "no-signal copy");
            return;
        }
        drawFitted(current, canvas);
    }

    /** Scales {@code src} into the canvas, centred, aspect kept, with black bars. */
    private void drawFitted(AVFrame src, AVFrame canvas) throws AvException {
        int sw = src.width();
        int sh = src.height();
        int w = width;
        int h = height;
        if ((long) sw * height > (long) sh * width) {
            h = even((int) ((long) width * sh / sw));
        } else {
            w = even((int) ((long) height * sw / sh));
        }
        w = Math.max(2, w);
        h = Math.max(2, h);
        int x = even((width - w) / 2);
        int y = even((height - h) / 2);
        if (w != width || h != height) AvException.check(av_frame_copy(canvas, black), "canvas clear");

        sws = sws_getCachedContext(sws, sw, sh, src.format(), w, h, AV_PIX_FMT_YUV420P, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        if (sws == null) throw new AvException("cannot scale " + sw + "x" + sh + " pixel format " + src.format());
        // destination pointers offset to the layer's (even) position; canvas strides kept
        for (int p = 0; p < 3; p++) {
            int shift = p == 0 ? 0 : 1;
            long offset = (long) (y >> shift) * canvas.linesize(p) + (x >> shift);
            // JavaCPP adds a pointer's position to its address when it crosses into native code
            dstPlanes.put(p, canvas.data(p).position(offset));
            dstStrides.put(p, canvas.linesize(p));
        }
        sws_scale(sws, src.data(), src.linesize(), 0, sh, dstPlanes, dstStrides);
    }

    private static int even(int v) { return v & ~1; }

    private AVFrame allocCanvas() throws AvException {
        AVFrame f = av_frame_alloc();
        f.format(AV_PIX_FMT_YUV420P);
        f.width(width);
        f.height(height);
        AvException.check(av_frame_get_buffer(f, 32), "canvas buffer");
        return f;
    }

    private void fillBlack(AVFrame f) {
        // limited-range black: Y 16, chroma 128
        for (int p = 0; p < 3; p++) {
            int rows = p == 0 ? height : height / 2;
            long bytes = (long) rows * f.linesize(p);
            f.data(p).capacity(bytes);
            org.bytedeco.javacpp.Pointer.memset(f.data(p), p == 0 ? 16 : 128, bytes);
        }
    }

    @Override public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Canvas pending;
        while ((pending = toEncode.poll()) != null) av_frame_free(pending.frame());
        AVFrame f;
        while ((f = free.poll()) != null) av_frame_free(f);
        if (current != null) av_frame_free(current);
        av_frame_free(noSignal);
        av_frame_free(black);
        if (sws != null) sws_freeContext(sws);
    }
}
