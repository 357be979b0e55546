package io.castline.engine.uplink;

import io.castline.engine.output.LinkStats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each second's output counters and TCP statistics into the uplink picture: per-path egress,
 * congestion, RTT and retransmissions; the required uplink; the best capacity figure there is;
 * and the verdict with its reason. Not thread-safe: the stats thread owns it.
 *
 * <p>Capacity comes from, in order: the live path itself while it is congested (what it sustains
 * when it cannot keep up <em>is</em> its capacity), a congested measurement of the last 30 s, or a
 * bandwidth test. Otherwise it is unknown; it is never guessed.
 */
public final class UplinkMonitor {
    /** Queue age from which an output counts as congested. */
    static final long CONGESTED_QUEUE_MS = 500;
    /** Consecutive congested seconds before the live egress is taken as the capacity. */
    static final int SATURATION_SECONDS = 2;
    /** How long a capacity measured while congested is remembered. */
    static final long LIVE_CAPACITY_TTL_MILLIS = 30_000;
    private static final int WINDOW = 3;

    /**
     * One output's counters this second.
     *
     * @param active connecting, live or reconnecting: it needs its share of the uplink
     * @param live   connected and sending: only then does a queue say anything about the path
     *               (while reconnecting it holds the latest GOP to start the next connection with)
     * @param congestionDrops video frames its drop policy dropped so far because the path could not
     *               keep up (not those let go while it was disconnected or resyncing)
     */
    public record OutputSample(String name, boolean network, boolean active, boolean live, long bytes,
                               long payloadBytes, long queueMs, long congestionDrops, int localPort, LinkStats link) {

        /** An output whose connection keeps no statistics of its own (TCP's are read by its local port). */
        public OutputSample(String name, boolean network, boolean active, boolean live, long bytes, long payloadBytes,
                            long queueMs, long congestionDrops, int localPort) {
            this(name, network, active, live, bytes, payloadBytes, queueMs, congestionDrops, localPort, null);
        }
    }

    /**
     * One network output's figures this second. Null doubles are unknown.
     *
     * @param egressKbps    bytes handed to the socket
     * @param sustainedKbps what the path delivers: bytes the peer acknowledged where TCP says, else
     *                      bytes handed to the socket; averaged over the last seconds
     * @param backlogMs     how far behind the path is: the output's queue plus the bytes written but
     *                      not yet acknowledged, at the stream's rate
     * @param congested     behind by half a second or more, or dropping frames, this second
     * @param saturated     congested for {@value #SATURATION_SECONDS} seconds in a row: what the
     *                      path sustains now is its capacity
     */
    public record PathFigures(double egressKbps, double sustainedKbps, long backlogMs, boolean congested,
                              boolean saturated, boolean queueGrowing, Double rttMs, Double retransPct,
                              Double deliveryKbps) {}

    /** The whole uplink this second. */
    public record Figures(double requiredKbps, Double capacityKbps, String capacitySource, Double headroomPct,
                          Double utilizationPct, Double retransPct, double egressKbps, double overheadPct,
                          Verdict verdict, String reason, Map<String, PathFigures> paths) {}

    private final TcpStatsReader tcp;
    private final Map<String, PathState> states = new HashMap<>();
    private volatile BandwidthResult tested;
    private Double liveCapacityKbps;
    private long liveCapacityAtMillis;

    public UplinkMonitor(TcpStatsReader tcp) {
        this.tcp = tcp;
    }

    /** Uses a bandwidth test's result as the capacity (until the live path proves otherwise). */
    public void setTestedCapacity(BandwidthResult result) { this.tested = result; }

    public BandwidthResult testedCapacity() { return tested; }

    public boolean tcpStatsSupported() { return tcp.supported(); }

