package io.castline.engine;

import io.castline.engine.audio.AudioMixer;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.CaptureInput;
import io.castline.engine.source.GrabberAudioSource;
import io.castline.engine.source.GrabberVideoSource;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.source.VideoSource;
import io.castline.engine.video.Compositor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The program: sources, the compositor and the audio mixer running on one media clock, with or
 * without anyone encoding it. The studio keeps one running from the moment it opens, so the host
 * sees the preview and the meters before going live; a {@link Broadcast} attaches its encoders and
 * outputs to it and detaches them at End Live. The CLI's broadcast makes one of its own.
 */
public final class Program implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Program.class);
    /** How long to wait for the first picture of the source before the clock starts anyway. */
    private static final long FIRST_FRAME_WAIT_MILLIS = 3_000;

    private final EncoderSettings canvas;
    private final VideoSource videoSource;
    private final GrabberAudioSource audioSource;
    private final Compositor compositor;
    private final AudioMixer mixer;
    private final MediaClock clock;
    private boolean closed;

    private Program(EncoderSettings canvas, SourceSpec video, SourceSpec audio) throws AvException {
        this.canvas = canvas;
        CaptureInput videoInput = CaptureInput.forVideo(video, canvas);
        videoSource = new GrabberVideoSource("video", videoInput, CaptureInput.label(video, videoInput));
        audioSource = audio.kind() == SourceSpec.Kind.NONE ? null
                : new GrabberAudioSource("audio", CaptureInput.forAudio(audio));
        compositor = new Compositor(videoSource, canvas.width(), canvas.height(), canvas.fps());
        compositor.setEncoding(false);
        mixer = audioSource == null ? null : new AudioMixer(List.of(new AudioMixer.Channel(audioSource)));
        videoSource.start();
        if (audioSource != null) audioSource.start();
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIRST_FRAME_WAIT_MILLIS);
        while (videoSource.problem() != null && System.nanoTime() < waitUntil) sleep(20);
        if (videoSource.problem() != null) LOG.warn("video: {}; showing the no-signal picture", videoSource.problem());
        clock = MediaClock.startingNow();
        compositor.start(clock);
        if (mixer != null) mixer.start(clock);
    }

    /**
     * Opens the sources and starts the clock (after waiting up to 3 s for the first picture).
     * Only the canvas size and frame rate of {@code canvas} are used here.
     */
    public static Program start(EncoderSettings canvas, SourceSpec video, SourceSpec audio) throws AvException {
        FFmpegLog.install();
        return new Program(canvas, video, audio);
    }

    /** True when a broadcast with these settings can use this program (same canvas and frame rate). */
    public boolean fits(EncoderSettings s) {
        return s.width() == canvas.width() && s.height() == canvas.height() && s.fps() == canvas.fps();
    }

    public int width() { return canvas.width(); }
    public int height() { return canvas.height(); }
    public int fps() { return canvas.fps(); }
    public MediaClock clock() { return clock; }
    public Compositor compositor() { return compositor; }
    /** Null when the program has no audio. */
    public AudioMixer mixer() { return mixer; }
    public VideoSource videoSource() { return videoSource; }

    /** Why the audio source gives no samples ("no signal: …"), or null while it does or when there is none. */
    public String audioProblem() { return audioSource == null ? null : audioSource.problem(); }

    /** The first failure of the compositor or mixer threads, or null. */
    public Throwable failure() {
        if (compositor.failure() != null) return compositor.failure();
        return mixer == null ? null : mixer.failure();
    }

    /** Stops the clock and closes the sources. Idempotent. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        compositor.close();
        if (mixer != null) mixer.close();
        videoSource.close();
        if (audioSource != null) audioSource.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
