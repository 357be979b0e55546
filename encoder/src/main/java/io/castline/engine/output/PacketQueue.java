package io.castline.engine.output;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The bounded queue between the encoder and one output's sending thread, with the drop policy of
 * a live stream (after OBS's drop_frames):
 * <ol>
 *   <li>While the output is connected and the oldest packet has waited longer than the drop
 *       threshold, every queued non-key video frame is dropped, and so are the following non-key
 *       frames until the next keyframe (they would reference dropped ones). Audio and keyframes
 *       stay: viewers notice a freeze far less than an audio gap.</li>
 *   <li>If that is not enough (the hard limit on age or bytes is passed), whole GOPs are dropped
 *       from the head, audio with them, so that memory stays bounded whatever the network does.</li>
 *   <li>While the output is not connected, it keeps only what starts at the latest keyframe, so a
 *       reconnect starts on a keyframe right away, if that keyframe is recent (no older than half
 *       the drop threshold). An older one is let go and the new connection starts at the next
 *       keyframe: rule 1 would soon drop the frames after it, freezing the picture on it for up to
 *       a GOP. (With a link faster than the stream the head's age only falls while a backlog is
 *       sent; the other half of the threshold is slack for the connection's first writes.)</li>
 * </ol>
 * {@link #offer} never blocks the encoder: it takes a short lock and returns.
 *
 * <p>Every video frame that leaves the queue other than by {@link #poll} is counted in
 * {@link #droppedVideoFrames()}, whatever the reason (rules 1–3, a resync on a keyframe after a
 * reconnect, {@link #clear()}), and so is every frame the consumer gives back with
 * {@link #discard}: accepted = sent + dropped + queued. {@link #congestionDrops()} counts only
 * rules 1 and 2, the drops that say the path is too slow.
 */
public final class PacketQueue<E extends PacketQueue.Entry> {

    /** What the policy needs to know of a queued packet. */
    public interface Entry {
        boolean isVideo();
        /** Video keyframe, or any audio packet. */
        boolean isKey();
        int size();
        long enqueuedNanos();
        /** Presentation time on the media clock, in µs (to tell which audio plays from a keyframe on). */
        long mediaMicros();
        /** Frees what the entry holds; called once for every dropped or cleared entry. */
        void release();
    }

    private final ArrayDeque<E> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final long dropThresholdNanos;
    private final long hardLimitNanos;
    private final long maxBytes;
    private final LongSupplier clock;

    private boolean connected;
    private boolean waitingForKeyframe;
    private boolean resyncing;
    private long bytes;
    private long droppedVideoFrames;
    private long congestionDrops;
    /** Presentation time of the newest video offered: audio newer than it may belong to a keyframe still to come. */
    private long lastVideoMicros = Long.MIN_VALUE;

    public PacketQueue(long dropThresholdMillis, long hardLimitMillis, long maxBytes, LongSupplier nanoClock) {
        if (dropThresholdMillis <= 0 || hardLimitMillis < dropThresholdMillis) {
            throw new IllegalArgumentException("need 0 < drop threshold <= hard limit");
        }
        this.dropThresholdNanos = dropThresholdMillis * 1_000_000L;
        this.hardLimitNanos = hardLimitMillis * 1_000_000L;
        this.maxBytes = maxBytes;
        this.clock = nanoClock;
    }

    /** Adds a packet, applying the drop policy. Never blocks beyond a short lock. */
    public void offer(E e) {
        lock.lock();
        try {
            if (e.isVideo()) lastVideoMicros = Math.max(lastVideoMicros, e.mediaMicros());
            if (!connected) {
                // nobody is sending: keep just enough to start the next connection on a keyframe
                append(e);
                keepFromLatestKeyframe();
            } else if (e.isVideo() && e.isKey()) {
                waitingForKeyframe = false;
                resyncing = false;
                append(e);
                enforceLimits();
            } else if (e.isVideo() && (waitingForKeyframe || resyncing)) {
                if (waitingForKeyframe) congestionDrops++;
                dropOne(e);
            } else {
                append(e);
                enforceLimits();
            }
            if (!entries.isEmpty()) notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void append(E e) {
        entries.addLast(e);
        bytes += e.size();
    }

    /** The oldest packet, waiting up to {@code timeoutMillis}; null if none came. */
    public E poll(long timeoutMillis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (entries.isEmpty()) {
                if (remaining <= 0) return null;
                remaining = notEmpty.awaitNanos(remaining);
            }
            E e = entries.pollFirst();
            bytes -= e.size();
            return e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the output connected (sending resumes from the head, which is then a recent keyframe,
     * or nothing and video waits for the next keyframe) or disconnected (from now on only the
     * latest GOP is kept).
     */
    public void setConnected(boolean value) {
        lock.lock();
        try {
            connected = value;
            if (!value || !headIsKeyframe()) keepFromLatestKeyframe();
            if (value && !entries.isEmpty() && clock.getAsLong() - entries.peekFirst().enqueuedNanos() > dropThresholdNanos / 2) {
                releaseAll(); // kept while nobody sent, now too old to start on
            }
            // congestion state belongs to the old connection; a new one must start on a keyframe:
            // until one comes, video is dropped (counted, but not as congestion)
            waitingForKeyframe = false;
            resyncing = value && entries.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Age of the oldest queued packet in milliseconds (0 when empty). */
    public long ageMillis() {
        lock.lock();
        try {
            return entries.isEmpty() ? 0 : (clock.getAsLong() - entries.peekFirst().enqueuedNanos()) / 1_000_000L;
        } finally {
            lock.unlock();
        }
    }

    public long bytes() {
        lock.lock();
        try { return bytes; } finally { lock.unlock(); }
    }

    public int size() {
        lock.lock();
        try { return entries.size(); } finally { lock.unlock(); }
    }

    /**
     * Video frames discarded instead of sent, for any reason: the drop policy, the backlog let go
     * while disconnected, a resync on a keyframe, {@link #clear()}, {@link #discard}. Never audio.
     */
    public long droppedVideoFrames() {
        lock.lock();
        try { return droppedVideoFrames; } finally { lock.unlock(); }
    }

    /** Video frames dropped by the drop policy while connected (rules 1 and 2): the path is too slow. */
    public long congestionDrops() {
        lock.lock();
        try { return congestionDrops; } finally { lock.unlock(); }
    }

    /** Releases an entry the consumer took and will not send, counting it as dropped if it is video. */
    public void discard(E e) {
        lock.lock();
        try {
            dropOne(e);
        } finally {
            lock.unlock();
        }
    }

    /** Releases everything queued (counted as dropped). */
    public void clear() {
        lock.lock();
        try {
            releaseAll();
        } finally {
            lock.unlock();
        }
    }

    private void releaseAll() {
        for (E e : entries) dropOne(e);
        entries.clear();
        bytes = 0;
    }

    private void enforceLimits() {
        if (entries.isEmpty()) return;
        long age = clock.getAsLong() - entries.peekFirst().enqueuedNanos();
        if (age > dropThresholdNanos) {
            dropNonKeyVideo();
            waitingForKeyframe = true;
            age = entries.isEmpty() ? 0 : clock.getAsLong() - entries.peekFirst().enqueuedNanos();
        }
        while ((age > hardLimitNanos || bytes > maxBytes) && dropHeadGop()) {
            age = entries.isEmpty() ? 0 : clock.getAsLong() - entries.peekFirst().enqueuedNanos();
        }
    }

    private void dropNonKeyVideo() {
        Iterator<E> it = entries.iterator();
        while (it.hasNext()) {
            E e = it.next();
            if (e.isVideo() && !e.isKey()) {
                it.remove();
                bytes -= e.size();
                congestionDrops++;
                dropOne(e);
            }
        }
    }

    /** Drops from the head up to (not including) the second video keyframe; false if only one GOP is left. */
    private boolean dropHeadGop() {
        int keyframes = 0;
        for (E e : entries) {
            if (e.isVideo() && e.isKey() && ++keyframes == 2) break;
        }
        if (keyframes < 2) return false;
        boolean first = true;
        while (!entries.isEmpty()) {
            E head = entries.peekFirst();
            if (!first && head.isVideo() && head.isKey()) break;
            first = false;
            entries.pollFirst();
            bytes -= head.size();
            if (head.isVideo()) congestionDrops++;
            dropOne(head);
        }
        return true;
    }

    /**
     * Lets go of everything before the latest video keyframe except the audio that plays from it on:
     * the encoder hands out video later than the audio of the same moment (x264's lookahead), so
     * that audio is queued ahead of its keyframe; dropping it would start the stream silent.
     */
    private void keepFromLatestKeyframe() {
        E latestKey = null;
        for (E e : entries) if (e.isVideo() && e.isKey()) latestKey = e;
        long now = clock.getAsLong();
        for (var it = entries.iterator(); it.hasNext(); ) {
            E e = it.next();
            if (e == latestKey) break;
            if (!e.isVideo() && (latestKey != null ? e.mediaMicros() >= latestKey.mediaMicros()
                    // no keyframe yet: audio newer than every video so far may be its (within limits)
                    : e.mediaMicros() > lastVideoMicros && now - e.enqueuedNanos() <= hardLimitNanos)) continue;
            it.remove();
            bytes -= e.size();
            dropOne(e);
        }
    }

    private boolean headIsKeyframe() {
        E head = entries.peekFirst();
        return head != null && head.isVideo() && head.isKey();
    }

    /** Releases an entry that will not be sent; a video frame is counted. */
    private void dropOne(E e) {
        if (e.isVideo()) droppedVideoFrames++;
        e.release();
    }
}
