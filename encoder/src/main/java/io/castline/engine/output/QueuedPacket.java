package io.castline.engine.output;

import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.MediaType;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

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

    QueuedPacket(EncodedPacket source, long nowNanos) {
        this.packet = source.newReference();
        this.type = source.type();
        this.key = source.isKey();
        this.size = source.size();
        this.timeBase = source.timeBase();
        this.composedNanos = source.composedNanos();
        this.enqueuedNanos = nowNanos;
        this.mediaMicros = source.pts() * 1_000_000L / source.timeBase();
    }

    /** Hands the packet to the muxer, which takes it over; this entry is empty afterwards. */
    AVPacket take() {
        AVPacket p = packet;
        packet = null;
        return p;
    }

    MediaType type() { return type; }
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
