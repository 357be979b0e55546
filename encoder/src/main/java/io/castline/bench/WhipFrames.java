package io.castline.bench;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Maps the frames a WebRTC receiver presented back to the frames the bench composed. Chromium tells
 * each frame's RTP timestamp (90 kHz from a random start) and, on the epoch clock, when its last
 * packet arrived and when it was handed to the screen. The first frame it tells is taken as the
 * output's first picture (the connection starts at a keyframe, which the receiver decodes first);
 * were it a later one, every figure would be whole frames too high, never too low.
 */
final class WhipFrames {
    private final int fps;
    private final ArrivalReader.ComposeTimes composeTimes;
    private final LongSupplier shiftMillis;
    private final ArrivalReader.LatencySink received;
    private final ArrivalReader.LatencySink shown;
    /** Epoch nanoseconds minus {@link System#nanoTime()}: the two clocks read together. */
    private final long epochMinusNano;
    private long firstRtp = -1;

    WhipFrames(int fps, ArrivalReader.ComposeTimes composeTimes, LongSupplier shiftMillis,
               ArrivalReader.LatencySink received, ArrivalReader.LatencySink shown) {
        this.fps = fps;
        this.composeTimes = composeTimes;
        this.shiftMillis = shiftMillis;
        this.received = received;
        this.shown = shown;
        this.epochMinusNano = epochMinusNano();
    }

    /** One presented frame (the endpoint's HTTP thread). */
    synchronized void accept(WhipEndpoint.PresentedFrame f) {
        if (firstRtp < 0) firstRtp = f.rtpTimestamp();
        long ticks = (f.rtpTimestamp() - firstRtp) & 0xFFFF_FFFFL; // RTP time wraps at 2^32
        if (ticks >= 0x8000_0000L) return; // before the first frame told (reordered): not mapped
        long index = Math.round((ticks / 90.0 - shiftMillis.getAsLong()) * fps / 1000.0);
        long composed = composeTimes.composedNanos(index);
        if (composed == 0) return;
        received.accept(composed, f.receivedEpochMicros() * 1000 - epochMinusNano - composed);
        shown.accept(composed, f.presentedEpochMicros() * 1000 - epochMinusNano - composed);
    }

    /** The reading of a few whose two nanoTime calls were closest together (the least disturbed). */
    private static long epochMinusNano() {
        long bestWindow = Long.MAX_VALUE;
        long best = 0;
        for (int i = 0; i < 20; i++) {
            long before = System.nanoTime();
            Instant now = Instant.now();
            long after = System.nanoTime();
            if (after - before < bestWindow) {
                bestWindow = after - before;
                best = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + (after - before) / 2);
            }
        }
        return best;
    }
}
