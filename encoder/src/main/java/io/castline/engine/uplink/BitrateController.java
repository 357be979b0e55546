package io.castline.engine.uplink;

/**
 * Dynamic bitrate, after OBS's: when the primary (or every network output) is congested, drop the
 * encoder to what the path is sustaining; once the queue has drained and stayed drained, climb back
 * to the configured bitrate in steps of 10% of it, one every two seconds. A congested backup alone changes nothing here: it drops
 * its own frames and the verdict warns, but the primary's viewers keep full quality.
 */
public final class BitrateController {
    /** Each step up adds this share of the configured bitrate. */
    static final double STEP_UP_SHARE = 0.10;
    /** Send at most this share of what the path sustains, so that the queue can drain. */
    static final double HEADROOM = 0.85;
    static final long DOWN_COOLDOWN_MILLIS = 2_000;
    static final long UP_INTERVAL_MILLIS = 2_000;
    static final long DRAINED_QUEUE_MS = 150;

    private final int targetKbps;
    private final int minKbps;
    private int currentKbps;
    private long lastChangeMillis = Long.MIN_VALUE / 2;
    private long drainedSinceMillis = -1;

    public BitrateController(int targetKbps) {
        this.targetKbps = targetKbps;
        this.minKbps = Math.max(100, targetKbps / 5);
        this.currentKbps = targetKbps;
    }

    public int currentKbps() { return currentKbps; }
    public int targetKbps() { return targetKbps; }
    public int minKbps() { return minKbps; }

    /**
     * One decision a second.
     *
     * @param congested          the primary, or every network output, cannot keep up
     * @param sustainedVideoKbps video rate the congested path sustains (its egress without
     *                           container overhead and audio)
     * @param queueMs            age of the oldest packet in the primary's queue
     * @return the bitrate the encoder should use from now on
     */
    public int decide(long nowMillis, boolean congested, double sustainedVideoKbps, long queueMs) {
        if (congested) {
            drainedSinceMillis = -1;
            if (nowMillis - lastChangeMillis >= DOWN_COOLDOWN_MILLIS) {
                int lower = (int) Math.max(minKbps, Math.min(currentKbps * HEADROOM, sustainedVideoKbps * HEADROOM));
                if (lower < currentKbps) change(lower, nowMillis);
            }
            return currentKbps;
        }
        if (queueMs > DRAINED_QUEUE_MS) {
            drainedSinceMillis = -1;
            return currentKbps;
        }
        if (drainedSinceMillis < 0) drainedSinceMillis = nowMillis;
        if (currentKbps < targetKbps && nowMillis - drainedSinceMillis >= UP_INTERVAL_MILLIS
                && nowMillis - lastChangeMillis >= UP_INTERVAL_MILLIS) {
            change((int) Math.min(targetKbps, Math.ceil(currentKbps + targetKbps * STEP_UP_SHARE)), nowMillis);
        }
        return currentKbps;
    }

    private void change(int kbps, long nowMillis) {
        currentKbps = kbps;
        lastChangeMillis = nowMillis;
    }
}
