package io.castline.engine.source;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * A video source read through FFmpegFrameGrabber in RAW mode: frames keep their native pixel
 * format and the hand-off to the compositor is a new reference to the decoded buffer, not a copy.
 */
public final class GrabberVideoSource extends GrabberLoop implements VideoSource {
    /** A live source that has sent nothing for this long shows "no signal". */
    private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final AtomicReference<AVFrame> latest = new AtomicReference<>();
    private final String label;

    public GrabberVideoSource(String name, CaptureInput input) {
        this(name, input, name);
    }

    /** {@code label}: what the host calls the source (see {@link CaptureInput#label}). */
    public GrabberVideoSource(String name, CaptureInput input, String label) {
        super(name, input);
        this.label = label;
    }

    @Override public String label() { return label; }

    @Override protected void configure(FFmpegFrameGrabber grabber) {
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
    }

    @Override protected Frame grab(FFmpegFrameGrabber grabber) throws Exception {
        return grabber.grabImage();
    }

    @Override protected void onFrame(Frame frame) {
        if (!(frame.opaque instanceof AVFrame decoded)) return;
        AVFrame reference = av_frame_clone(decoded);
        if (reference == null) return;
        AVFrame unused = latest.getAndSet(reference);
        if (unused != null) av_frame_free(unused);
    }

    @Override public AVFrame takeLatest() {
        return latest.getAndSet(null);
    }

    @Override public String problem() {
        String p = super.problem();
        if (p != null) return p;
        if (ended()) return null; // played once: its last picture stays
        long last = lastFrameNanos();
        if (last != 0 && System.nanoTime() - last > STALE_NANOS) return "no signal: no frame for over 2 s";
        return null;
    }

    @Override protected void closed() {
        AVFrame unused = latest.getAndSet(null);
        if (unused != null) av_frame_free(unused);
    }
}
