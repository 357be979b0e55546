package io.castline.engine.uplink;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A network path of fixed capacity in front of one output, simulated in 10 ms steps, with what the
 * real pipeline puts around the {@link BitrateController}: a CBR encoder that follows the requested
 * bitrate, audio, container overhead, the output's queue with its drop policy (non-key video goes
 * once the oldest packet has waited over 1 s), a kernel send buffer of about one second of the
 * configured stream, and the uplink monitor's once-a-second view: backlog (queue age + unacked
 * bytes at the configured rate), congested (backlog ≥ 500 ms or frames dropped), saturated
 * (congested 2 s running), sustained (what was delivered, averaged over 3 s).
 */
final class SimulatedPath {
    static final int AUDIO_KBPS = 128;
    static final double OVERHEAD = 1.03;
    private static final double STEP_S = 0.01;

    private final BitrateController controller;
    private final int configuredKbps;
    private final double sendBufferKbit;
    private double capacityKbps;
    private final java.util.Random random = new java.util.Random(7);
    private double noise;

    /** Media waiting in the output's queue: [kbit, enqueue time s, is video] per 10 ms slice. */
    private final Deque<double[]> queue = new ArrayDeque<>();
    private double socketKbit;
    /** Bytes the far end acknowledged but has not passed on yet (a router's or proxy's buffer). */
    private double hiddenKbit;
    private double hiddenMaxKbit;
    /** The encoder's actual rate: it follows the requested one within about a second (VBV). */
    private double encoderKbps;
    private double t;
    private long second;
    private final Deque<Double> deliveredWindow = new ArrayDeque<>();
    private int congestedSeconds;
    private int droppedThisSecond;

    /** Per second: requested video kbps, delivered kbps (total, on the wire), backlog ms. */
    final java.util.List<double[]> seconds = new java.util.ArrayList<>();

    SimulatedPath(BitrateController controller, double capacityKbps) {
        this.controller = controller;
        this.configuredKbps = controller.targetKbps();
        this.capacityKbps = capacityKbps;
        // Muxer.sendBufferBytes: one second of the configured stream
        this.sendBufferKbit = (configuredKbps + AUDIO_KBPS);
    }

    void setCapacityKbps(double kbps) { this.capacityKbps = kbps; }

    /**
     * Makes the "sustained" figure as noisy as the live one (±share, at random, seeded): it is a
     * 3-second average of per-second byte counts sampled a little out of step with the sender.
     */
    SimulatedPath withMeasurementNoise(double share) {
        this.noise = share;
        return this;
    }

    /**
     * A buffer behind the bottleneck's entry that acknowledges what it takes (the throttling
     * proxy's socket receive buffer; a router's queue): what piles up there is not in the sender's
     * unacknowledged bytes, so an overshoot shows in the backlog only once it is full.
     */
    SimulatedPath withHiddenBufferKbit(double kbit) {
        this.hiddenMaxKbit = kbit;
        return this;
    }

    /** Runs {@code s} simulated seconds. */
    void run(int s) {
        for (int i = 0; i < s; i++) runSecond();
    }

    private void runSecond() {
        int video = controller.currentKbps();
        if (second == 0) encoderKbps = video;
        double deliveredThisSecond = 0;
        double ackedThisSecond = 0;
        for (int step = 0; step < Math.round(1 / STEP_S); step++) {
            t += STEP_S;
            encoderKbps += (video - encoderKbps) * STEP_S; // about a second to follow a change
            // the encoder's output of this slice (CBR), container overhead on top
            queue.addLast(new double[]{encoderKbps * OVERHEAD * STEP_S, t, 1});
            queue.addLast(new double[]{AUDIO_KBPS * OVERHEAD * STEP_S, t, 0});
            // drop policy: the oldest waited over 1 s: the queued non-key video goes
            if (!queue.isEmpty() && t - queue.peekFirst()[1] > 1.0) {
                queue.removeIf(e -> {
                    if (e[2] == 1) {
                        droppedThisSecond++;
                        return true;
                    }
                    return false;
                });
            }
            // the output writes while the kernel's send buffer has room
            while (!queue.isEmpty() && socketKbit + queue.peekFirst()[0] <= sendBufferKbit) {
                socketKbit += queue.pollFirst()[0];
            }
            // the hidden buffer takes what it has room for at once (acknowledged); the path passes on what it can
            double taken = Math.min(socketKbit, Math.max(0, hiddenMaxKbit - hiddenKbit));
            socketKbit -= taken;
            hiddenKbit += taken;
            double fromHidden = Math.min(hiddenKbit, capacityKbps * STEP_S);
            hiddenKbit -= fromHidden;
            double direct = Math.min(socketKbit, capacityKbps * STEP_S - fromHidden);
            socketKbit -= direct;
            deliveredThisSecond += fromHidden + direct;
            ackedThisSecond += taken + direct;
        }
        second++;
        double deliveredKbps = deliveredThisSecond;
        deliveredWindow.addLast(ackedThisSecond);
        while (deliveredWindow.size() > 3) deliveredWindow.removeFirst();
        double sustained = deliveredWindow.stream().mapToDouble(Double::doubleValue).average().orElse(0)
                * (1 + noise * (2 * random.nextDouble() - 1));
        long queueMs = queue.isEmpty() ? 0 : Math.round((t - queue.peekFirst()[1]) * 1000);
        long unackedMs = Math.round(socketKbit * 1000 / (configuredKbps + AUDIO_KBPS));
        long backlogMs = queueMs + unackedMs;
        boolean congested = backlogMs >= 500 || droppedThisSecond > 0;
        droppedThisSecond = 0;
        congestedSeconds = congested ? congestedSeconds + 1 : 0;
        boolean saturated = congestedSeconds >= 2;
        double sustainedVideo = Math.max(0, sustained / OVERHEAD - AUDIO_KBPS);
        controller.decide(second * 1000, saturated, sustainedVideo, backlogMs);
        seconds.add(new double[]{video, deliveredKbps, backlogMs});
    }

    /** Mean delivered kbps (on the wire) over the last {@code n} seconds. */
    double deliveredKbps(int n) {
        return seconds.subList(seconds.size() - n, seconds.size()).stream().mapToDouble(x -> x[1]).average().orElse(0);
    }

    /** Lowest and highest requested video kbps over the last {@code n} seconds. */
    double[] bitrateBand(int n) {
        var last = seconds.subList(seconds.size() - n, seconds.size());
        return new double[]{last.stream().mapToDouble(x -> x[0]).min().orElse(0), last.stream().mapToDouble(x -> x[0]).max().orElse(0)};
    }

    /** The video kbps the path carries with audio and overhead. */
    static double videoCapacity(double capacityKbps) {
        return capacityKbps / OVERHEAD - AUDIO_KBPS;
    }
}
