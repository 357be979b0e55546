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

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * The video clock: one thread that, at exactly the canvas frame rate, renders the program into a
 * pooled YUV420P canvas (the source scaled with libswscale straight into the canvas planes, aspect
 * fit with black bars) and offers it to the encoder. It never waits for the encoder: when no
 * canvas is free or the encoder's queue is full the frame is <em>skipped</em>; when the thread
 * itself wakes later than a whole frame the missed ticks are <em>lagged</em>. Both are counted
 * (OBS's "skipped frames due to encoding lag" and "lagged frames due to rendering lag").
 *
 * <p>For benchmarks, {@link #startFreeRunning} runs the same rendering without the clock: every
 * source frame is rendered exactly once, as fast as the source and the encoder allow.
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
    /** The pool's canvases, by identity (filled in the constructor, read-only afterwards). */
    private final Set<AVFrame> pooled = Collections.newSetFromMap(new IdentityHashMap<>());
    private final AVFrame noSignal;
    private final AVFrame black;
    private final PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(4);
    private final IntPointer dstStrides = new IntPointer(4);
    private final Thread thread;
    private final AtomicLong rendered = new AtomicLong();
    private final AtomicLong lagged = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong composed = new AtomicLong();
    private final AtomicLong renderNanos = new AtomicLong();
    private final AtomicLong convertNanos = new AtomicLong();
    /** Frames to render in benchmark mode; negative on the clock. */
    private volatile long freeRunningFrames = -1;
    private SwsContext sws;
    private AVFrame current;
    private volatile MediaClock clock;
    private volatile boolean running;
    private volatile PreviewScaler preview;
    private volatile boolean encoding = true;
    private volatile Throwable failure;

    public Compositor(VideoSource source, int width, int height, int fps) throws AvException {
        this.source = source;
        this.width = width;
        this.height = height;
        this.fps = fps;
        for (int i = 0; i < POOL_SIZE; i++) free.add(allocCanvas());
        pooled.addAll(free);
        this.noSignal = NoSignalCard.render(width, height, source.label());
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

    /**
     * Benchmark mode: renders exactly {@code frames} frames, one per new source frame, with no
     * clock. Instead of skipping, it waits for the next source frame, for a free canvas and for
     * room in the encoder's queue, so the pipeline runs at the speed of its slowest stage and
     * every frame of the source is encoded. Frame k gets pts k, as on the clock.
     */
    public void startFreeRunning(long frames) {
        freeRunningFrames = frames;
        running = true;
        thread.start();
    }

    /** The next canvas to encode, waiting up to {@code millis}; null if none. */
    public Canvas nextCanvas(long millis) throws InterruptedException {
        return toEncode.poll(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Gives a canvas back to the pool once the encoder is done with it. */
    public void recycle(Canvas canvas) {
        AVFrame frame = canvas.frame();
        // a passed-through source frame is a reference of its own, never a pool canvas
        if (!pooled.contains(frame) || !free.offer(frame)) av_frame_free(frame);
    }

    /**
     * Feeds every rendered canvas to {@code scaler} (on this thread; a swscale to the preview's
     * small size, bounded work) until set to null.
     */
    public void setPreview(PreviewScaler scaler) { this.preview = scaler; }

    /**
     * While false (the studio before Go Live) canvases are rendered for the preview and not
     * handed to an encoder. True by default.
     */
    public void setEncoding(boolean encoding) { this.encoding = encoding; }

    /** Gives back canvases that were rendered but not taken by an encoder that has stopped. */
    public void recyclePending() {
        Canvas pending;
        while ((pending = toEncode.poll()) != null) recycle(pending);
    }

    public long rendered() { return rendered.get(); }
    /** Canvases made on the clock, handed to an encoder or not (off air they feed only the preview). */
    public long composed() { return composed.get(); }
    public long lagged() { return lagged.get(); }
    public long skipped() { return skipped.get(); }
    /** Total time spent rendering, for the average cost per frame. */
    public long renderNanos() { return renderNanos.get(); }
    /** The part of {@link #renderNanos()} spent in libswscale (scaling and pixel-format conversion). */
    public long convertNanos() { return convertNanos.get(); }
    public Throwable failure() { return failure; }
    public VideoSource source() { return source; }

    private void run() {
        if (freeRunningFrames >= 0) {
            runFreely(freeRunningFrames);
            return;
        }
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
                long t0 = System.nanoTime();
                adopt(source.takeLatest());
                AVFrame canvas = passThrough();
                if (canvas == null) {
                    canvas = free.poll();
                    if (canvas == null) {
                        skipped.incrementAndGet();
                        index++;
                        continue;
                    }
                    render(canvas);
                }
                canvas.pts(index);
                long composed = System.nanoTime();
                renderNanos.addAndGet(composed - t0);
                this.composed.incrementAndGet();
                PreviewScaler p = preview;
                if (p != null) p.accept(canvas);
                Canvas rendered = new Canvas(canvas, index, composed);
                if (!encoding) {
                    recycle(rendered); // off air: the picture was for the preview only
                } else if (toEncode.offer(rendered)) {
                    this.rendered.incrementAndGet();
                } else {
                    skipped.incrementAndGet();
                    recycle(rendered);
                }
                index++;
            }
        } catch (AvException | RuntimeException e) {
            failure = e;
            LOG.error("compositor stopped: {}", e.getMessage(), e);
        }
    }

    private void runFreely(long frames) {
        try {
            for (long index = 0; index < frames && running; index++) {
                AVFrame fresh = awaitSourceFrame();
                if (fresh == null) break;
                long t0 = System.nanoTime();
                adopt(fresh);
                AVFrame canvas = passThrough();
                if (canvas == null) {
                    long waitStart = System.nanoTime();
                    while (canvas == null && running) canvas = free.poll(100, TimeUnit.MILLISECONDS);
                    if (canvas == null) break;
                    t0 += System.nanoTime() - waitStart; // waiting for the encoder is not rendering
                    render(canvas);
                }
                canvas.pts(index);
                long composed = System.nanoTime();
                renderNanos.addAndGet(composed - t0);
                this.composed.incrementAndGet();
                Canvas rendered = new Canvas(canvas, index, composed);
                while (running && !toEncode.offer(rendered, 100, TimeUnit.MILLISECONDS)) {
                    // the encoder is behind: wait for it rather than skip (every frame counts here)
                }
                if (!running) {
                    recycle(rendered);
                    break;
                }
                this.rendered.incrementAndGet();
            }
            // stay until close(), like the clocked thread: whoever measures the run can still read
            // this thread's CPU time
            while (running) LockSupport.parkNanos(20_000_000);
        } catch (AvException | RuntimeException e) {
            failure = e;
            LOG.error("compositor stopped: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next source frame, polled: a source has no blocking hand-off (the clocked path must
     * never wait for it). A benchmark source keeps a few frames ready, so this rarely sleeps.
     */
    private AVFrame awaitSourceFrame() {
        while (running) {
            AVFrame fresh = source.takeLatest();
            if (fresh != null) return fresh;
            LockSupport.parkNanos(200_000);
        }
        return null;
    }

    /** Makes {@code fresh} (owned from here on; null for none) the source frame the program shows. */
    private void adopt(AVFrame fresh) {
        if (fresh == null) return;
        if (current != null) av_frame_free(current);
        current = fresh;
    }

    /**
     * When the source frame already is the program (canvas size, canvas pixel format, nothing
     * drawn over it), the encoder gets a new reference to it instead of a copy: at 1080p the copy
     * costs about half a millisecond of memory bandwidth per frame. Null when it must be rendered.
     */
    private AVFrame passThrough() {
        AVFrame src = current;
        if (src == null || source.problem() != null) return null;
        if (src.width() != width || src.height() != height || src.format() != AV_PIX_FMT_YUV420P) return null;
        AVFrame reference = av_frame_clone(src);
        if (reference == null) return null;
        // a decoded frame keeps its old picture type, which libx264 would obey as a forced I or P
        // frame (breaking the regular GOP), and side data meant for its old stream
        reference.pict_type(AV_PICTURE_TYPE_NONE);
        while (reference.nb_side_data() > 0) av_frame_remove_side_data(reference, reference.side_data(0).type());
        return reference;
    }

    /** Renders the program (the held source frame, or the no-signal card) into a pool canvas. */
    private void render(AVFrame canvas) throws AvException {
        // the encoder may still reference this buffer; if so this gives the canvas a fresh one
        AvException.check(av_frame_make_writable(canvas), "canvas writable");
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
        long t0 = System.nanoTime();
        sws_scale(sws, src.data(), src.linesize(), 0, sh, dstPlanes, dstStrides);
        convertNanos.addAndGet(System.nanoTime() - t0);
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
