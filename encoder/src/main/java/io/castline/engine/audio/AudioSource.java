package io.castline.engine.audio;

/** A producer of 48 kHz stereo float samples on its own thread, read by the mixer at its ticks. */
public interface AudioSource extends AutoCloseable {
    String name();

    void start();

    /**
     * Copies up to {@code count} samples per channel into {@code out} (planar, 2 channels) and
     * returns how many were available; the mixer fills the rest with silence.
     */
    int read(float[][] out, int count);

    /** Null while samples arrive; otherwise why not. */
    String problem();

    @Override void close();
}
