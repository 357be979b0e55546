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

    public record Encoder(String codec, String preset, int bitrateKbps, int width, int height, int fps) {}

    public record Audio(long underruns, List<Level> levels) {}

    public record Level(String source, double peakDbfs, double rmsDbfs, boolean muted) {}

    public record OutputStats(String name, String url, String state, String reason, boolean network, double kbps,
                              long bytes, long queueMs, long droppedFrames, int reconnects) {}

    /**
     * @param requiredKbps  Σ live network outputs × (video + audio bitrate) × measured container overhead
     * @param capacityKbps  measured uplink capacity, null until a bandwidth test or live measure says
     * @param verdict       ok | warn | insufficient | unknown
     */
    public record Uplink(double requiredKbps, Double capacityKbps, Double headroomPct, Double utilizationPct,
                         Double retransPct, double egressKbps, double overheadPct, String verdict, String reason) {}
}
