package io.castline.engine.output;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketQueueTest {

    /** A queued packet as the policy sees it; counts release() calls. */
    static final class Pkt implements PacketQueue.Entry {
        final String id;
        final boolean video;
        final boolean key;
        final int size;
        final long enqueuedNanos;
        /** Media time: later for every packet made, unless a test says otherwise (an encoder's delay). */
        long mediaMicros;
        int releases;

        Pkt(String id, boolean video, boolean key, int size, long enqueuedNanos) {
            this.id = id;
            this.video = video;
            this.key = key;
            this.size = size;
            this.enqueuedNanos = enqueuedNanos;
        }

        Pkt media(long millis) {
            mediaMicros = millis * 1000;
            return this;
        }

        @Override public boolean isVideo() { return video; }
        @Override public boolean isKey() { return key; }
        @Override public int size() { return size; }
        @Override public long enqueuedNanos() { return enqueuedNanos; }
        @Override public long mediaMicros() { return mediaMicros; }
        @Override public void release() { releases++; }
        @Override public String toString() { return id; }
    }

    private long nowNanos;
    private final List<Pkt> created = new ArrayList<>();

    private void at(long millis) { nowNanos = TimeUnit.MILLISECONDS.toNanos(millis); }

    private Pkt make(String id, boolean video, boolean key, int size) {
        Pkt p = new Pkt(id, video, key, size, nowNanos);
        p.mediaMicros = created.size() * 1000L;
        created.add(p);
        return p;
    }

    private Pkt key(String id) { return make(id, true, true, 1000); }
    private Pkt key(String id, int size) { return make(id, true, true, size); }
    private Pkt delta(String id) { return make(id, true, false, 200); }
    private Pkt delta(String id, int size) { return make(id, true, false, size); }
    /** Audio: isKey() is true for every audio packet, as the Entry contract says. */
    private Pkt audio(String id) { return make(id, false, true, 50); }
    private Pkt audio(String id, int size) { return make(id, false, true, size); }

    private PacketQueue<Pkt> queue() { return queue(1_000_000); }

    /** Drop threshold 100 ms, hard limit 1000 ms. */
    private PacketQueue<Pkt> queue(long maxBytes) {
        return new PacketQueue<>(100, 1000, maxBytes, () -> nowNanos);
    }

    private static void offer(PacketQueue<Pkt> q, Pkt... ps) {
        for (Pkt p : ps) q.offer(p);
    }

    private static List<String> drain(PacketQueue<Pkt> q) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        Pkt p;
        while ((p = q.poll(0)) != null) ids.add(p.id);
        return ids;
    }

    private static void assertReleasedOnce(Pkt... ps) {
        for (Pkt p : ps) assertThat(p.releases).as("releases of %s", p.id).isEqualTo(1);
    }

    private static void assertNotReleased(Pkt... ps) {
        for (Pkt p : ps) assertThat(p.releases).as("releases of %s", p.id).isZero();
    }

    @AfterEach
    void nothingIsReleasedTwice() {
        for (Pkt p : created) assertThat(p.releases).as("releases of %s", p.id).isLessThanOrEqualTo(1);
    }

    @Test
    void constructorRejectsBadLimits() {
        assertThatThrownBy(() -> new PacketQueue<Pkt>(0, 1000, 1000, () -> 0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketQueue<Pkt>(-5, 1000, 1000, () -> 0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketQueue<Pkt>(500, 499, 1000, () -> 0L)).isInstanceOf(IllegalArgumentException.class);
        new PacketQueue<Pkt>(500, 500, 1000, () -> 0L); // equal is fine
    }

    @Test
    void connectedQueueUnderThresholdKeepsEverythingInOrder() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        offer(q, key("K1"), audio("A1"), delta("P1"));
        at(50);
        offer(q, audio("A2"), delta("P2"));
        at(100); // exactly the threshold: not older than it
        offer(q, delta("P3"), audio("A3"));

        assertThat(q.size()).isEqualTo(7);
        assertThat(q.bytes()).isEqualTo(1000 + 50 + 200 + 50 + 200 + 200 + 50);
        assertThat(q.ageMillis()).isEqualTo(100);
        assertThat(drain(q)).containsExactly("K1", "A1", "P1", "A2", "P2", "P3", "A3");
        assertThat(q.droppedVideoFrames()).isZero();
        assertThat(q.bytes()).isZero();
        assertThat(created).allSatisfy(p -> assertThat(p.releases).isZero());
    }

    @Test
    void olderThanThresholdDropsNonKeyVideoKeepsAudioAndKeyframesUntilNextKeyframe() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        Pkt k1 = key("K1"), p1 = delta("P1"), a1 = audio("A1"), p2 = delta("P2");
        offer(q, k1, p1, a1, p2);
        assertThat(q.size()).isEqualTo(4);

        at(101);
        Pkt a2 = audio("A2");
        q.offer(a2);
        assertThat(q.droppedVideoFrames()).isEqualTo(2);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.bytes()).isEqualTo(1000 + 50 + 50);
        assertReleasedOnce(p1, p2);
        assertNotReleased(k1, a1, a2);

        // non-key video that follows references dropped frames: dropped (and counted) until a keyframe
        Pkt p3 = delta("P3"), a3 = audio("A3");
        offer(q, p3, a3);
        assertThat(q.droppedVideoFrames()).isEqualTo(3);
        assertReleasedOnce(p3);
        assertThat(drain(q)).containsExactly("K1", "A1", "A2", "A3");

        // the sender caught up, but still no keyframe: keep dropping non-key video
        at(120);
        Pkt p4 = delta("P4"), a4 = audio("A4");
        offer(q, p4, a4);
        assertThat(q.droppedVideoFrames()).isEqualTo(4);
        assertReleasedOnce(p4);

        at(130);
        Pkt k2 = key("K2"), p5 = delta("P5"), a5 = audio("A5");
        offer(q, k2, p5, a5);
        assertThat(drain(q)).containsExactly("A4", "K2", "P5", "A5");
        assertThat(q.droppedVideoFrames()).isEqualTo(4);
        assertThat(q.congestionDrops()).as("all of them because the sender fell behind").isEqualTo(4);
        assertNotReleased(k1, a1, a2, a3, a4, k2, p5, a5);
    }

    @Test
    void discardCountsVideoTheConsumerGivesBackButNotAudio() {
        PacketQueue<Pkt> q = queue();
        Pkt p = delta("P"), a = audio("A"), k = key("K");
        q.discard(p);
        q.discard(a);
        q.discard(k);
        assertReleasedOnce(p, a, k);
        assertThat(q.droppedVideoFrames()).isEqualTo(2);
        assertThat(q.congestionDrops()).isZero();
    }

    /**
     * Whatever happens (congestion, disconnects, reconnects, the consumer giving packets back,
     * a final clear), every video frame offered is sent, counted as dropped, or still queued.
     */
    @Test
    void everyVideoFrameOfferedIsSentDroppedOrQueued() throws InterruptedException {
        java.util.Random random = new java.util.Random(42);
        for (int run = 0; run < 200; run++) {
            PacketQueue<Pkt> q = queue(20_000);
            long videoOffered = 0;
            long videoSent = 0;
            long t = 0;
            for (int step = 0; step < 400; step++) {
                t += random.nextInt(40);
                at(t);
                switch (random.nextInt(12)) {
                    case 0 -> q.setConnected(random.nextBoolean());
                    case 1, 2, 3 -> {
                        Pkt p = q.poll(0);
                        if (p != null && p.isVideo()) {
                            if (random.nextInt(10) == 0) q.discard(p); // e.g. a failed write
                            else videoSent++;
                        }
                    }
                    case 4, 5 -> q.offer(audio("A" + step));
                    default -> {
                        videoOffered++;
                        q.offer(step % 15 == 0 ? key("K" + step) : delta("P" + step));
                    }
                }
            }
            long queuedVideo = 0;
            if (run % 2 == 0) {
                q.clear(); // the output stops: what is left is dropped
            } else {
                Pkt p;
                while ((p = q.poll(0)) != null) if (p.isVideo()) queuedVideo++;
            }
            assertThat(videoSent + q.droppedVideoFrames() + queuedVideo).as("run %d", run).isEqualTo(videoOffered);
            assertThat(q.congestionDrops()).isLessThanOrEqualTo(q.droppedVideoFrames());
            created.clear();
        }
    }

    @Test
    void whileTheHeadStaysTooOldEvenFramesAfterANewKeyframeAreDropped() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        offer(q, key("K1"), audio("A1"));
        at(200);
        Pkt k2 = key("K2"), p = delta("P");
        offer(q, k2, p);
        assertThat(q.droppedVideoFrames()).isEqualTo(1);
        assertReleasedOnce(p);
        assertThat(drain(q)).containsExactly("K1", "A1", "K2");
    }

    @Test
    void hardAgeLimitDropsWholeGopsFromTheHeadIncludingAudio() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        Pkt k1 = key("K1"), a1 = audio("A1"), p1 = delta("P1");
        Pkt k2 = key("K2"), a2 = audio("A2"), p2 = delta("P2");
        offer(q, k1, a1, p1, k2, a2, p2);
        at(500);
        Pkt a3 = audio("A3");
        q.offer(a3); // past the threshold: P1 and P2 go
        assertThat(q.droppedVideoFrames()).isEqualTo(2);
        assertThat(q.size()).isEqualTo(5);

        at(1001);
        Pkt k3 = key("K3");
        q.offer(k3); // past the hard limit: both old GOPs go, audio with them
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.bytes()).isEqualTo(1000);
        assertThat(q.droppedVideoFrames()).isEqualTo(4); // P1, P2, K1, K2; audio is never counted
        assertReleasedOnce(k1, a1, p1, k2, a2, p2, a3);
        assertNotReleased(k3);
        assertThat(q.ageMillis()).isZero();
        assertThat(drain(q)).containsExactly("K3");
    }

    @Test
    void hardAgeLimitKeepsTheLatestGopEvenWhenItIsTooOld() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        offer(q, key("K1"), audio("A1"));
        at(5000);
        q.offer(audio("A2"));
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.ageMillis()).isEqualTo(5000);
        assertThat(q.droppedVideoFrames()).isZero();
        assertThat(drain(q)).containsExactly("K1", "A1", "A2");
        assertThat(created).allSatisfy(p -> assertThat(p.releases).isZero());
    }

    @Test
    void byteLimitDropsTheHeadGopIncludingAudio() throws InterruptedException {
        PacketQueue<Pkt> q = queue(10_000);
        q.setConnected(true);
        at(0);
        Pkt k1 = key("K1", 4000), p1 = delta("P1", 1000), a1 = audio("A1", 0);
        Pkt k2 = key("K2", 4000), p2 = delta("P2", 1000);
        offer(q, k1, p1, a1, k2, p2);
        assertThat(q.bytes()).isEqualTo(10_000); // at the limit, not over it
        assertThat(q.size()).isEqualTo(5);

        Pkt a2 = audio("A2", 1);
        q.offer(a2);
        assertThat(q.bytes()).isEqualTo(5001);
        assertThat(q.droppedVideoFrames()).isEqualTo(2); // K1, P1
        assertReleasedOnce(k1, p1, a1);
        assertNotReleased(k2, p2, a2);
        assertThat(drain(q)).containsExactly("K2", "P2", "A2");
    }

    @Test
    void byteLimitKeepsTheLatestGopEvenWhenItIsTooBig() throws InterruptedException {
        PacketQueue<Pkt> q = queue(10_000);
        q.setConnected(true);
        at(0);
        offer(q, key("K1", 9000), delta("P1", 2000), audio("A1", 100));
        assertThat(q.bytes()).isEqualTo(11_100);
        assertThat(q.droppedVideoFrames()).isZero();
        assertThat(drain(q)).containsExactly("K1", "P1", "A1");
    }

    @Test
    void whileDisconnectedOnlyTheLatestGopIsKeptAndWhatIsLetGoIsCountedButNotAsCongestion() throws InterruptedException {
        PacketQueue<Pkt> q = queue(); // a new queue is not connected
        at(0);
        Pkt p1 = delta("P1"), a1 = audio("A1"), p2 = delta("P2");
        offer(q, p1, a1, p2);
        assertThat(q.size()).isZero(); // no keyframe yet: nothing at all
        assertThat(q.bytes()).isZero();
        assertReleasedOnce(p1, a1, p2);

        Pkt k1 = key("K1"), a2 = audio("A2"), p3 = delta("P3");
        offer(q, k1, a2, p3);
        assertThat(q.size()).isEqualTo(3);

        at(400);
        Pkt k2 = key("K2");
        q.offer(k2);
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.bytes()).isEqualTo(1000);
        assertReleasedOnce(k1, a2, p3);

        at(10_000); // no age-based dropping while nobody sends
        Pkt a3 = audio("A3"), p4 = delta("P4"), p5 = delta("P5");
        offer(q, a3, p4, p5);
        assertThat(q.ageMillis()).isEqualTo(9600);
        assertThat(q.droppedVideoFrames()).as("P1, P2, K1, P3: never sent").isEqualTo(4);
        assertThat(q.congestionDrops()).isZero();
        assertThat(q.bytes()).isEqualTo(1000 + 50 + 200 + 200);
        assertNotReleased(k2, a3, p4, p5);
        assertThat(drain(q)).containsExactly("K2", "A3", "P4", "P5");
    }

    @Test
    void disconnectingTrimsTheQueueToTheLatestGop() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        Pkt k1 = key("K1"), a1 = audio("A1"), p1 = delta("P1");
        Pkt k2 = key("K2"), a2 = audio("A2"), p2 = delta("P2");
        offer(q, k1, a1, p1, k2, a2, p2);
        q.setConnected(false);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.bytes()).isEqualTo(1250);
        assertThat(q.droppedVideoFrames()).isEqualTo(2); // K1, P1
        assertThat(q.congestionDrops()).isZero();
        assertReleasedOnce(k1, a1, p1);
        assertThat(drain(q)).containsExactly("K2", "A2", "P2");
    }

    @Test
    void theAudioOfAKeyframesMomentQueuedAheadOfItIsKeptWhileNotConnected() throws InterruptedException {
        // x264's lookahead hands the first keyframe (media time 0) out after the audio of its first
        // half second: that audio plays from the keyframe on and must not be cut (the stream would
        // start silent); audio from before the keyframe goes
        PacketQueue<Pkt> q = queue();
        at(0);
        Pkt early = audio("A-old").media(-40);
        Pkt a0 = audio("A0").media(0), a1 = audio("A1").media(21), a2 = audio("A2").media(43);
        Pkt k = key("K").media(0), p = delta("P").media(33);
        offer(q, early, a0, a1, a2, k, p);
        assertReleasedOnce(early);
        assertThat(q.droppedVideoFrames()).isZero();
        q.setConnected(true);
        assertThat(drain(q)).containsExactly("A0", "A1", "A2", "K", "P");
    }

    @Test
    void disconnectingWithoutAQueuedKeyframeClearsTheQueue() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        Pkt k1 = key("K1"), a1 = audio("A1"), p1 = delta("P1");
        offer(q, k1, a1, p1);
        assertThat(q.poll(0)).isSameAs(k1); // already sent
        q.setConnected(false);
        assertThat(q.size()).isZero();
        assertThat(q.bytes()).isZero();
        assertThat(q.droppedVideoFrames()).isEqualTo(1); // P1
        assertReleasedOnce(a1, p1);
        assertNotReleased(k1);
    }

    @Test
    void reconnectWithNonKeyHeadResumesAtTheLatestKeyframe() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        Pkt k1 = key("K1"), a1 = audio("A1"), p1 = delta("P1"), a2 = audio("A2"), p2 = delta("P2");
        Pkt k2 = key("K2"), a3 = audio("A3"), p3 = delta("P3");
        offer(q, k1, a1, p1, a2, p2, k2, a3, p3);
        assertThat(q.poll(0)).isSameAs(k1);

        q.setConnected(true);
        assertReleasedOnce(a1, p1, a2, p2);
        assertThat(q.droppedVideoFrames()).isEqualTo(2); // P1, P2
        assertThat(q.congestionDrops()).isZero();
        assertThat(q.bytes()).isEqualTo(1250);
        Pkt p4 = delta("P4");
        q.offer(p4);
        assertThat(drain(q)).containsExactly("K2", "A3", "P3", "P4");
    }

    @Test
    void reconnectStartsOnTheQueuedKeyframeOnlyWhileItIsRecent() throws InterruptedException {
        PacketQueue<Pkt> q = queue(); // threshold 100 ms
        at(0);
        Pkt k1 = key("K1"), a1 = audio("A1"), p1 = delta("P1");
        offer(q, k1, a1, p1);
        at(50); // exactly half the threshold: still recent, sent at once
        q.setConnected(true);
        assertThat(drain(q)).containsExactly("K1", "A1", "P1");

        q.setConnected(false);
        at(1000);
        Pkt k2 = key("K2"), a2 = audio("A2"), p2 = delta("P2");
        offer(q, k2, a2, p2);
        at(1051); // older: it could freeze on K2 (rule 1 dropping P2 and the rest); start at the next one
        q.setConnected(true);
        assertThat(q.size()).isZero();
        assertReleasedOnce(k2, a2, p2);
        assertThat(q.droppedVideoFrames()).as("kept while nobody sent, then too old: K2, P2").isEqualTo(2);
        Pkt p3 = delta("P3"), a3 = audio("A3"), k3 = key("K3"), p4 = delta("P4");
        offer(q, p3, a3, k3, p4);
        assertReleasedOnce(p3);
        assertThat(q.droppedVideoFrames()).as("and P3, waiting for a keyframe").isEqualTo(3);
        assertThat(q.congestionDrops()).as("none of it says the path is slow").isZero();
        assertThat(drain(q)).containsExactly("A3", "K3", "P4");
    }

    @Test
    void reconnectWithoutAnyKeyframeClearsAndWaitsForOne() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        Pkt k1 = key("K1"), a1 = audio("A1"), p1 = delta("P1");
        offer(q, k1, a1, p1);
        assertThat(q.poll(0)).isSameAs(k1);

        q.setConnected(true); // head A1 is not a keyframe
        assertThat(q.size()).isZero();
        assertReleasedOnce(a1, p1);

        Pkt p2 = delta("P2"), a2 = audio("A2"), k2 = key("K2"), p3 = delta("P3");
        offer(q, p2, a2, k2, p3);
        assertReleasedOnce(p2);
        assertThat(q.droppedVideoFrames()).isEqualTo(2); // P1 at the reconnect, P2 resyncing
        assertThat(q.congestionDrops()).isZero(); // resync drops are not congestion drops
        List<Pkt> polled = new ArrayList<>();
        Pkt p;
        while ((p = q.poll(0)) != null) polled.add(p);
        assertThat(polled).extracting(x -> x.id).containsExactly("A2", "K2", "P3");
        assertThat(polled.stream().filter(Pkt::isVideo).findFirst()).containsSame(k2);
    }

    @Test
    void firstConnectOnAnEmptyQueueStartsVideoOnAKeyframe() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        Pkt p1 = delta("P1"), a1 = audio("A1"), k1 = key("K1"), p2 = delta("P2");
        offer(q, p1, a1, k1, p2);
        assertReleasedOnce(p1);
        assertThat(q.droppedVideoFrames()).isEqualTo(1);
        assertThat(q.congestionDrops()).isZero();
        assertThat(drain(q)).containsExactly("A1", "K1", "P2");
    }

    @Test
    void connectingWithAKeyframeHeadKeepsEverything() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        at(0);
        offer(q, key("K1"), audio("A1"), delta("P1"));
        q.setConnected(true);
        at(10);
        q.offer(delta("P2"));
        assertThat(drain(q)).containsExactly("K1", "A1", "P1", "P2");
        assertThat(created).allSatisfy(p -> assertThat(p.releases).isZero());
    }

    /**
     * Regression: the "drop until the next keyframe" flag set by congestion survives a
     * disconnect. After reconnecting with a keyframe at the head, the frames that follow it are
     * dropped and counted although nothing they reference was dropped.
     */
    @Test
    void congestionStateDoesNotSurviveAReconnect() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        offer(q, key("K1"), audio("A1"), delta("P1"));
        at(101);
        q.offer(delta("P2")); // congested: P1, P2 dropped
        assertThat(q.droppedVideoFrames()).isEqualTo(2);
        assertThat(drain(q)).containsExactly("K1", "A1");

        q.setConnected(false); // the send failed
        at(200);
        offer(q, key("K2"), delta("P3"));
        q.setConnected(true); // reconnected; head is K2
        at(210);
        Pkt p4 = delta("P4");
        q.offer(p4);
        assertThat(drain(q)).containsExactly("K2", "P3", "P4");
        assertThat(q.droppedVideoFrames()).isEqualTo(2);
        assertNotReleased(p4);
    }

    /**
     * Regression: same root cause with the resync flag: connect on an empty queue, lose the
     * connection before any keyframe came, reconnect with a keyframe at the head: the following
     * frames are silently dropped.
     */
    @Test
    void resyncStateDoesNotSurviveAReconnect() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true); // empty: waits for a keyframe
        q.setConnected(false);
        at(0);
        offer(q, key("K1"), delta("P1"));
        q.setConnected(true); // head is K1
        Pkt p2 = delta("P2");
        q.offer(p2);
        assertThat(drain(q)).containsExactly("K1", "P1", "P2");
        assertNotReleased(p2);
    }

    @Test
    void clearReleasesEverythingQueuedOnceAndNothingPolled() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        at(0);
        Pkt k1 = key("K1"), a1 = audio("A1"), p1 = delta("P1"), p2 = delta("P2");
        offer(q, k1, a1, p1, p2);
        assertThat(q.poll(0)).isSameAs(k1);
        q.clear();
        assertThat(q.size()).isZero();
        assertThat(q.bytes()).isZero();
        assertThat(q.ageMillis()).isZero();
        assertThat(q.poll(0)).isNull();
        assertReleasedOnce(a1, p1, p2);
        assertNotReleased(k1);
        assertThat(q.droppedVideoFrames()).isEqualTo(2); // P1, P2: never sent
    }

    @Test
    void ageAndBytesFollowTheHead() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        assertThat(q.ageMillis()).isZero();
        assertThat(q.bytes()).isZero();
        at(1000);
        q.offer(key("K1", 3000));
        at(1030);
        q.offer(audio("A1", 120));
        at(1080);
        assertThat(q.ageMillis()).isEqualTo(80);
        assertThat(q.bytes()).isEqualTo(3120);
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.poll(0).id).isEqualTo("K1");
        assertThat(q.ageMillis()).isEqualTo(50);
        assertThat(q.bytes()).isEqualTo(120);
        assertThat(q.poll(0).id).isEqualTo("A1");
        assertThat(q.ageMillis()).isZero();
        assertThat(q.bytes()).isZero();
        assertThat(q.size()).isZero();
    }

    @Test
    @Timeout(10)
    void pollTimesOutWithNull() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        assertThat(q.poll(0)).isNull();
        long start = System.nanoTime();
        assertThat(q.poll(80)).isNull();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(70));
    }

    @Test
    @Timeout(10)
    void pollWakesUpWhenAPacketArrives() throws InterruptedException {
        PacketQueue<Pkt> q = queue();
        q.setConnected(true);
        Pkt k = key("K");
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            q.offer(k);
        });
        producer.start();
        long start = System.nanoTime();
        assertThat(q.poll(5000)).isSameAs(k);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(4));
        producer.join();
    }
}