    /**
     * @param streamKbps video + audio bitrate of the configured stream (not the dynamically lowered one)
     * @param seconds    time since the previous update
     */
    public Figures update(List<OutputSample> outputs, double streamKbps, double seconds, long nowMillis) {
        Map<Integer, TcpInfo> sockets = tcp.supported() ? tcp.sample() : Map.of();
        Map<String, PathFigures> paths = new LinkedHashMap<>();
        List<UplinkRules.PathHealth> health = new ArrayList<>();
        double egress = 0;
        long bytes = 0;
        long payload = 0;
        int live = 0;
        boolean anySaturated = false;
        double sustainedSum = 0;
        for (OutputSample o : outputs) {
            if (!o.network()) continue;
            PathState st = states.computeIfAbsent(o.name(), n -> new PathState());
            TcpInfo info = o.link() != null ? asTcpInfo(o.link()) : sockets.get(o.localPort());
            PathFigures f = st.update(o, info, seconds, nowMillis, streamKbps);
            paths.put(o.name(), f);
            egress += f.egressKbps();
            sustainedSum += f.sustainedKbps();
            bytes += o.bytes();
            payload += o.payloadBytes();
            if (o.active()) live++;
            if (st.congestedSeconds >= SATURATION_SECONDS) anySaturated = true;
        }
        // bytes on the wire over encoded bytes; packets still inside the muxer's interleaving
        // buffer can make the ratio dip below 1 at the start, which is never the truth
        double overhead = payload > 0 ? Math.max(1.0, (double) bytes / payload) : 1.0;
        double required = live * streamKbps * overhead;

        String source = null;
        Double capacity = null;
        BandwidthResult t = tested;
        if (anySaturated) {
            capacity = sustainedSum;
            source = "live (congested)";
            liveCapacityKbps = capacity;
            liveCapacityAtMillis = nowMillis;
        } else if (liveCapacityKbps != null && nowMillis - liveCapacityAtMillis < LIVE_CAPACITY_TTL_MILLIS) {
            // what the live path just proved outranks an older test: that is when the test was wrong
            capacity = Math.max(liveCapacityKbps, egress);
            source = "live (recently congested)";
        } else if (t != null) {
            capacity = Math.max(t.kbps(), egress);
            source = "bandwidth test";
        }

        Double retransWorst = null;
        for (OutputSample o : outputs) {
            if (!o.network() || !o.active()) continue;
            PathState st = states.get(o.name());
            PathFigures f = paths.get(o.name());
            Double measured = st.recentSaturatedKbps(nowMillis);
            if (measured == null && t != null) measured = t.pathKbps(o.name());
            if (f.retransPct() != null) retransWorst = retransWorst == null ? f.retransPct() : Math.max(retransWorst, f.retransPct());
            health.add(new UplinkRules.PathHealth(o.name(), streamKbps * overhead, measured, f.queueGrowing(), f.backlogMs(),
                    st.recentDrops(), f.retransPct(), st.retransBaseline()));
        }
        UplinkRules.Result r = UplinkRules.evaluate(required, capacity, egress, health);
        Double headroom = capacity == null || required <= 0 ? null : round(100 * (capacity - required) / required);
        Double utilisation = capacity == null || capacity <= 0 ? null : round(100 * egress / capacity);
        return new Figures(round(required), capacity == null ? null : round(capacity), source, headroom, utilisation,
                retransWorst, round(egress), round(100 * (overhead - 1)), r.verdict(), r.reason(), paths);
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }

    /**
     * SRT's figures in TCP's terms, so both feed the same rules: bytes retransmitted over bytes
     * sent, the sender's unacknowledged bytes as the backlog beyond the queue, and acknowledged =
     * sent − retransmitted − unacknowledged. SRT's bandwidth estimate is a probe of the path, not
     * a delivery rate: it is not passed as one.
     */
    static TcpInfo asTcpInfo(LinkStats l) {
        long acked = Math.max(0, l.bytesSent() - l.bytesRetransmitted() - l.bytesUnacknowledged());
        return new TcpInfo(null, null, -1, l.rttMillis(), l.bytesSent(), acked, l.bytesRetransmitted(), -1,
                l.bytesUnacknowledged());
    }

    /** Rolling figures of one network output. */
    private static final class PathState {
        long lastBytes = -1;
        long lastAcked = -1;
        boolean first = true;
        long lastDropped = -1;
        long lastSent = -1;
        long lastRetrans;
        int congestedSeconds;
        Double baseline;
        int baselineSamples;
        final Deque<Long> queue = new ArrayDeque<>();
        final Deque<Double> egress = new ArrayDeque<>();
        final Deque<Long> drops = new ArrayDeque<>();

