package io.castline.bench;

import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * The benchmark's source: FFmpeg's {@code testsrc2} at the canvas size, read exactly as the live
 * test source is (FFmpegFrameGrabber, RAW frames, a new reference per frame), but lossless and
 * unpaced: the first {@code frames} frames, in order, each exactly once, as fast as the pipeline
 * takes them. That is what makes the comparison fair: x264's cost depends on the pictures, and
 * bare FFmpeg is given the very same ones ({@link #lavfiGraph}).
 *
 * <p>Unlike a live source, {@link #takeLatest()} hands out the <em>oldest</em> waiting frame: the
 * few frames queued ahead are a prefetch, not a backlog to skip.
 */
final class BenchVideoSource implements VideoSource {
    private static final int PREFETCH = 3;

    private final String graph;
    private final long frames;
    private final BlockingQueue<AVFrame> ready = new ArrayBlockingQueue<>(PREFETCH);
    private final Thread thread;
    private final AtomicLong grabNanos = new AtomicLong();
    private volatile boolean running;
    private volatile String problem;

    BenchVideoSource(int width, int height, int fps, long frames) {
        this.graph = lavfiGraph(width, height, fps);
        this.frames = frames;
        this.thread = new Thread(this::run, "castline-source-bench");
        this.thread.setDaemon(true);
    }

    /** The lavfi input both Castline and bare FFmpeg read. */
    static String lavfiGraph(int width, int height, int fps) {
        return "testsrc2=size=" + width + "x" + height + ":rate=" + fps;
    }

    @Override public String name() { return "bench"; }

    @Override public void start() {
        running = true;
        thread.start();
    }

    /** Time spent producing frames (generating and handing over), not waiting for room. */
    long grabNanos() { return grabNanos.get(); }

    private void run() {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(graph)) {
            grabber.setFormat("lavfi");
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.start();
            for (long produced = 0; produced < frames && running; produced++) {
                long t0 = System.nanoTime();
                Frame frame = grabber.grabImage();
                if (frame == null || !(frame.opaque instanceof AVFrame decoded)) {
                    problem = "no signal: testsrc2 ended after " + produced + " frames";
                    return;
                }
                AVFrame reference = av_frame_clone(decoded);
                grabNanos.addAndGet(System.nanoTime() - t0);
                while (running && !ready.offer(reference, 100, TimeUnit.MILLISECONDS)) {
                    // the pipeline is busy: wait for it, every frame must be encoded
                }
                if (!running) av_frame_free(reference);
            }
            // stay until closed so that the run's measurement can still read this thread's CPU time
            while (running) Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            problem = "no signal: " + e.getMessage();
        }
    }

    @Override public AVFrame takeLatest() {
        return ready.poll();
    }

    @Override public String problem() { return problem; }

    @Override public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AVFrame f;
        while ((f = ready.poll()) != null) av_frame_free(f);
    }
}
