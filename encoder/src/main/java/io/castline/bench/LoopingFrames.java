package io.castline.bench;

import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * A camera-like source for the layers benchmark: a second of {@code testsrc2} decoded once, then
 * handed out at the frame rate in a loop, a new reference per frame into a latest-frame slot, as a
 * camera's are. It costs almost nothing itself, so the figures are the compositor's.
 */
final class LoopingFrames implements VideoSource {
    private final String name;
    private final List<AVFrame> frames = new ArrayList<>();
    private final AtomicReference<AVFrame> latest = new AtomicReference<>();
    private final int fps;
    private final Thread thread;
    private volatile boolean running;

    LoopingFrames(String name, int width, int height, int fps, String pixelFormat) throws BenchException {
        this.name = name;
        this.fps = fps;
        String graph = "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ",format=" + pixelFormat;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(graph)) {
            grabber.setFormat("lavfi");
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.start();
            for (int i = 0; i < fps; i++) {
                Frame f = grabber.grabImage();
                if (f == null || !(f.opaque instanceof AVFrame decoded)) throw new BenchException("testsrc2 gave no frame");
                frames.add(av_frame_clone(decoded));
            }
        } catch (FrameGrabber.Exception e) {
            throw new BenchException("cannot make the camera-like frames: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, "castline-source-" + name);
        this.thread.setDaemon(true);
    }

    private void run() {
        long start = System.nanoTime();
        for (long i = 0; running; i++) {
            long due = start + i * 1_000_000_000L / fps;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            AVFrame old = latest.getAndSet(av_frame_clone(frames.get((int) (i % frames.size()))));
            if (old != null) av_frame_free(old);
        }
    }

    @Override public String name() { return name; }

    @Override public void start() {
        running = true;
        thread.start();
    }

    @Override public AVFrame takeLatest() { return latest.getAndSet(null); }

    @Override public String problem() { return null; }

    @Override public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AVFrame f = latest.getAndSet(null);
        if (f != null) av_frame_free(f);
        frames.forEach(frame -> av_frame_free(frame));
        frames.clear();
    }
}
