package io.castline.engine.uplink;

import java.util.Map;

/**
 * Reads TCP statistics of this process's own connections. Linux has them ({@code ss -ti});
 * elsewhere there is nothing to read and every figure stays unknown (null), never invented.
 */
public interface TcpStatsReader {

    /** This process's established TCP connections, by local port; empty when not supported. */
    Map<Integer, TcpInfo> sample();

    boolean supported();

    static TcpStatsReader forThisPlatform() {
        return SsTcpStatsReader.available() ? new SsTcpStatsReader() : new TcpStatsReader() {
            @Override public Map<Integer, TcpInfo> sample() { return Map.of(); }
            @Override public boolean supported() { return false; }
        };
    }
}
