package io.castline.engine.encode;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVRational;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

/**
 * What a muxer needs to know about one encoded stream: codec parameters (with the codec headers in
 * extradata, so every new connection starts with them) and the time base of its packets.
 */
public final class StreamInfo implements AutoCloseable {
    private final MediaType type;
    private final AVCodecParameters parameters;
    private final int timeBase;

    StreamInfo(MediaType type, AVCodecContext context, int timeBase) {
        this.type = type;
        this.parameters = avcodec_parameters_alloc();
        avcodec_parameters_from_context(parameters, context);
        this.timeBase = timeBase;
    }

    private StreamInfo(StreamInfo other) {
        this.type = other.type;
        this.parameters = avcodec_parameters_alloc();
        if (avcodec_parameters_copy(parameters, other.parameters) < 0) {
            avcodec_parameters_free(parameters);
            throw new IllegalStateException("cannot copy the codec parameters of the " + type + " stream");
        }
        this.timeBase = other.timeBase;
    }

    /**
     * A copy with codec parameters of its own, for a thread that may outlive the encoder (an output
     * still blocked in a connect when the broadcast ends must not read parameters already freed).
     */
    public StreamInfo copy() { return new StreamInfo(this); }

    public MediaType type() { return type; }
    /** The libavcodec id of its codec (H.264, AAC, Opus…). */
    public int codecId() { return parameters.codec_id(); }
    /** Read-only for callers: copy it into a muxer stream with avcodec_parameters_copy. */
    public AVCodecParameters parameters() { return parameters; }
    public int timeBaseDenominator() { return timeBase; }
    public AVRational timeBase() { return av_make_q(1, timeBase); }

    @Override public void close() { avcodec_parameters_free(parameters); }
}
