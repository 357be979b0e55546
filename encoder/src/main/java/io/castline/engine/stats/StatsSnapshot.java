package io.castline.engine.stats;

import java.util.List;

/**
 * One second of a broadcast as the {@code --stats} JSON Lines contract (DESIGN.md) names it; the
 * JSON keys are these names in snake_case.
 */
public record StatsSnapshot(
        double t,
        double fps,
        Frames frames,
        Encoder encoder,
        Audio audio,
        List<OutputStats> outputs,
        Uplink uplink) {

    /** Video frames since the start: rendered by the compositor, lagged (render late), skipped (encoder behind). */
    public record Frames(long rendered, long lagged, long skipped, long encoded, double renderMs) {}

    /** @param bitrateKbps the rate in use now (dynamic bitrate may lower it below the target) */
    public record Encoder(String codec, String preset, int bitrateKbps, int targetBitrateKbps, int width, int height,
                          int fps) {}

    public record Audio(long underruns, List<Level> levels) {}

    public record Level(String source, double peakDbfs, double rmsDbfs, boolean muted) {}

    /**
     * @param backlogMs    queue plus bytes the socket has not got acknowledged yet, at the stream's
     *                     rate: how far behind the path really is (the kernel's buffer included)
     * @param congested    the output cannot keep up (backlog over 0.5 s or dropping frames)
     * @param rttMs        TCP round-trip time of the output's own connection, null if unknown
     * @param retransPct   share of bytes retransmitted in the last second, null if unknown
     * @param deliveryKbps the kernel's estimate of the connection's delivery rate, null if unknown
     * @param originMicros where what the output sends starts on the program's clock (µs: the decode
     *                     time of its first keyframe, which its timestamps are moved back by), null
     *                     until it has sent one: what arrives at t s was program frame
     *                     (t·10⁶ + originMicros)·fps/10⁶
     * @param srt          the SRT connection's own counters (an SRT output sent over libsrt), else null
     */
    public record OutputStats(String name, String url, String state, String reason, boolean network, double kbps,
                              long bytes, long queueMs, long backlogMs, long droppedFrames, int reconnects,
                              boolean congested,
                              Double rttMs, Double retransPct, Double deliveryKbps, Long originMicros, Srt srt) {

        /** Without SRT's counters. */
        public OutputStats(String name, String url, String state, String reason, boolean network, double kbps,
                           long bytes, long queueMs, long backlogMs, long droppedFrames, int reconnects,
                           boolean congested, Double rttMs, Double retransPct, Double deliveryKbps, Long originMicros) {
            this(name, url, state, reason, network, kbps, bytes, queueMs, backlogMs, droppedFrames, reconnects, congested,
                    rttMs, retransPct, deliveryKbps, originMicros, null);
        }

        /** Without a timeline's origin (not known yet). */
        public OutputStats(String name, String url, String state, String reason, boolean network, double kbps,
                           long bytes, long queueMs, long backlogMs, long droppedFrames, int reconnects,
                           boolean congested, Double rttMs, Double retransPct, Double deliveryKbps) {
            this(name, url, state, reason, network, kbps, bytes, queueMs, backlogMs, droppedFrames, reconnects, congested,
                    rttMs, retransPct, deliveryKbps, null);
        }
    }

    /**
     * What an SRT connection counts itself, since it opened.
     *
     * @param packetsLost          data packets the receiver reported missing
     * @param packetsRetransmitted data packets sent again
     * @param packetsDropped       packets given up on (they would have arrived after the latency)
     * @param bandwidthMbps        SRT's estimate of the path's capacity
     * @param latencyMs            the receiver's buffer
     */
    public record Srt(long packetsSent, long packetsLost, long packetsRetransmitted, long packetsDropped,
                      double bandwidthMbps, int latencyMs) {}

    /**
     * @param requiredKbps  Σ live network outputs × (video + audio bitrate) × measured container overhead
     * @param capacityKbps  measured uplink capacity, null until a bandwidth test or live measure says
     * @param verdict       ok | warn | insufficient | unknown
     */
    public record Uplink(double requiredKbps, Double capacityKbps, String capacitySource, Double headroomPct,
                         Double utilizationPct, Double retransPct, double egressKbps, double overheadPct, String verdict,
                         String reason) {}
}
