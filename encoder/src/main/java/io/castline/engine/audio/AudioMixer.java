package io.castline.engine.audio;

import io.castline.engine.clock.MediaClock;
import io.castline.engine.encode.AudioEncoder;
import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.settings.EncoderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The audio clock: every 1024 samples of media time it mixes the sources (gain, mute), measures
 * peak and RMS, and encodes AAC. A source that is late contributes silence for that tick; the
 * stream's audio never stops, so outputs always have both streams to interleave.
 */
public final class AudioMixer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioMixer.class);

    /** Swapped whole when the show's sound sources change; read once per tick. */
    private volatile List<Channel> channels;
    /** Samples per tick: one AAC frame. */
    public static final int FRAME_SAMPLES = 1024;
    private final Object sinkLock = new Object();
    private AudioSink sink;
    private final Thread thread;
    private final AtomicLong underruns = new AtomicLong();
    private volatile MediaClock clock;
    private volatile boolean running;
    private volatile Throwable failure;

    /** One mixer input with its controls and meters. */
    public static final class Channel {
        private final AudioSource source;
        private volatile float gain = 1f;
        private volatile boolean muted;
        private volatile boolean onAir = true;
        private volatile Levels levels = new Levels(0, 0);
        private boolean primed;

        public Channel(AudioSource source) { this.source = source; }

        public AudioSource source() { return source; }
        public void setGain(float gain) { this.gain = Math.max(0f, gain); }
        public float gain() { return gain; }
        public void setMuted(boolean muted) { this.muted = muted; }
        public boolean muted() { return muted; }
        /**
         * False while the channel's source is in no layer of the scene on air (a clip of another
         * scene): its sound is read and left out of the mix. Sound-only sources are always on air.
         */
        public void setOnAir(boolean onAir) { this.onAir = onAir; }
        public boolean onAir() { return onAir; }
        /** Levels of the last tick, after gain, in linear amplitude (1.0 = full scale). */
        public Levels levels() { return levels; }
    }

    public record Levels(float peak, float rms) {}

    /**
     * Where each tick's mix goes (an AAC encoder while live). Called on the mixer thread; never
     * at the same time as {@link #setSink} returns, so a sink can be detached and then flushed.
     */
    public interface AudioSink {
        void mixed(float[][] planar, long pts, long mixedNanos) throws AvException;

        /** The mixer is stopping with this sink attached. */
        default void finish() throws AvException {}
    }

    /** A mixer that meters only, until a sink is attached (the studio before Go Live). */
    public AudioMixer(List<Channel> channels) {
        this.channels = List.copyOf(channels);
        this.thread = new Thread(this::run, "castline-audio-mixer");
        this.thread.setDaemon(true);
    }

    /** A mixer encoding into {@code encoder} for its whole life, flushing it when it stops. */
    public AudioMixer(List<Channel> channels, AudioEncoder encoder, Consumer<EncodedPacket> sink) {
        this(channels);
        setSink(encodingInto(encoder, sink));
    }

    /** An {@link AudioSink} that encodes each tick and flushes the encoder at the end. */
    public static AudioSink encodingInto(AudioEncoder encoder, Consumer<EncodedPacket> packets) {
        return new AudioSink() {
            @Override public void mixed(float[][] planar, long pts, long nanos) throws AvException {
                encoder.encode(planar, pts, nanos, packets);
            }

            @Override public void finish() throws AvException { encoder.flush(packets); }
        };
    }

    /** Attaches or (with null) detaches the sink; returns once no tick uses the old one any more. */
    public void setSink(AudioSink sink) {
        synchronized (sinkLock) {
            this.sink = sink;
        }
    }

    public List<Channel> channels() { return channels; }

    /** Mixes these channels from the next tick on (a channel kept keeps its gain, mute and meter). */
    public void setChannels(List<Channel> next) { this.channels = List.copyOf(next); }

    public void start(MediaClock clock) {
        this.clock = clock;
        running = true;
        thread.start();
    }

    /** Ticks where a source had fewer samples than needed (its gap was filled with silence). */
    public long underruns() { return underruns.get(); }

    public Throwable failure() { return failure; }

    private void run() {
        int n = FRAME_SAMPLES;
        float[][] mix = new float[EncoderSettings.AUDIO_CHANNELS][n];
        float[][] in = new float[EncoderSettings.AUDIO_CHANNELS][n];
        long samples = 0;
        try {
            while (running) {
                long due = clock.dueNanos(samples + n, EncoderSettings.AUDIO_SAMPLE_RATE);
                MediaClock.sleepUntil(due);
                if (!running) break;
                for (float[] c : mix) java.util.Arrays.fill(c, 0f);
                List<Channel> now = channels;
                for (int c = 0; c < now.size(); c++) mixInto(now.get(c), in, mix, n);
                synchronized (sinkLock) {
                    if (sink != null) sink.mixed(mix, samples, System.nanoTime());
                }
                samples += n;
            }
            synchronized (sinkLock) {
                if (sink != null) sink.finish();
            }
        } catch (AvException | RuntimeException e) {
            failure = e;
            LOG.error("audio mixer stopped: {}", e.getMessage(), e);
        }
    }

    private void mixInto(Channel channel, float[][] in, float[][] mix, int n) {
        AudioSource source = channel.source;
        // wait for two frames of cushion before reading, so source jitter does not cause gaps
        if (!channel.primed) {
            if (available(source) < 2 * n) {
                channel.levels = new Levels(0, 0);
                return;
            }
            channel.primed = true;
        }
        int got = source.read(in, n);
        if (got < n) {
            underruns.incrementAndGet();
            channel.primed = false;
            for (float[] c : in) java.util.Arrays.fill(c, got, n, 0f);
        }
        float gain = channel.muted || !channel.onAir ? 0f : channel.gain;
        float peak = 0;
        double sumSquares = 0;
        for (int ch = 0; ch < mix.length; ch++) {
            float[] src = in[ch];
            float[] dst = mix[ch];
            for (int i = 0; i < n; i++) {
                float v = src[i] * gain;
                dst[i] = Math.max(-1f, Math.min(1f, dst[i] + v));
                float a = Math.abs(v);
                if (a > peak) peak = a;
                sumSquares += (double) v * v;
            }
        }
        channel.levels = new Levels(peak, (float) Math.sqrt(sumSquares / (n * mix.length)));
    }

    private static int available(AudioSource source) {
        return source instanceof Buffered b ? b.available() : Integer.MAX_VALUE;
    }

    /** Sources that can say how many samples they hold (for priming). */
    public interface Buffered {
        int available();
    }

    @Override public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
