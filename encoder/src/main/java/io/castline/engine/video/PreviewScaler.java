package io.castline.engine.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * The program as a small BGRA picture for a preview window: libswscale turns the canvas into the
 * on-screen size on the compositor thread (a full-size picture would cost the UI's software
 * renderer several times more), into one of three pooled direct buffers. A UI reads
 * {@link #latest()} whenever it redraws; nothing is allocated per frame. BGRA in memory is what
 * JavaFX calls INT_ARGB_PRE on little-endian machines (alpha is always opaque here).
 */
public final class PreviewScaler implements AutoCloseable {
    private static final int SLOTS = 3;

    private final int width;
    private final int height;
    private final ByteBuffer[] buffers = new ByteBuffer[SLOTS];
    private final BytePointer[] pointers = new BytePointer[SLOTS];
    private final PointerPointer<BytePointer> dst = new PointerPointer<>(4);
    private final IntPointer dstStride;
    /** Index of the newest complete picture, or -1 before the first. */
    private final AtomicInteger latest = new AtomicInteger(-1);
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicLong scaleNanos = new AtomicLong();
    private SwsContext sws;
    private int next;
    private boolean closed;

    public PreviewScaler(int width, int height) {
        if (width < 2 || height < 2) throw new IllegalArgumentException("preview size " + width + "x" + height);
        this.width = width;
        this.height = height;
        for (int i = 0; i < SLOTS; i++) {
            buffers[i] = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
            pointers[i] = new BytePointer(buffers[i]);
        }
        this.dstStride = new IntPointer(new int[]{width * 4, 0, 0, 0});
    }

    public int width() { return width; }
    public int height() { return height; }

    /** Pictures produced so far. */
    public int frames() { return frames.get(); }

    /** Time spent scaling, in total (on the compositor thread). */
    public long scaleNanos() { return scaleNanos.get(); }

    /**
     * The newest picture (width × height BGRA, row stride width × 4), or null before the first.
     * It is not written again until two more pictures have been made; a reader that copies it at
     * once (as a UI does on its redraw) always copies a complete picture.
     */
    public ByteBuffer latest() {
        int i = latest.get();
        return i < 0 ? null : buffers[i].duplicate().clear();
    }

    /**
     * Called on the compositor thread with each rendered canvas. Synchronized with {@link #close}:
     * a UI that swaps scalers (the window was resized) may close this one while a frame is scaled.
     */
    synchronized void accept(AVFrame canvas) {
        if (closed) return;
        long t0 = System.nanoTime();
        sws = sws_getCachedContext(sws, canvas.width(), canvas.height(), canvas.format(), width, height,
                AV_PIX_FMT_BGRA, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (sws == null) return;
        int slot = next;
        next = (next + 1) % SLOTS;
        dst.put(0, pointers[slot]);
        sws_scale(sws, canvas.data(), canvas.linesize(), 0, canvas.height(), dst, dstStride);
        latest.set(slot);
        frames.incrementAndGet();
        scaleNanos.addAndGet(System.nanoTime() - t0);
    }

    @Override public synchronized void close() {
        closed = true;
        if (sws != null) sws_freeContext(sws);
        sws = null;
    }
}
