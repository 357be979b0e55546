package io.castline.engine.uplink;

/**
 * What the operating system says of one TCP connection. Counters are cumulative since the
 * connection opened; a field the OS does not report is -1.
 *
 * @param sendQueueBytes bytes written by us but not yet acknowledged by the peer
 */
public record TcpInfo(String local, String peer, int localPort, double rttMillis, long bytesSent, long bytesAcked,
                      long bytesRetrans, long deliveryRateBps, long sendQueueBytes) {
}
