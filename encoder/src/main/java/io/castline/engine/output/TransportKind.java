package io.castline.engine.output;

import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.Interrupts;

import java.util.List;

/**
 * One way of sending (libobs's {@code obs_output_info} without the policy): which targets it can
 * carry and how it opens one. A new transport is one class and one line in {@link Transports}.
 */
public interface TransportKind {
    /** "libavformat". */
    String id();

    /** True when it can send to {@code target} (by its URL's protocol and container). */
    boolean carries(OutputTarget target);

    /**
     * True for an encoded stream this kind sends: the encoder makes each codec once and every
     * output takes only the streams of its own transport. RTMP, SRT and files: the video and AAC
     * (not the Opus made for WebRTC).
     */
    default boolean takes(StreamInfo stream) {
        return stream.codecId() != org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
    }

    /**
     * True when the stream goes over one TCP connection of this process, whose kernel statistics
     * then describe the path (found by {@link ConnectionLocator}). WHIP's media goes over UDP; its
     * only TCP connection is the HTTP request, closed before the first packet.
     */
    default boolean overTcp() { return true; }

    /** Why a send that blocked past the write timeout ended the connection, in the receiver's terms. */
    default String stalledReason(long seconds) {
        return "send stalled for " + seconds + " s";
    }

    /**
     * What a stream dropped by the receiver right after it began most likely means, in the
     * receiver's own terms (RTMP: the key or application refused after the publish was accepted).
     */
    default String earlyLossHint() {
        return "the server dropped the stream right after it was published (stream key or application refused?)";
    }

    /**
     * Opens the target and starts the stream (codec headers included), every blocking step under
     * {@code deadline}.
     */
    Transport open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline) throws AvException;
}
