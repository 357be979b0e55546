package io.castline.engine.uplink;

/**
 * Dynamic bitrate: additive increase, multiplicative decrease, with a remembered ceiling.
 *
 * <ul>
 *   <li><b>Cut.</b> When the primary (or every network output) is congested, the encoder drops to
 *       85% of what the path is sustaining, and that figure is remembered as the path's
 *       <em>ceiling</em>. One congestion gets one such cut: a lower rate shows in the backlog
 *       only after seconds (the kernel's send buffer alone holds seconds of a slow path), and what
 *       a path "sustains" is a noisy figure, so cutting on every congested second ratchets down to
 *       the floor. Only if the backlog is still not falling {@value #SETTLE_MILLIS} ms after a cut
 *       does the same episode get another, one step (×0.85) down.</li>
 *   <li><b>Climb.</b> Once the backlog has drained and stayed drained for 2 s, the rate climbs in
 *       steps of 10% of the configured bitrate every 2 s, up to 85% of the ceiling (the knee).</li>
 *   <li><b>Probe.</b> From the knee on, the path is probed gently: one step of
 *       {@value #PROBE_SHARE} of the ceiling, held for {@value #PROBE_MILLIS} ms. If the backlog
 *       grows meanwhile, the probe failed: back a little below the rate before it, and the next
 *       probe waits twice as long (up to {@value #MAX_PROBE_WAIT_MILLIS} ms). If it held, the
 *       ceiling rises to it. A rate a little too high also shows as a backlog that creeps up
 *       without congestion; then the rate eases off by a probe step.</li>
 *   <li><b>Forget.</b> Once the probes have gone a step past the rate that was too much at the
 *       last trouble (a cut, a failed probe, easing off), each held for {@value #CONFIRM_MILLIS}
 *       ms, and {@value #CEILING_MEMORY_MILLIS}
 *       ms have passed since the backlog of that trouble drained, the ceiling is out of date: the
 *       climb goes on to the configured bitrate. (A probe that merely held is no proof: a buffer
 *       on the way that acknowledges bytes faster than it passes them on hides an overshoot of a
 *       few percent for tens of seconds.)</li>
 * </ul>
 *
 * So on a path that cannot carry the configured bitrate the rate settles just under what it
 * sustains and probes ever more rarely, instead of climbing into congestion and falling back every
 * few seconds; a path that got better is used fully again about a minute after its last trouble.
 *
 * <p>A congested backup alone changes nothing here: it drops its own frames and the verdict warns,
 * but the primary's viewers keep full quality.
 */
public final class BitrateController {
    /** Each step up, below the knee, adds this share of the configured bitrate. */
    static final double STEP_UP_SHARE = 0.10;
    /** Send at most this share of what the path sustains, so that the queue can drain. */
    static final double HEADROOM = 0.85;
    /** A probe adds this share of the ceiling; easing off and backing off a failed probe take it away. */
    static final double PROBE_SHARE = 0.05;
    /** How long a probed rate is held; it held if the backlog stayed drained and grew less than {@link #PROBE_GROWTH_MS}. */
    static final long PROBE_MILLIS = 8_000;
    static final long PROBE_GROWTH_MS = 100;
    static final long MAX_PROBE_WAIT_MILLIS = 32_000;
    static final long CEILING_MEMORY_MILLIS = 60_000;
    /** How long a probe at or above the rate that was too much must hold. */
    static final long CONFIRM_MILLIS = 24_000;
    static final long DOWN_COOLDOWN_MILLIS = 2_000;
    static final long SETTLE_MILLIS = 4_000;
    static final long UP_INTERVAL_MILLIS = 2_000;
    static final long DRAINED_QUEUE_MS = 150;
    /** The backlog is falling when it shrank at least this much, and this share of itself, in a second. */
    static final long FALLING_MS = 20;
    static final double FALLING_SHARE = 0.02;

    private final int targetKbps;
    private final int minKbps;
    private int currentKbps;
    private long lastChangeMillis = Long.MIN_VALUE / 2;
    private long drainedSinceMillis = -1;
    private long previousBacklogMs = -1;
    private long backlogAtChangeMs;
    /** A cut was made and the backlog has not drained since. */
    private boolean cutThisEpisode;

