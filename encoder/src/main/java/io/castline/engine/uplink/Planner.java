package io.castline.engine.uplink;

import java.util.List;

/**
 * Capacity planning from the same arithmetic the live monitor uses.
 * <ul>
 *   <li>Distribution: total = concurrent viewers × average bitrate × safety factor (100,000 × 2 Mbps
 *       × 1.5 = 300 Gbps). With a ladder, the average bitrate is Σ share × rendition bitrate.</li>
 *   <li>This machine's uplink: Σ network outputs × (video + audio) × 1.3 (the redundancy rule).
 *       Container overhead comes on top; Castline measures it while live.</li>
 * </ul>
 */
public final class Planner {
    private Planner() {}

    /** One rung of an adaptive-bitrate ladder and the share of viewers who watch it. */
    public record Rendition(String name, double kbps, double share) {}

    public record DistributionPlan(long viewers, double averageKbps, double factor, double totalKbps,
                                   List<RenditionLoad> renditions) {
        public double totalGbps() { return totalKbps / 1e6; }
    }

    public record RenditionLoad(String name, double kbps, double share, double totalKbps) {}

    public record UplinkPlan(int outputs, double videoKbps, double audioKbps, double requiredKbps, double withRedundancyKbps) {}

    public static DistributionPlan distribution(long viewers, double bitrateKbps, double factor, List<Rendition> ladder) {
        if (viewers <= 0) throw new IllegalArgumentException("viewers must be positive");
        if (!(factor >= 1) || Double.isInfinite(factor)) throw new IllegalArgumentException("factor must be at least 1");
        if (ladder == null || ladder.isEmpty()) {
            if (!(bitrateKbps > 0)) throw new IllegalArgumentException("bitrate must be positive");
            return new DistributionPlan(viewers, bitrateKbps, factor, viewers * bitrateKbps * factor, List.of());
        }
        for (Rendition r : ladder) {
            if (!(r.share() >= 0 && r.share() <= 1)) {
                throw new IllegalArgumentException("ladder: share of " + r.name() + " must be between 0 and 1");
            }
        }
        double shares = ladder.stream().mapToDouble(Rendition::share).sum();
        if (!(Math.abs(shares - 1) <= 0.001)) {
            throw new IllegalArgumentException("ladder shares add up to " + shares + ", not 1");
        }
        double average = ladder.stream().mapToDouble(r -> r.kbps() * r.share()).sum();
        List<RenditionLoad> loads = ladder.stream()
                .map(r -> new RenditionLoad(r.name(), r.kbps(), r.share(), viewers * r.share() * r.kbps() * factor)).toList();
        return new DistributionPlan(viewers, average, factor, viewers * average * factor, loads);
    }

    public static UplinkPlan uplink(int networkOutputs, double videoKbps, double audioKbps) {
        if (networkOutputs < 0) throw new IllegalArgumentException("outputs must not be negative");
        double required = networkOutputs * (videoKbps + audioKbps);
        return new UplinkPlan(networkOutputs, videoKbps, audioKbps, required, required * UplinkRules.REDUNDANCY);
    }
}
