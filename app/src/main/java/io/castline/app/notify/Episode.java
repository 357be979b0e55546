package io.castline.app.notify;

/**
 * The episodes of one condition, with hysteresis: an episode starts once the condition has held
 * without a break for {@code holdSeconds}, and ends once it has been clear without a break for
 * {@code clearSeconds}. A condition that flaps in between (an uplink verdict that says "warn" one
 * second and "ok" the next) stays one episode, so it is told once, not at every flap; a blip
 * shorter than the hold is not told at all. Times are seconds on any monotonic clock.
 */
final class Episode {
    enum Change { NONE, STARTED, ENDED }

    private final double holdSeconds;
    private final double clearSeconds;
    private double heldSince = Double.NaN;
    private double clearSince = Double.NaN;
    private boolean active;

    Episode(double holdSeconds, double clearSeconds) {
        this.holdSeconds = holdSeconds;
        this.clearSeconds = clearSeconds;
    }

    /** The condition as seen at {@code now}; says whether an episode started or ended with it. */
    Change observe(boolean condition, double now) {
        if (condition) {
            clearSince = Double.NaN;
            if (Double.isNaN(heldSince)) heldSince = now;
            if (!active && now - heldSince >= holdSeconds) {
                active = true;
                return Change.STARTED;
            }
            return Change.NONE;
        }
        heldSince = Double.NaN;
        if (!active) return Change.NONE;
        if (Double.isNaN(clearSince)) clearSince = now;
        if (now - clearSince >= clearSeconds) {
            active = false;
            clearSince = Double.NaN;
            return Change.ENDED;
        }
        return Change.NONE;
    }

    /** Ends any episode now (the broadcast ended); true if one was running. */
    boolean end() {
        boolean was = active;
        active = false;
        heldSince = Double.NaN;
        clearSince = Double.NaN;
        return was;
    }

    boolean active() { return active; }
}