    /** What the path sustained when last congested, or the highest probe that held since; 0 when none. */
    private int ceilingKbps;
    /** The last cut, failed probe or easing off, and the rate that was too much then. */
    private long lastTroubleMillis;
    private int troubleKbps;
    /** The rate the last cut on congestion came from; 0 when none. */
    private int cutFromKbps;
    private long probeWaitMillis = PROBE_MILLIS;
    /** The probe in progress: the rate before it (0: none) and the lowest backlog seen since it began. */
    private int probedFromKbps;
    private long probeLowestBacklogMs;

    public BitrateController(int targetKbps) {
        this.targetKbps = targetKbps;
        this.minKbps = Math.max(100, targetKbps / 5);
        this.currentKbps = targetKbps;
    }

    public int currentKbps() { return currentKbps; }
    public int targetKbps() { return targetKbps; }
    public int minKbps() { return minKbps; }
    /** The remembered ceiling in video kbps, 0 when none. */
    public int ceilingKbps() { return ceilingKbps; }

    /**
     * One decision a second.
     *
     * @param congested          the primary, or every network output, cannot keep up
     * @param sustainedVideoKbps video rate the congested path sustains (its egress without
     *                           container overhead and audio)
     * @param backlogMs          how far behind the primary's path is (its queue and the bytes not
     *                           yet acknowledged)
     * @return the bitrate the encoder should use from now on
     */
    public int decide(long nowMillis, boolean congested, double sustainedVideoKbps, long backlogMs) {
        // falling fast enough to be gone within about a minute; slower, the cut was not enough
        boolean falling = previousBacklogMs >= 0
                && backlogMs <= previousBacklogMs - Math.max(FALLING_MS, previousBacklogMs * FALLING_SHARE);
        previousBacklogMs = backlogMs;
        long sinceChange = nowMillis - lastChangeMillis;
        if (cutThisEpisode && cutFromKbps > 0 && backlogMs > DRAINED_QUEUE_MS) learnWhileDraining(sustainedVideoKbps);
        if (congested) {
            drainedSinceMillis = -1;
            if (probedFromKbps > 0) {
                probeFailed(nowMillis);
            } else if (!cutThisEpisode) {
                if (sinceChange >= DOWN_COOLDOWN_MILLIS) cutToSustained(sustainedVideoKbps, nowMillis);
            } else if (sinceChange >= SETTLE_MILLIS && !falling) {
                // the first cut was not enough: one more step, and the knee comes down with it
                int lower = (int) Math.max(minKbps, currentKbps * HEADROOM);
                ceilingKbps = Math.max(minKbps, (int) Math.min(ceilingKbps, lower / HEADROOM));
                trouble(Math.min(troubleKbps, currentKbps), lower, nowMillis);
            }
            return currentKbps;
        }
        if (probedFromKbps > 0) probeLowestBacklogMs = Math.min(probeLowestBacklogMs, backlogMs);
        if (backlogMs > DRAINED_QUEUE_MS) {
            drainedSinceMillis = -1;
            if (probedFromKbps > 0) {
                probeFailed(nowMillis);
            } else if (sinceChange >= SETTLE_MILLIS && backlogMs > backlogAtChangeMs + PROBE_GROWTH_MS) {
                // a little too much, not yet congestion: the backlog creeps up at this rate
                ceilingKbps = ceilingKbps == 0 ? currentKbps : Math.min(ceilingKbps, currentKbps);
                trouble(currentKbps, Math.max(minKbps, (int) (currentKbps - ceilingKbps * PROBE_SHARE)), nowMillis);
            }
            return currentKbps;
        }
        cutThisEpisode = false;
        if (drainedSinceMillis < 0) drainedSinceMillis = nowMillis;
        if (probedFromKbps > 0) {
            // at or above what was too much, hold longer: a buffer on the way that acknowledges
            // bytes faster than it passes them on hides a small overshoot for many seconds
            long hold = currentKbps >= troubleKbps ? Math.max(probeWaitMillis, CONFIRM_MILLIS) : probeWaitMillis;
            if (sinceChange < hold) return currentKbps;
            if (backlogMs - probeLowestBacklogMs > PROBE_GROWTH_MS) {
                probeFailed(nowMillis);
                return currentKbps;
            }
            probedFromKbps = 0; // it held
            ceilingKbps = Math.max(ceilingKbps, currentKbps);
            probeWaitMillis = Math.max(PROBE_MILLIS, probeWaitMillis / 2);
        }
        // out of date once the rate that was too much has held, and for long enough since the
        // backlog of the last trouble drained (a buffer on the way hides a small overshoot a while)
        if (ceilingKbps > 0 && currentKbps >= troubleKbps * (1 + PROBE_SHARE)
                && nowMillis - Math.max(lastTroubleMillis, drainedSinceMillis) >= CEILING_MEMORY_MILLIS) {
            ceilingKbps = 0;
        }
        if (currentKbps >= targetKbps || nowMillis - drainedSinceMillis < UP_INTERVAL_MILLIS) return currentKbps;
        int knee = (int) (ceilingKbps * HEADROOM);
        if (ceilingKbps == 0 || currentKbps < knee) {
            if (sinceChange >= UP_INTERVAL_MILLIS) {
                int next = (int) Math.min(targetKbps, Math.ceil(currentKbps + targetKbps * STEP_UP_SHARE));
                change(ceilingKbps == 0 ? next : Math.min(next, knee), nowMillis);
            }
        } else if (sinceChange >= probeWaitMillis) {
            probedFromKbps = currentKbps;
            probeLowestBacklogMs = backlogMs;
            change((int) Math.min(targetKbps, Math.ceil(currentKbps + ceilingKbps * PROBE_SHARE)), nowMillis);
        }
        return currentKbps;
    }