        Double saturatedKbps;
        long saturatedAtMillis;

        /** What this path sustained while congested, if that was recent; else null. */
        Double recentSaturatedKbps(long nowMillis) {
            return saturatedKbps != null && nowMillis - saturatedAtMillis < LIVE_CAPACITY_TTL_MILLIS ? saturatedKbps : null;
        }

        PathFigures update(OutputSample o, TcpInfo info, double seconds, long nowMillis, double streamKbps) {
            double kbps = lastBytes < 0 ? 0 : Math.max(0, o.bytes() - lastBytes) * 8 / 1000.0 / seconds;
            lastBytes = o.bytes();
            // delivered = acknowledged by the peer; the kernel's send buffer hides a slow path otherwise
            double delivered = kbps;
            long unackedMs = 0;
            if (info != null && streamKbps > 0) unackedMs = (long) (Math.max(0, info.sendQueueBytes()) * 8 / streamKbps);
            if (info != null && info.bytesAcked() >= 0) {
                delivered = lastAcked < 0 || info.bytesAcked() < lastAcked ? kbps
                        : (info.bytesAcked() - lastAcked) * 8 / 1000.0 / seconds;
                lastAcked = info.bytesAcked();
            } else {
                lastAcked = -1;
            }
            long backlog = o.queueMs() + unackedMs;
            long dropped = lastDropped < 0 ? 0 : Math.max(0, o.congestionDrops() - lastDropped);
            lastDropped = o.congestionDrops();
            if (!first) push(egress, delivered); // the first second has no rate yet
            first = false;
            push(queue, backlog);
            push(drops, dropped);

            boolean congested = o.live() && (backlog >= CONGESTED_QUEUE_MS || dropped > 0);
            congestedSeconds = congested ? congestedSeconds + 1 : 0;
            boolean growing = o.live() && queue.size() == WINDOW && increasing(queue) && backlog >= CONGESTED_QUEUE_MS / 2
                    || (o.live() && dropped > 0);

            Double rtt = null;
            Double retrans = null;
            Double delivery = null;
            if (info != null) {
                rtt = info.rttMillis() >= 0 ? info.rttMillis() : null;
                delivery = info.deliveryRateBps() >= 0 ? info.deliveryRateBps() / 1000.0 : null;
                if (info.bytesSent() >= 0) {
                    if (lastSent >= 0 && info.bytesSent() >= lastSent) {
                        long sent = info.bytesSent() - lastSent;
                        long re = Math.max(0, info.bytesRetrans() - lastRetrans);
                        retrans = sent > 0 ? Math.round(1000.0 * re / sent) / 10.0 : 0.0;
                        learnBaseline(retrans, congested);
                    }
                    lastSent = info.bytesSent();
                    lastRetrans = info.bytesRetrans();
                }
            } else {
                lastSent = -1;
            }
            double sustained = egress.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            if (congestedSeconds >= SATURATION_SECONDS) {
                saturatedKbps = sustained;
                saturatedAtMillis = nowMillis;
            }
            return new PathFigures(Math.round(kbps * 10) / 10.0, Math.round(sustained * 10) / 10.0, backlog, congested,
                    congestedSeconds >= SATURATION_SECONDS, growing, rtt, retrans, delivery);
        }

        /** The connection's usual retransmission rate, learnt from calm seconds only. */
        private void learnBaseline(double retrans, boolean congested) {
            if (congested || UplinkRules.retransHigh(retrans, baseline)) return;
            baselineSamples++;
            baseline = baseline == null ? retrans : baseline * 0.9 + retrans * 0.1;
        }

        Double retransBaseline() { return baselineSamples >= 5 ? baseline : null; }

        long recentDrops() { return drops.stream().mapToLong(Long::longValue).sum(); }

        private static <T> void push(Deque<T> d, T v) {
            d.addLast(v);
            while (d.size() > WINDOW) d.removeFirst();
        }

        private static boolean increasing(Deque<Long> d) {
            Long prev = null;
            for (Long v : d) {
                if (prev != null && v <= prev) return false;
                prev = v;
            }
            return true;
        }
    }
}
