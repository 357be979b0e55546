package io.castline.engine.encode;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

import static org.bytedeco.ffmpeg.global.avcodec.*;

/**
 * One encoded packet, produced once and shared by every output ("encode once, fan out"). The
 * payload is a reference-counted libav buffer: each output takes its own {@link #newReference()}
 * (no copy of the data) and frees it after writing or dropping. The encoder closes this holder
 * after the fan-out; the data lives on as long as some output still holds a reference.
 *
 * @param timeBase    denominator of the stream time base (fps for video, 48000 for audio)
 * @param composedNanos {@link System#nanoTime()} when the source frame was composed (video) or
 *                      mixed (audio); the end of its path is measured against it
 */
public final class EncodedPacket implements AutoCloseable {
    private final AVPacket packet;
    private final MediaType type;
    private final boolean key;
    private final long dts;
    private final long pts;
    private final int timeBase;
    private final int size;
    private final long composedNanos;
    private final int codecId;

    /** A packet of the one stream of its type (its codec unspecified: any output of that type takes it). */
    public EncodedPacket(AVPacket packet, MediaType type, int timeBase, long composedNanos) {
        this(packet, type, timeBase, composedNanos, AV_CODEC_ID_NONE);
    }

    /**
     * @param codecId the libavcodec id of the stream it belongs to: with two audio encodes (AAC and
     *                Opus for WHIP) each output takes the packets of the codec its transport carries
     */
    public EncodedPacket(AVPacket packet, MediaType type, int timeBase, long composedNanos, int codecId) {
        this.codecId = codecId;
        this.packet = packet;
        this.type = type;
        this.key = type == MediaType.AUDIO || (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        this.dts = packet.dts();
        this.pts = packet.pts();
        this.timeBase = timeBase;
        this.size = packet.size();
        this.composedNanos = composedNanos;
    }

    public MediaType type() { return type; }
    public boolean isVideo() { return type == MediaType.VIDEO; }
    /** A video keyframe, or any audio packet (every AAC or Opus packet decodes on its own). */
    public boolean isKey() { return key; }
    public boolean isVideoKeyframe() { return key && type == MediaType.VIDEO; }
    public long dts() { return dts; }
    public long pts() { return pts; }
    public int timeBase() { return timeBase; }
    public int size() { return size; }
    public long composedNanos() { return composedNanos; }
    /** The libavcodec id of its stream's codec, or AV_CODEC_ID_NONE when not said. */
    public int codecId() { return codecId; }

    /** Decode timestamp (the presentation time where there is none) in microseconds on the shared media clock. */
    public long dtsMicros() {
        return Math.floorDiv((dts == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? pts : dts) * 1_000_000L, timeBase);
    }

    /** A new packet referencing the same data; the caller owns it and must free it. */
    public AVPacket newReference() {
        AVPacket ref = av_packet_clone(packet);
        if (ref == null) throw new OutOfMemoryError("av_packet_clone failed");
        return ref;
    }

    @Override public void close() {
        av_packet_free(packet);
    }
}
