package io.castline.engine.output;

/**
 * An immutable snapshot of one output for stats and the studio.
 *
 * @param bytes         bytes handed to the socket or file so far, container overhead included
 * @param payloadBytes  encoded audio/video bytes written (so overhead = bytes / payloadBytes)
 * @param queueMs       age of the oldest packet waiting in this output's queue
 * @param queueBytes    encoded bytes waiting in this output's queue
 * @param attempt       reconnect attempt in progress (0 when not reconnecting)
 * @param retryInMillis time until the next attempt while reconnecting, else 0
 * @param recording     a recording's files (null for a network output)
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
        RecordingStatus recording) {

    /** A network output's status (no files). */
    public OutputStatus(String name, String url, boolean network, OutputState state, String reason, long bytes,
                        long payloadBytes, long queueMs, long queueBytes, long droppedFrames, int reconnects, int attempt,
                        long retryInMillis) {
        this(name, url, network, state, reason, bytes, payloadBytes, queueMs, queueBytes, droppedFrames, reconnects, attempt,
                retryInMillis, null);
    }
}
