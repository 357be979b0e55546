package io.castline.engine.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * The program as a small BGRA picture for a preview window: libswscale turns the canvas into the
 * on-screen size on the compositor thread (a full-size picture would cost the UI's software
 * renderer several times more), into one of three pooled buffers. A UI copies the newest picture
 * out ({@link #copyLatest}) whenever it redraws; nothing is allocated per frame. BGRA in memory is
 * what JavaFX calls INT_ARGB_PRE on little-endian machines (alpha is always opaque here).
 *
 * <p>The buffers are native memory that {@link #close} frees at once (a resized window or a preview
 * switched off closes its scaler): as direct ByteBuffers they stayed resident until a full garbage
 * collection, which the studio's small heap rarely needs, and held 8–17 MB for nothing
 * (docs/performance.md). Readers are counted, so memory a reader is copying from is freed by the
 * last one out, never under it.
 */
public final class PreviewScaler implements AutoCloseable {
    private static final int SLOTS = 3;

    private final int width;
    private final int height;
    private final BytePointer[] pointers = new BytePointer[SLOTS];
    /** The same memory as {@link #pointers}, read with absolute gets only (so one view serves every thread). */
    private final ByteBuffer[] buffers = new ByteBuffer[SLOTS];
    private final PointerPointer<BytePointer> dst = new PointerPointer<>(4);
    private final IntPointer dstStride;
    /** Index of the newest complete picture, or -1 before the first. */
    private final AtomicInteger latest = new AtomicInteger(-1);
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicLong scaleNanos = new AtomicLong();
    /** Threads inside {@link #copyLatest} right now. */
    private final AtomicInteger readers = new AtomicInteger();
    private final AtomicBoolean freed = new AtomicBoolean();
    private SwsContext sws;
    private int next;
    private volatile boolean closed;

    public PreviewScaler(int width, int height) {
        if (width < 2 || height < 2) throw new IllegalArgumentException("preview size " + width + "x" + height);
        this.width = width;
        this.height = height;
        for (int i = 0; i < SLOTS; i++) {
            pointers[i] = new BytePointer((long) width * height * 4);
            buffers[i] = pointers[i].asByteBuffer().order(ByteOrder.nativeOrder());
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
     * Copies the newest picture (width × height BGRA, row stride width × 4) into {@code target}
     * from its index 0, as much as fits; its position is left alone. False, copying nothing, before
     * the first picture and once closed. A picture is not written again until two more have been
     * made, so what is copied is always one complete picture.
     */
    public boolean copyLatest(ByteBuffer target) {
        readers.incrementAndGet();
        try {
            if (closed) return false;
            int i = latest.get();
            if (i < 0) return false;
            ByteBuffer picture = buffers[i];
            target.put(0, picture, 0, Math.min(picture.capacity(), target.capacity()));
            return true;
        } finally {
            // a close() that came while this copied left the freeing to the last reader
            if (readers.decrementAndGet() == 0 && closed) free();
        }
    }

    /** A copy of the newest picture on the Java heap, or null before the first (and once closed). */
    public ByteBuffer snapshot() {
        ByteBuffer copy = ByteBuffer.allocate(width * height * 4).order(ByteOrder.nativeOrder());
        return copyLatest(copy) ? copy : null;
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

    /** Frees the pictures (now, or when the last reader is done) and the scaler; waits for a frame being scaled. */
    @Override public void close() {
        synchronized (this) {
            closed = true;
            if (sws != null) sws_freeContext(sws);
            sws = null;
        }
        if (readers.get() == 0) free();
    }

    private void free() {
        if (!freed.compareAndSet(false, true)) return;
        for (BytePointer p : pointers) p.deallocate();
    }
}
