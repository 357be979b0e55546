package io.castline.engine.source;

import io.castline.engine.audio.AudioMixer;
import io.castline.engine.audio.AudioRing;
import io.castline.engine.audio.AudioSource;
import io.castline.engine.settings.EncoderSettings;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

/**
 * An audio source read through FFmpegFrameGrabber, resampled by it to 48 kHz stereo float.
 * Interleaved, not planar: JavaCV 1.5.14 corrupts the native heap when it up-mixes a mono input
 * into planar stereo (seen with lavfi "sine"), so the samples are de-interleaved here.
 */
public final class GrabberAudioSource extends GrabberLoop implements AudioSource, AudioMixer.Buffered {
    /** 200 ms of slack between a source's clock and the mixer's. */
    private static final int RING_SAMPLES = EncoderSettings.AUDIO_SAMPLE_RATE / 5;

    /** A live source that has sent nothing for this long has no signal (a microphone unplugged while open). */
    private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final AudioRing ring = new AudioRing(EncoderSettings.AUDIO_CHANNELS, RING_SAMPLES);
    private float[][] scratch = new float[EncoderSettings.AUDIO_CHANNELS][4096];

    public GrabberAudioSource(String name, CaptureInput input) {
        super(name, input);
    }

    @Override public String problem() {
        String p = super.problem();
        if (p != null) return p;
        if (ended()) return null; // played once: silence now, not a fault
        long last = lastFrameNanos();
        if (last != 0 && System.nanoTime() - last > STALE_NANOS) return "no signal: no sound for over 2 s";
        return null;
    }

    /**
     * Opens {@code input} as the studio would (same format, options and sample format) and waits
     * for its first samples: null when they came within {@code timeout}, else why not, in the
     * words the studio uses ("cannot open default: No such process …"). For {@code castline devices}.
     */
    public static String probe(CaptureInput input, Duration timeout) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (FFmpegFrameGrabber grabber = grabberFor(input, GrabberAudioSource::configureSamples)) {
                grabber.start();
                Frame f = grabber.grabSamples();
                boolean sound = f != null && f.samples != null && f.samples.length > 0 && f.samples[0].remaining() > 0;
                result.complete(sound ? null : "it opened but gave no sound");
            } catch (Exception | LinkageError e) {
                result.complete(plainReason(String.valueOf(e.getMessage()), input));
            }
        }, "castline-device-probe");
        t.setDaemon(true); // a device that hangs in its open call must not keep the JVM alive
        t.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            return "no sound within " + timeout.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        }
    }

    @Override protected void configure(FFmpegFrameGrabber grabber) {
        configureSamples(grabber);
    }

    private static void configureSamples(FFmpegFrameGrabber grabber) {
        grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
        grabber.setSampleRate(EncoderSettings.AUDIO_SAMPLE_RATE);
        grabber.setAudioChannels(EncoderSettings.AUDIO_CHANNELS);
    }

    @Override protected Frame grab(FFmpegFrameGrabber grabber) throws Exception {
        return grabber.grabSamples();
    }

    @Override protected void onFrame(Frame frame) {
        if (frame.samples == null || frame.samples.length == 0) return;
        FloatBuffer interleaved = (FloatBuffer) frame.samples[0];
        int channels = EncoderSettings.AUDIO_CHANNELS;
        int count = interleaved.remaining() / channels;
        if (count > scratch[0].length) scratch = new float[channels][count];
        int base = interleaved.position();
        for (int i = 0; i < count; i++) {
            for (int ch = 0; ch < channels; ch++) scratch[ch][i] = interleaved.get(base + i * channels + ch);
        }
        ring.write(scratch, 0, count);
    }

    @Override public int available() {
        return ring.available();
    }

    @Override public int read(float[][] out, int count) {
        return ring.read(out, count);
    }
}
