package io.castline.engine.output;

import io.castline.engine.ffmpeg.AvException;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * How an output's packets leave the program: one open connection (or file), owned by the output's
 * thread. The output keeps the policy (queue, drops, reconnect, state); the transport only carries
 * bytes. The kinds: libavformat's ({@link Muxer}: FLV over RTMP/RTMPS, MPEG-TS over SRT, files),
 * {@link SrtTransport} (SRT over libsrt, with its statistics) and {@link WhipTransport} (WebRTC
 * through FFmpeg's WHIP muxer).
 */
public interface Transport extends AutoCloseable {

    /** Writes one packet of stream {@code streamIndex}, taking ownership of it (freed whatever happens). */
    void write(AVPacket packet, int streamIndex) throws AvException;

    /** Bytes handed to the connection so far, container overhead included. */
    long bytesWritten();

    /**
     * The chapters to write into the stream when it is finished (before the trailer), in
     * milliseconds of its timeline; a transport whose container has none ignores them.
     */
    default void chapters(java.util.List<Chapters.Chapter> chapters) {}

    /**
     * The connection's own statistics when the protocol keeps them (SRT); null when it does not
     * (over TCP the operating system's are read instead). Callable from any thread.
     */
    default LinkStats linkStats() { return null; }

    /** Ends the stream cleanly (trailer, last bytes), then closes. */
    void finish() throws AvException;

    /** Closes at once, without ending the stream (a broken connection). */
    @Override void close();
}
