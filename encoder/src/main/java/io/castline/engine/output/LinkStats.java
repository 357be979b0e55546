package io.castline.engine.output;

/**
 * A transport's own figures of its connection (SRT keeps them; for RTMP over TCP the operating
 * system does, read elsewhere). Counters are cumulative since the connection opened.
 *
 * @param rttMillis            smoothed round trip
 * @param bytesSent            bytes put on the wire, retransmissions included
 * @param bytesRetransmitted   of those, bytes sent again after a loss report
 * @param bytesUnacknowledged  sent but not yet acknowledged by the receiver (the sender's buffer)
 * @param packetsLost          packets the receiver reported missing
 * @param packetsDropped       packets given up on because they would have arrived after the
 *                             receiver's latency (the viewer sees a glitch)
 * @param bandwidthMbps        the protocol's estimate of the path's capacity
 * @param latencyMillis        the receiver's buffer agreed at the handshake
 */
public record LinkStats(String protocol, double rttMillis, long bytesSent, long bytesRetransmitted,
                        long bytesUnacknowledged, long packetsSent, long packetsLost, long packetsRetransmitted,
                        long packetsDropped, double bandwidthMbps, int latencyMillis) {}
