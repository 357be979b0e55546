package io.castline.engine.source;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A producer of video frames on its own thread (the "source" role of libobs). It keeps only the
 * latest frame in a slot; the compositor takes it when it renders, so a slow or stalled source
 * never blocks the program and a fast one never queues up.
 */
public interface VideoSource extends AutoCloseable {
    String name();

    /** What the host calls it ("camera /dev/video0", "the test pattern"), for the NO SIGNAL card. */
    default String label() { return name(); }

    void start();

    /**
     * False for a source drawn by the engine instead of delivering frames (a still, a countdown):
     * it is shared as it is by every compositor that shows it.
     */
    default boolean hasFrames() { return true; }

    /**
     * The newest frame since the last call, or null if none came. The caller owns the returned
     * frame (a reference of its own) and must free it with {@code av_frame_free}.
     */
    AVFrame takeLatest();

    /** Null while the source delivers; otherwise why there is no picture ("no signal: …"). */
    String problem();

    @Override void close();
}
