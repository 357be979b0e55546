package io.castline.app.uplink;

import io.castline.engine.uplink.UplinkRules;

/**
 * Where things sit on the headroom gauge, as fractions 0..1 of its width. The scale always fits the
 * largest of capacity, required + 30% and egress, with a little room on the right.
 *
 * @param capacityKbps null when unknown: then no capacity, 30% or 80% marks are drawn
 */
public record GaugeScale(double maxKbps, double requiredKbps, Double capacityKbps, double egressKbps) {
    static final double RIGHT_ROOM = 1.1;

    public static GaugeScale of(double requiredKbps, Double capacityKbps, double egressKbps) {
        double top = Math.max(Math.max(capacityKbps == null ? 0 : capacityKbps, requiredKbps * UplinkRules.REDUNDANCY),
                egressKbps);
        return new GaugeScale(top <= 0 ? 1 : top * RIGHT_ROOM, requiredKbps, capacityKbps, egressKbps);
    }

    public static final GaugeScale EMPTY = new GaugeScale(1, 0, null, 0);

    public double required() { return fraction(requiredKbps); }
    public double egress() { return fraction(egressKbps); }
    /** The capacity itself. */
    public Double capacity() { return capacityKbps == null ? null : fraction(capacityKbps); }
    /** Required must stay left of this line: capacity / 1.3 (the 30% redundancy rule). */
    public Double redundancyLine() { return capacityKbps == null ? null : fraction(capacityKbps / UplinkRules.REDUNDANCY); }
    /** Capacity unknown: how much upload the outputs need with the 30% reserve (what a test must find). */
    public Double reserveLine() { return capacityKbps != null || requiredKbps <= 0 ? null
            : fraction(requiredKbps * UplinkRules.REDUNDANCY); }
    /** Live egress must stay left of this line: 80% of capacity. */
    public Double utilisationLine() { return capacityKbps == null ? null : fraction(capacityKbps * UplinkRules.MAX_UTILISATION); }

    private double fraction(double kbps) {
        return Math.max(0, Math.min(1, kbps / maxKbps));
    }
}
