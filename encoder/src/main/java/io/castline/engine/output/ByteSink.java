package io.castline.engine.output;

/**
 * Where a muxer's bytes go when the connection is not one of libavformat's protocols (an SRT
 * socket of our own): called on the output's thread with each block the muxer writes.
 */
interface ByteSink {
    /**
     * Sends {@code length} bytes at native address {@code address}; returns false when the
     * connection failed (its reason is {@link #failure()}).
     */
    boolean send(long address, int length);

    /** Why the last send failed, in words (secrets masked); null if none did. */
    String failure();
}
