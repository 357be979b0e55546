package io.castline.engine.output;

/**
 * An immutable snapshot of one output for stats and the studio.
 *
 * @param bytes         bytes handed to the socket or file so far, container overhead included
 * @param payloadBytes  encoded audio/video bytes written (so overhead = bytes / payloadBytes)
 * @param queueMs       age of the oldest packet waiting in this output's queue
 * @param queueBytes    encoded bytes waiting in this output's queue
 * @param attempt       reconnect attempt in progress (0 when not reconnecting)
 * @param droppedFrames video frames the output discarded instead of sending, for any reason (its
 *                      drop policy, the backlog let go while disconnected or failed, a resync on a
 *                      keyframe after a reconnect, what was still queued when it stopped)
 * @param retryInMillis time until the next attempt while reconnecting, else 0
 * @param congestionDrops of those, the frames dropped by the drop policy while connected: the
 *                      path could not keep up
 * @param recording     a recording's files (null for a network output)
 * @param originMicros  where this output's timeline starts on the program's clock: the decode time,
 *                      in microseconds, of the first keyframe it wrote, which every packet is moved
 *                      back by (null until it has written one). What arrives at time t (seconds)
 *                      was program frame (t·10⁶ + originMicros)·fps/10⁶.
 */
public record OutputStatus(
        String name,
        String url,
        boolean network,
        OutputState state,
        String reason,
        long bytes,
        long payloadBytes,
        long queueMs,
        long queueBytes,
        long droppedFrames,
        int reconnects,
        int attempt,
        long retryInMillis,
        long congestionDrops,
        RecordingStatus recording,
        Long originMicros) {

    /** A status of an output whose timeline has not started (no keyframe written yet). */
    public OutputStatus(String name, String url, boolean network, OutputState state, String reason, long bytes,
                        long payloadBytes, long queueMs, long queueBytes, long droppedFrames, int reconnects,
                        int attempt, long retryInMillis, long congestionDrops, RecordingStatus recording) {
        this(name, url, network, state, reason, bytes, payloadBytes, queueMs, queueBytes, droppedFrames, reconnects,
                attempt, retryInMillis, congestionDrops, recording, null);
    }

    /** A status without the congestion split (every drop counted as congestion) and without files. */
    public OutputStatus(String name, String url, boolean network, OutputState state, String reason, long bytes,
                        long payloadBytes, long queueMs, long queueBytes, long droppedFrames, int reconnects,
                        int attempt, long retryInMillis) {
        this(name, url, network, state, reason, bytes, payloadBytes, queueMs, queueBytes, droppedFrames, reconnects,
                attempt, retryInMillis, droppedFrames, null, null);
    }
}
