package io.castline.engine;

import io.castline.engine.audio.AudioMixer;
import io.castline.engine.encode.AudioEncoder;
import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.OpusEncoder;
import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.output.OutputTarget;

import java.util.function.Consumer;

/**
 * A broadcast's audio encodes: AAC always (RTMP, SRT, recordings), Opus as well from the first
 * output that sends WebRTC (WHIP) on. Each codec is encoded once, whatever the number of outputs
 * taking it; each output takes the one its transport carries. The mixer's sink is swapped whole
 * when Opus starts (between two ticks: {@link AudioMixer#setSink} waits for the tick in progress).
 */
public final class AudioEncodes implements AutoCloseable {
    private final AudioEncoder aac;
    private final int bitrateKbps;
    private final Consumer<EncodedPacket> packets;
    /** Null until an output takes Opus; written under the broadcast's lock, read by the mixer through its sink. */
    private volatile OpusEncoder opus;

    public AudioEncodes(int bitrateKbps, Consumer<EncodedPacket> packets) throws AvException {
        this.aac = new AudioEncoder(bitrateKbps);
        this.bitrateKbps = bitrateKbps;
        this.packets = packets;
        if (aac.frameSize() != AudioMixer.FRAME_SAMPLES) {
            aac.close();
            throw new AvException("AAC frame of " + aac.frameSize() + " samples; the mixer ticks " + AudioMixer.FRAME_SAMPLES);
        }
    }

    /** True when an output to {@code t} sends Opus (WebRTC), which the AAC encode does not give. */
    static boolean takesOpus(OutputTarget t) {
        return "whip".equals(t.formatName());
    }

    public StreamInfo aacStream() { return aac.streamInfo(); }

    /** Starts the Opus encode (once) and returns its stream; null when it was running already. */
    public StreamInfo startOpus() throws AvException {
        if (opus != null) return null;
        opus = new OpusEncoder(bitrateKbps);
        return opus.streamInfo();
    }

    boolean opusRunning() { return opus != null; }

    /** The mixer's sink: each tick to AAC, and to Opus when it runs (as it is when this is called). */
    public AudioMixer.AudioSink sink() {
        OpusEncoder o = opus;
        return new AudioMixer.AudioSink() {
            @Override public void mixed(float[][] planar, long pts, long nanos) throws AvException {
                aac.encode(planar, pts, nanos, packets);
                if (o != null) o.encode(planar, pts, nanos, packets);
            }

            @Override public void finish() throws AvException { flush(); }
        };
    }

    /** The encoders' last packets (after the mixer was detached). */
    void flush() throws AvException {
        aac.flush(packets);
        OpusEncoder o = opus;
        if (o != null) o.flush(packets);
    }

    @Override public void close() {
        aac.close();
        OpusEncoder o = opus;
        if (o != null) o.close();
    }
}
