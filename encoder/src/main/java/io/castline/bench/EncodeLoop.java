package io.castline.bench;

import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.video.Compositor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The encoder thread of a benchmark pipeline, the same hand-off as a broadcast's: take a canvas
 * from the compositor, encode it, give the canvas back, hand every packet to the fan-out. Stops
 * after {@code frameLimit} frames (free-running) or when asked (live), then flushes the encoder.
 */
final class EncodeLoop {
    private final Compositor compositor;
    private final VideoEncoder encoder;
    private final Consumer<EncodedPacket> fanOut;
    private final long frameLimit;
    private final Runnable beforeFlush;
    private final Thread thread;
    private final AtomicLong encoded = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Throwable failure;

    /**
     * @param frameLimit  frames to encode before flushing; negative for "until {@link #stop()}"
     * @param beforeFlush run on this thread once the last frame is in, before the flush; may be null
     */
    EncodeLoop(Compositor compositor, VideoEncoder encoder, Consumer<EncodedPacket> fanOut, long frameLimit,
               Runnable beforeFlush) {
        this.compositor = compositor;
        this.encoder = encoder;
        this.fanOut = fanOut;
        this.frameLimit = frameLimit;
        this.beforeFlush = beforeFlush;
        this.thread = new Thread(this::run, "castline-video-encoder");
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    private void run() {
        try {
            while (running && (frameLimit < 0 || encoded.get() < frameLimit)) {
                Compositor.Canvas canvas = compositor.nextCanvas(100);
                if (canvas == null) continue;
                long t0 = System.nanoTime();
                try {
                    encoder.encode(canvas.frame(), canvas.composedNanos(), fanOut);
                } finally {
                    compositor.recycle(canvas);
                }
                encodeNanos.addAndGet(System.nanoTime() - t0);
                encoded.incrementAndGet();
            }
            if (beforeFlush != null) beforeFlush.run();
            long t0 = System.nanoTime();
            encoder.flush(fanOut);
            encodeNanos.addAndGet(System.nanoTime() - t0);
            done.countDown();
            // stay until stopped so that the run's measurement can still read this thread's CPU time
            while (running) Thread.sleep(20);
        } catch (AvException | RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
    }

    /** Waits for the frame limit and the flush; false on timeout. */
    boolean awaitDone(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Ends the loop (flushing what the encoder holds) and waits for it. */
    void stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long encoded() { return encoded.get(); }
    /** Wall time spent in the encoder per call (send + receive), flush included. */
    long encodeNanos() { return encodeNanos.get(); }
    Throwable failure() { return failure; }
}
