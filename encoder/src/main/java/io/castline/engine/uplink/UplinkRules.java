package io.castline.engine.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The uplink verdict as a pure function of one second's figures, so that its boundaries can be
 * tested exactly:
 * <ul>
 *   <li><b>insufficient</b> when capacity &lt; 1.3 × required (the 30% redundancy rule; exactly
 *       1.3 × passes);</li>
 *   <li><b>warn</b> when utilisation (egress / capacity) &gt; 80% (exactly 80% passes), when an
 *       output's queue keeps growing, or when its retransmission rate is over 2% or well above the
 *       connection's own baseline;</li>
 *   <li><b>unknown</b> when no capacity is known and nothing warns (a growing queue or
 *       retransmissions are reported even before a bandwidth test: they are facts, not estimates);</li>
 *   <li><b>ok</b> otherwise.</li>
 * </ul>
 */
public final class UplinkRules {
    public static final double REDUNDANCY = 1.3;
    public static final double MAX_UTILISATION = 0.80;
    public static final double MAX_RETRANS_PCT = 2.0;
    /** "Well above the baseline": this many times the connection's usual rate, and at least 0.5%. */
    public static final double RETRANS_BASELINE_FACTOR = 3.0;
    public static final double RETRANS_BASELINE_FLOOR_PCT = 0.5;

    private UplinkRules() {}

    /** One network output's health this second. Null doubles are unknown. */
    public record PathHealth(String name, double requiredKbps, Double measuredKbps, boolean queueGrowing, long queueMs,
                             long droppedFrames, Double retransPct, Double retransBaselinePct) {}

    public record Result(Verdict verdict, String reason) {}

    /**
     * @param requiredKbps Σ over live network outputs of (video + audio) × measured overhead
     * @param capacityKbps measured capacity, null when unknown
     * @param egressKbps   what the network outputs sent this second
     */
    public static Result evaluate(double requiredKbps, Double capacityKbps, double egressKbps, List<PathHealth> paths) {
        if (paths.isEmpty()) return new Result(Verdict.UNKNOWN, "no network output is live");
        // a path measured short is insufficient even when the total looks enough
        for (PathHealth p : paths) {
            if (p.measuredKbps() != null && belowRedundancy(p.measuredKbps(), p.requiredKbps())) {
                return new Result(Verdict.INSUFFICIENT, String.format(Locale.ROOT, "%s uplink: %s needed + 30%% = %s, measured %s",
                        p.name(), mbps(p.requiredKbps()), mbps(REDUNDANCY * p.requiredKbps()), mbps(p.measuredKbps())));
            }
        }
        if (capacityKbps != null && belowRedundancy(capacityKbps, requiredKbps)) {
            return new Result(Verdict.INSUFFICIENT, String.format(Locale.ROOT, "uplink: %s needed + 30%% = %s, measured %s",
                    mbps(requiredKbps), mbps(REDUNDANCY * requiredKbps), mbps(capacityKbps)));
        }
        List<String> warnings = new ArrayList<>();
        if (capacityKbps != null && capacityKbps > 0 && egressKbps / capacityKbps > MAX_UTILISATION) {
            warnings.add(String.format(Locale.ROOT, "uplink %.0f%% used (%s of %s), above the 80%% mark",
                    100 * egressKbps / capacityKbps, mbps(egressKbps), mbps(capacityKbps)));
        }
        for (PathHealth p : paths) {
            if (p.queueGrowing()) {
                warnings.add(String.format(Locale.ROOT, "%s: queue growing (%.1f s behind)%s", p.name(),
                        p.queueMs() / 1000.0, p.droppedFrames() > 0 ? ", " + p.droppedFrames() + " frames dropped" : ""));
            }
            if (retransHigh(p.retransPct(), p.retransBaselinePct())) {
                warnings.add(String.format(Locale.ROOT, "%s: %.1f%% of bytes retransmitted%s", p.name(), p.retransPct(),
                        p.retransBaselinePct() == null ? "" : String.format(Locale.ROOT, " (usually %.1f%%)", p.retransBaselinePct())));
            }
        }
        if (!warnings.isEmpty()) return new Result(Verdict.WARN, String.join("; ", warnings));
        if (capacityKbps == null) return new Result(Verdict.UNKNOWN, "uplink capacity not measured yet: run a bandwidth test");
        return new Result(Verdict.OK, String.format(Locale.ROOT, "%s needed + 30%% = %s, measured %s",
                mbps(requiredKbps), mbps(REDUNDANCY * requiredKbps), mbps(capacityKbps)));
    }

    static boolean retransHigh(Double pct, Double baseline) {
        if (pct == null) return false;
        if (pct > MAX_RETRANS_PCT) return true;
        return baseline != null && pct > RETRANS_BASELINE_FLOOR_PCT && pct > RETRANS_BASELINE_FACTOR * baseline;
    }

    /**
     * capacity &lt; 1.3 × required, where exactly 1.3 × passes: compared in decimal, since in binary
     * floating point 1.3 × 2564 is 3333.2000000000003 and 3333.2 would wrongly fall short.
     */
    static boolean belowRedundancy(double capacityKbps, double requiredKbps) {
        return java.math.BigDecimal.valueOf(capacityKbps)
                .compareTo(java.math.BigDecimal.valueOf(requiredKbps).multiply(java.math.BigDecimal.valueOf(REDUNDANCY))) < 0;
    }

    static String mbps(double kbps) {
        return String.format(Locale.ROOT, "%.1f Mbps", kbps / 1000);
    }
}
