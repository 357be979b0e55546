package io.castline.it;

import io.castline.engine.video.Compositor;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Takes every canvas a running program composes (it encodes for the test), keeping each frame's
 * index and the luma of one region, to compare with what the engine draws on its own.
 */
class CanvasFrames implements AutoCloseable {
    record Taken(long index, byte[] region) {}

    private final Compositor compositor;
    private final ConcurrentLinkedDeque<Taken> taken = new ConcurrentLinkedDeque<>();
    private final Thread reader;
    private volatile boolean running = true;

    CanvasFrames(Compositor compositor, int x, int y, int w, int h) {
        this.compositor = compositor;
        compositor.setEncoding(true);
        reader = new Thread(() -> {
            try {
                while (running) {
                    Compositor.Canvas c = compositor.nextCanvas(100);
                    if (c == null) continue;
                    try {
                        taken.add(new Taken(c.index(), luma(c.frame(), x, y, w, h)));
                    } finally {
                        compositor.recycle(c);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-frames");
        reader.start();
    }

    /** Every frame taken so far, oldest first. */
    java.util.List<Taken> taken() {
        return java.util.List.copyOf(taken);
    }

    /** The index of the first frame after {@code after} that is {@code expected} (within rounding); fails after 5 s. */
    long awaitMatch(byte[] expected, String what, long after) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (Taken t : taken) {
                if (t.index() > after && difference(t.region(), expected) < 0.05) return t.index();
            }
            Thread.sleep(10);
        }
        double closest = taken.stream().filter(t -> t.index() > after).mapToDouble(t -> difference(t.region(), expected))
                .min().orElse(Double.NaN);
        throw new AssertionError(what + ": no frame after " + after + " matched the engine's own drawing (closest differs by "
                + closest + " per pixel)");
    }

    /** Waits until a frame at or after {@code index} has been taken. */
    void awaitIndex(long index) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (taken.isEmpty() || taken.peekLast().index() < index) {
            if (System.nanoTime() > deadline) throw new AssertionError("no frame " + index + " within 10 s");
            Thread.sleep(10);
        }
    }

    @Override public void close() throws InterruptedException {
        running = false;
        reader.join(2_000);
        compositor.setEncoding(false);
    }

    static byte[] luma(AVFrame f, int x, int y, int w, int h) {
        ByteBuffer plane = f.data(0).capacity((long) f.linesize(0) * f.height()).asByteBuffer();
        byte[] out = new byte[w * h];
        for (int row = 0; row < h; row++) plane.get((y + row) * f.linesize(0) + x, out, row * w, w);
        return out;
    }

    /** Mean absolute luma difference. */
    static double difference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        return sum / (double) a.length;
    }
}
