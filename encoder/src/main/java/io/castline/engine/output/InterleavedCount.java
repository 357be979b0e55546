package io.castline.engine.output;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Which video frames handed to {@code av_interleaved_write_frame} the muxer has really written.
 * FFmpeg's interleaver (libavformat {@code ff_interleave_packet_per_dts}) keeps packets in a queue
 * and writes the one with the lowest dts only once every stream has a packet waiting; so a video
 * frame stays inside until a packet of every other stream with a later dts has come. A flush writes
 * what the muxer has, not that queue, and a file closed after a write error loses it: counting the
 * frames handed in overstated what a kept file holds (127 frames claimed, 126 in the file). Ties
 * count as held, so the count never says more than the file has. One thread.
 */
final class InterleavedCount {
    /** dts and pts (seconds) of video frames the interleaver may still hold, oldest first. */
    private final ArrayDeque<double[]> held = new ArrayDeque<>();
    private final boolean[] video;
    /** The latest dts handed in per stream (seconds); NaN before the first. */
    private final double[] lastDts;
    private long written;
    private double lastWrittenPts = Double.NaN;

    /** @param video which streams are video (the others are waited for) */
    InterleavedCount(boolean[] video) {
        this.video = video.clone();
        this.lastDts = new double[video.length];
        Arrays.fill(lastDts, Double.NaN);
    }

    /** A packet of {@code stream} went into the interleaver. */
    void handedIn(int stream, double dts, double pts) {
        lastDts[stream] = Double.isNaN(lastDts[stream]) ? dts : Math.max(lastDts[stream], dts);
        if (video[stream]) held.addLast(new double[]{dts, pts});
        double upTo = releasedUpTo();
        while (!held.isEmpty() && held.peekFirst()[0] < upTo) {
            double[] f = held.removeFirst();
            written++;
            lastWrittenPts = Double.isNaN(lastWrittenPts) ? f[1] : Math.max(lastWrittenPts, f[1]);
        }
    }

    /** Video frames certainly written by the interleaver so far. */
    long written() { return written; }

    /** The latest pts among them (seconds), NaN when none. */
    double lastWrittenPts() { return lastWrittenPts; }

    /** A video frame with a dts below this has left the queue: the lowest latest dts of the other streams. */
    private double releasedUpTo() {
        double upTo = Double.POSITIVE_INFINITY; // video alone: nothing to wait for
        for (int i = 0; i < video.length; i++) {
            if (video[i]) continue;
            if (Double.isNaN(lastDts[i])) return Double.NEGATIVE_INFINITY;
            upTo = Math.min(upTo, lastDts[i]);
        }
        return upTo;
    }
}
