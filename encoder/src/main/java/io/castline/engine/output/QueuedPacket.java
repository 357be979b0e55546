package io.castline.engine.output;

import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.MediaType;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

/** One output's own reference to a shared encoded packet, plus what the drop policy needs to know. */
final class QueuedPacket implements PacketQueue.Entry {
    private AVPacket packet;
    private final MediaType type;
    private final boolean key;
    private final int size;
    private final int timeBase;
    private final long composedNanos;
    private final long enqueuedNanos;
    private final long mediaMicros;
    private final long dtsMicros;
    private final int codecId;

    QueuedPacket(EncodedPacket source, long nowNanos) {
        this.packet = source.newReference();
        this.type = source.type();
        this.key = source.isKey();
        this.size = source.size();
        this.timeBase = source.timeBase();
        this.composedNanos = source.composedNanos();
        this.enqueuedNanos = nowNanos;
        this.mediaMicros = source.pts() * 1_000_000L / source.timeBase();
        this.dtsMicros = source.dtsMicros();
        this.codecId = source.codecId();
    }

    /** Hands the packet to the muxer, which takes it over; this entry is empty afterwards. */
    AVPacket take() {
        AVPacket p = packet;
        packet = null;
        return p;
    }

    /**
     * {@link #take()}, with pts and dts moved back by {@code originMicros} (rounded to this stream's
     * ticks): the output's timeline starts at its first keyframe.
     */
    AVPacket takeShiftedBy(long originMicros) {
        AVPacket p = take();
        if (originMicros != 0 && p != null) {
            long ticks = Math.round(originMicros * (double) timeBase / 1_000_000.0);
            if (p.pts() != avutil.AV_NOPTS_VALUE) p.pts(p.pts() - ticks);
            if (p.dts() != avutil.AV_NOPTS_VALUE) p.dts(p.dts() - ticks);
        }
        return p;
    }

    /** The decode time (the presentation time where there is none) in microseconds of the program's clock. */
    long dtsMicros() { return dtsMicros; }

    MediaType type() { return type; }
    int codecId() { return codecId; }
    int timeBase() { return timeBase; }
    long composedNanos() { return composedNanos; }

    @Override public boolean isVideo() { return type == MediaType.VIDEO; }
    @Override public boolean isKey() { return key; }
    @Override public int size() { return size; }
    @Override public long enqueuedNanos() { return enqueuedNanos; }
    @Override public long mediaMicros() { return mediaMicros; }

    @Override public void release() {
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
    }
}