    /** A new congestion: 85% of what the path sustains (or of the current rate, if lower), remembered as the ceiling. */
    private void cutToSustained(double sustainedVideoKbps, long nowMillis) {
        double sustained = Math.min(currentKbps, sustainedVideoKbps);
        ceilingKbps = (int) Math.max(minKbps, sustained);
        cutThisEpisode = true;
        cutFromKbps = currentKbps;
        trouble(tooMuchAfterCut(), (int) Math.min(currentKbps, Math.max(minKbps, sustained * HEADROOM)), nowMillis);
    }

    /**
     * While the backlog of a cut drains the path is busy all the time: what it delivers then is
     * what it carries, a better figure than the one at the cut (a few seconds' average that may
     * take in the start of the stream or the seconds before the congestion).
     */
    private void learnWhileDraining(double sustainedVideoKbps) {
        int sustained = (int) Math.min(cutFromKbps, sustainedVideoKbps);
        if (sustained <= ceilingKbps) return;
        ceilingKbps = sustained;
        troubleKbps = Math.max(troubleKbps, tooMuchAfterCut());
    }

    /**
     * What was too much at a cut: the rate cut from, or, as that may be far above anything the
     * path carries (the configured bitrate at the start), a little above what it sustains.
     */
    private int tooMuchAfterCut() {
        return (int) Math.min(cutFromKbps, ceilingKbps / HEADROOM);
    }

    /** The probed rate did not hold: back a little below the rate before it, the ceiling below the probe; the next probe waits longer. */
    private void probeFailed(long nowMillis) {
        int from = probedFromKbps;
        probedFromKbps = 0;
        probeWaitMillis = Math.min(MAX_PROBE_WAIT_MILLIS, probeWaitMillis * 2);
        ceilingKbps = Math.min(ceilingKbps, currentKbps); // the path carries less than the probe
        cutThisEpisode = true;
        trouble(currentKbps, Math.max(minKbps, (int) (from - ceilingKbps * PROBE_SHARE)), nowMillis);
    }

    /** {@code tooMuch} did not fit the path: go to {@code kbps} and remember when and what. */
    private void trouble(int tooMuch, int kbps, long nowMillis) {
        lastTroubleMillis = nowMillis;
        troubleKbps = tooMuch;
        change(kbps, nowMillis);
    }

    private void change(int kbps, long nowMillis) {
        currentKbps = kbps;
        lastChangeMillis = nowMillis;
        backlogAtChangeMs = Math.max(0, previousBacklogMs);
    }
}
