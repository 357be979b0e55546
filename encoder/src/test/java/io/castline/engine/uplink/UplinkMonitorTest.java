package io.castline.engine.uplink;

import io.castline.engine.uplink.UplinkMonitor.Figures;
import io.castline.engine.uplink.UplinkMonitor.OutputSample;
import io.castline.engine.uplink.UplinkMonitor.PathFigures;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor driven by synthetic seconds: output counters 1 s apart and TCP statistics from a fake
 * reader, so that every figure can be computed by hand.
 */
class UplinkMonitorTest {

    private static final long T0 = 1_700_000_000_000L;
    /** 2500 kbps video + 128 kbps audio. */
    private static final double STREAM = 2628;
    /** One second of the stream's payload in bytes (2628 kbps). */
    private static final long PAYLOAD_PER_S = 328_500;
    /** The same with 5% container overhead. */
    private static final long BYTES_PER_S = 344_925;

    /** TCP statistics the test controls. */
    static final class FakeTcp implements TcpStatsReader {
        final Map<Integer, TcpInfo> sockets = new HashMap<>();
        boolean supported = true;
        int samples;

        @Override public Map<Integer, TcpInfo> sample() {
            samples++;
            return Map.copyOf(sockets);
        }

        @Override public boolean supported() { return supported; }
    }

    private final FakeTcp tcp = new FakeTcp();
    private final UplinkMonitor monitor = new UplinkMonitor(tcp);
    private int second;

    private Figures tick(double streamKbps, OutputSample... outputs) {
        Figures f = monitor.update(List.of(outputs), streamKbps, 1.0, T0 + 1000L * second);
        second++;
        return f;
    }

    private static OutputSample net(String name, long bytes, long payload, long queueMs, int port) {
        return new OutputSample(name, true, true, true, bytes, payload, queueMs, 0, port);
    }

    private static TcpInfo socket(int port, long sent, long acked, long retrans, long sendQueue) {
        return new TcpInfo("127.0.0.1:" + port, "127.0.0.1:1935", port, 12.5, sent, acked, retrans, 5_000_000, sendQueue);
    }

    /** Primary and backup at the stream rate with 5% overhead, a recording, and an idle extra destination. */
    private Figures dualAtStreamRate(int i) {
        return tick(STREAM,
                net("primary", i * BYTES_PER_S, i * PAYLOAD_PER_S, 20, 40001),
                net("backup", i * BYTES_PER_S, i * PAYLOAD_PER_S, 30, 40002),
                new OutputSample("recording", false, true, true, i * 2 * PAYLOAD_PER_S, i * PAYLOAD_PER_S, 0, 0, -1),
                new OutputSample("extra", true, false, false, 0, 0, 0, 0, -1));
    }

    // --- required uplink ---

    @Test
    void requiredIsLiveNetworkOutputsTimesTheStreamTimesTheMeasuredOverhead() {
        Figures f = null;
        for (int i = 0; i < 3; i++) f = dualAtStreamRate(i + 1);
        // 2 live network outputs × 2628 × 1.05; the recording (100% "overhead") and the idle output cost nothing
        assertThat(f.requiredKbps()).isEqualTo(5518.8);
        assertThat(f.overheadPct()).isEqualTo(5.0);
        assertThat(f.egressKbps()).isEqualTo(5518.8);
        assertThat(f.paths()).containsOnlyKeys("primary", "backup", "extra");
        assertThat(f.paths().get("primary").egressKbps()).isEqualTo(2759.4);
        assertThat(f.paths().get("primary").sustainedKbps()).isEqualTo(2759.4);
        assertThat(f.paths().get("primary").backlogMs()).isEqualTo(20);
        assertThat(f.paths().get("primary").congested()).isFalse();
    }

    @Test
    void overheadNeverCountsBelowOne() {
        // packets still in the muxer's interleaving buffer: fewer bytes written than encoded
        Figures f = tick(STREAM, net("primary", 1000, 2000, 0, 40001), net("backup", 1000, 2000, 0, 40002));
        assertThat(f.requiredKbps()).isEqualTo(5256.0);
        assertThat(f.overheadPct()).isEqualTo(0.0);
    }

    @Test
    void withoutANetworkOutputNothingIsRequiredAndTheVerdictIsUnknown() {
        Figures f = tick(STREAM, new OutputSample("recording", false, true, true, 5_000_000, 4_000_000, 0, 0, -1));
        assertThat(f.requiredKbps()).isEqualTo(0.0);
        assertThat(f.paths()).isEmpty();
        assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(f.reason()).isEqualTo("no network output is live");
    }

    // --- capacity ---

    @Test
    void withoutTestOrCongestionCapacityIsUnknown() {
        Figures f = null;
        for (int i = 0; i < 5; i++) f = dualAtStreamRate(i + 1);
        assertThat(f.capacityKbps()).isNull();
        assertThat(f.capacitySource()).isNull();
        assertThat(f.headroomPct()).isNull();
        assertThat(f.utilizationPct()).isNull();
        assertThat(f.retransPct()).isNull();
        assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(f.reason()).isEqualTo("uplink capacity not measured yet: run a bandwidth test");
    }

    @Test
    void aBandwidthTestAboveThirtyPercentIsOk() {
        monitor.setTestedCapacity(new BandwidthResult(8000, 10, List.of()));
        Figures f = null;
        for (int i = 0; i < 3; i++) f = dualAtStreamRate(i + 1);
        assertThat(f.capacityKbps()).isEqualTo(8000.0);
        assertThat(f.capacitySource()).isEqualTo("bandwidth test");
        assertThat(f.verdict()).as(f.reason()).isEqualTo(Verdict.OK);
        assertThat(f.reason()).isEqualTo("5.5 Mbps needed + 30% = 7.2 Mbps, measured 8.0 Mbps");
        assertThat(f.headroomPct()).isEqualTo(45.0);      // (8000 − 5518.8) / 5518.8
        assertThat(f.utilizationPct()).isEqualTo(69.0);   // 5518.8 / 8000
    }

    @Test
    void aBandwidthTestBelowThirtyPercentIsInsufficient() {
        monitor.setTestedCapacity(new BandwidthResult(7000, 10, List.of()));
        Figures f = null;
        for (int i = 0; i < 3; i++) f = dualAtStreamRate(i + 1);
        assertThat(f.capacityKbps()).isEqualTo(7000.0);
        assertThat(f.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(f.reason()).isEqualTo("uplink: 5.5 Mbps needed + 30% = 7.2 Mbps, measured 7.0 Mbps");
    }

    @Test
    void capacityIsAtLeastWhatIsBeingSent() {
        // the outputs already send more than the test found: the test was pessimistic
        monitor.setTestedCapacity(new BandwidthResult(3000, 10, List.of()));
        Figures f = null;
        for (int i = 0; i < 3; i++) f = dualAtStreamRate(i + 1);
        assertThat(f.capacityKbps()).isEqualTo(5518.8);
        assertThat(f.capacitySource()).isEqualTo("bandwidth test");
        assertThat(f.verdict()).isEqualTo(Verdict.INSUFFICIENT);
    }

    @Test
    void aTestedPathThatFallsShortIsNamed() {
        monitor.setTestedCapacity(new BandwidthResult(7000, 10, List.of(
                new BandwidthResult.PathResult("primary", "rtmp://a/live", 4000, 4000, false, null),
                new BandwidthResult.PathResult("backup", "rtmp://b/live", 3000, 4000, true, null))));
        Figures f = null;
        for (int i = 0; i < 3; i++) f = dualAtStreamRate(i + 1);
        assertThat(f.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        // per path: 2628 × 1.05 = 2759.4 needed, × 1.3 = 3587.2
        assertThat(f.reason()).isEqualTo("backup uplink: 2.8 Mbps needed + 30% = 3.6 Mbps, measured 3.0 Mbps");
    }

    /** Primary alone, 2500 kbps stream, no overhead: second i sends {@code kbps} with a queue of {@code queueMs}. */
    private long primaryBytes;

    private Figures primary(int kbps, long queueMs) {
        primaryBytes += kbps * 1000L / 8;
        return tick(2500, net("primary", primaryBytes, primaryBytes, queueMs, 40001));
    }

    @Test
    void oneCongestedSecondIsNotACapacity() {
        primary(0, 0);
        primary(2500, 0);
        Figures f = primary(1500, 600);
        assertThat(f.paths().get("primary").congested()).isTrue();
        assertThat(f.paths().get("primary").saturated()).isFalse();
        assertThat(f.capacityKbps()).isNull();
        assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void twoCongestedSecondsMakeTheSustainedRateTheCapacityAndItIsRememberedFor30Seconds() {
        primary(0, 0);
        primary(2500, 0);
        primary(1500, 600);
        Figures f = primary(1500, 900);                      // second congested second
        PathFigures p = f.paths().get("primary");
        assertThat(p.saturated()).isTrue();
        assertThat(p.backlogMs()).isEqualTo(900);
        assertThat(p.sustainedKbps()).isEqualTo(1833.3);     // mean of 2500, 1500, 1500
        assertThat(f.capacityKbps()).isEqualTo(1833.3);
        assertThat(f.capacitySource()).isEqualTo("live (congested)");
        assertThat(f.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(f.reason()).isEqualTo("primary uplink: 2.5 Mbps needed + 30% = 3.3 Mbps, measured 1.8 Mbps");

        f = primary(1500, 1200);                             // still congested, at second 4
        assertThat(f.capacityKbps()).isEqualTo(1500.0);
        assertThat(f.capacitySource()).isEqualTo("live (congested)");

        f = primary(2000, 100);                              // drained at second 5
        assertThat(f.paths().get("primary").congested()).isFalse();
        assertThat(f.capacityKbps()).isEqualTo(2000.0);      // max(1500 remembered, 2000 sent now)
        assertThat(f.capacitySource()).isEqualTo("live (recently congested)");
        assertThat(f.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(f.reason()).isEqualTo("primary uplink: 2.5 Mbps needed + 30% = 3.3 Mbps, measured 1.5 Mbps");

        f = primary(1000, 100);                              // second 6
        assertThat(f.capacityKbps()).isEqualTo(1500.0);

        while (second < 34) f = primary(1000, 100);          // up to second 33: 29 s after the last congested second
        assertThat(f.capacitySource()).isEqualTo("live (recently congested)");
        assertThat(f.capacityKbps()).isEqualTo(1500.0);

        f = primary(1000, 100);                              // second 34: 30 s after, forgotten
        assertThat(f.capacityKbps()).isNull();
        assertThat(f.capacitySource()).isNull();
        assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void congestionOverridesABandwidthTest() {
        monitor.setTestedCapacity(new BandwidthResult(8000, 10, List.of()));
        primary(0, 0);
        assertThat(primary(2500, 0).capacitySource()).isEqualTo("bandwidth test");
        primary(1500, 600);
        Figures f = primary(1500, 900);
        assertThat(f.capacityKbps()).isEqualTo(1833.3);
        assertThat(f.capacitySource()).isEqualTo("live (congested)");
        assertThat(f.verdict()).isEqualTo(Verdict.INSUFFICIENT);
    }

    /**
     * A path that has just proved, while congested, to sustain far less than required must not be
     * "ok" again one second later because an older bandwidth test said more: with dynamic bitrate the
     * queue drains as soon as the encoder steps down, and the verdict would flap ok ↔ insufficient.
     * setTestedCapacity promises the test counts "until the live path proves otherwise".
     */
    @Test
    void aRecentCongestedMeasurementOutranksAnOlderBandwidthTest() {
        monitor.setTestedCapacity(new BandwidthResult(8000, 10, List.of()));
        primary(0, 0);
        primary(1500, 0);
        primary(1500, 600);
        primary(1500, 900);                                  // saturated at 1500
        Figures f = primary(1200, 100);                      // the encoder stepped down; the queue drained
        assertThat(f.capacityKbps()).as("source %s", f.capacitySource()).isEqualTo(1500.0);
        assertThat(f.capacitySource()).isEqualTo("live (recently congested)");
        assertThat(f.verdict()).as(f.reason()).isEqualTo(Verdict.INSUFFICIENT);
    }

    // --- congestion and the queue ---

    @Test
    void aGrowingQueueWarnsBeforeItCountsAsCongestion() {
        primary(0, 0);
        primary(2500, 260);
        primary(2500, 330);
        Figures f = primary(2500, 420);
        assertThat(f.paths().get("primary").queueGrowing()).isTrue();
        assertThat(f.paths().get("primary").congested()).isFalse();
        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        assertThat(f.reason()).isEqualTo("primary: queue growing (0.4 s behind)");
    }

    @Test
    void droppedFramesAreCongestion() {
        tick(2500, new OutputSample("primary", true, true, true, 0, 0, 0, 0, 40001));
        Figures f = tick(2500, new OutputSample("primary", true, true, true, 312_500, 312_500, 100, 3, 40001));
        PathFigures p = f.paths().get("primary");
        assertThat(p.congested()).isTrue();
        assertThat(p.saturated()).isFalse();
        assertThat(p.queueGrowing()).isTrue();
        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        assertThat(f.reason()).isEqualTo("primary: queue growing (0.1 s behind), 3 frames dropped");
        f = tick(2500, new OutputSample("primary", true, true, true, 625_000, 625_000, 100, 3, 40001));
        assertThat(f.paths().get("primary").congested()).as("no new drop").isFalse();
    }

    @Test
    void theBacklogIncludesTheTcpSendQueueAtTheStreamRate() {
        tcp.sockets.put(40001, socket(40001, 1_000_000, 937_500, 0, 62_500));
        Figures f = tick(2500, net("primary", 1_000_000, 1_000_000, 100, 40001));
        // 62,500 bytes = 500,000 bits at 2500 kbps = 200 ms, on top of the 100 ms queue
        assertThat(f.paths().get("primary").backlogMs()).isEqualTo(300);
        assertThat(f.paths().get("primary").congested()).isFalse();

        tcp.sockets.put(40001, socket(40001, 1_312_500, 1_156_250, 0, 156_250));
        f = tick(2500, net("primary", 1_312_500, 1_312_500, 0, 40001));
        assertThat(f.paths().get("primary").backlogMs()).as("500 ms unacknowledged").isEqualTo(500);
        assertThat(f.paths().get("primary").congested()).isTrue();
    }

    @Test
    void sustainedIsWhatThePeerAcknowledged() {
        // 2500 kbps handed to the socket, 1500 kbps acknowledged
        for (int i = 0; i < 3; i++) {
            tcp.sockets.put(40001, socket(40001, i * 312_500L, i * 187_500L, 0, 0));
            Figures f = tick(2500, net("primary", i * 312_500L, i * 312_500L, 0, 40001));
            if (i == 2) {
                assertThat(f.paths().get("primary").egressKbps()).isEqualTo(2500.0);
                assertThat(f.paths().get("primary").sustainedKbps()).isEqualTo(1500.0);
                assertThat(f.paths().get("primary").rttMs()).isEqualTo(12.5);
                assertThat(f.paths().get("primary").deliveryKbps()).isEqualTo(5000.0);
            }
        }
    }

    @Test
    void withoutTcpStatisticsSustainedIsWhatWasWrittenAndTcpFiguresAreUnknown() {
        tcp.supported = false;
        tcp.sockets.put(40001, socket(40001, 0, 0, 0, 0));
        Figures f = null;
        for (int i = 0; i < 3; i++) f = tick(2500, net("primary", i * 312_500L, i * 312_500L, 0, 40001));
        PathFigures p = f.paths().get("primary");
        assertThat(p.sustainedKbps()).isEqualTo(2500.0);
        assertThat(p.rttMs()).isNull();
        assertThat(p.retransPct()).isNull();
        assertThat(p.deliveryKbps()).isNull();
        assertThat(monitor.tcpStatsSupported()).isFalse();
        assertThat(tcp.samples).as("an unsupported reader is not asked").isZero();
    }

    // --- retransmissions ---

    @Test
    void retransmissionsAreTheDeltaOfTheOutputsOwnConnection() {
        tcp.sockets.put(40001, socket(40001, 1_000_000, 990_000, 0, 0));
        tcp.sockets.put(40002, socket(40002, 1_000_000, 900_000, 0, 0)); // someone else's connection
        Figures f = tick(2500, net("primary", 0, 0, 0, 40001));
        assertThat(f.retransPct()).as("no delta yet").isNull();

        tcp.sockets.put(40001, socket(40001, 1_300_000, 1_290_000, 9_000, 0));
        tcp.sockets.put(40002, socket(40002, 1_100_000, 1_000_000, 50_000, 0));
        f = tick(2500, net("primary", 312_500, 312_500, 0, 40001));
        assertThat(f.paths().get("primary").retransPct()).isEqualTo(3.0); // 9,000 of 300,000
        assertThat(f.retransPct()).isEqualTo(3.0);
        assertThat(f.verdict()).as("retransmissions are a fact even without capacity").isEqualTo(Verdict.WARN);
        assertThat(f.reason()).isEqualTo("primary: 3.0% of bytes retransmitted");

        tcp.sockets.put(40001, socket(40001, 1_600_000, 1_590_000, 9_300, 0));
        f = tick(2500, net("primary", 625_000, 625_000, 0, 40001));
        assertThat(f.retransPct()).isEqualTo(0.1); // 300 of 300,000
        assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void retransmissionsWellAboveTheConnectionsBaselineWarn() {
        long sent = 0;
        long retrans = 0;
        Figures f = null;
        for (int i = 0; i <= 5; i++) {                       // 5 calm seconds at 0.2%
            tcp.sockets.put(40001, socket(40001, sent, sent, retrans, 0));
            f = tick(2500, net("primary", i * 312_500L, i * 312_500L, 0, 40001));
            sent += 1_000_000;
            retrans += 2_000;
        }
        assertThat(f.retransPct()).isEqualTo(0.2);
        assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
        retrans += 13_000;                                   // 15,000 of 1,000,000 this second
        tcp.sockets.put(40001, socket(40001, sent, sent, retrans, 0));
        f = tick(2500, net("primary", 6 * 312_500L, 6 * 312_500L, 0, 40001));
        assertThat(f.retransPct()).isEqualTo(1.5);
        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        assertThat(f.reason()).isEqualTo("primary: 1.5% of bytes retransmitted (usually 0.2%)");
    }

    @Test
    void withoutEnoughCalmSecondsThereIsNoBaseline() {
        tcp.sockets.put(40001, socket(40001, 0, 0, 0, 0));
        tick(2500, net("primary", 0, 0, 0, 40001));
        tcp.sockets.put(40001, socket(40001, 1_000_000, 1_000_000, 2_000, 0));
        tick(2500, net("primary", 312_500, 312_500, 0, 40001));
        tcp.sockets.put(40001, socket(40001, 2_000_000, 2_000_000, 17_000, 0));
        Figures f = tick(2500, net("primary", 625_000, 625_000, 0, 40001));
        assertThat(f.retransPct()).isEqualTo(1.5);
        assertThat(f.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aReconnectingOutputsQueueIsNotCongestion() {
        // while reconnecting, the queue holds the latest GOP (up to 2 s old) to restart on a keyframe
        Figures f = null;
        for (int i = 1; i <= 4; i++) {
            f = tick(STREAM, new OutputSample("backup", true, true, false, 0, 0, 1500L * i, 0, -1));
        }
        assertThat(f.paths().get("backup").congested()).isFalse();
        assertThat(f.paths().get("backup").saturated()).isFalse();
        assertThat(f.capacityKbps()).isNull();
        assertThat(f.verdict()).isNotEqualTo(Verdict.INSUFFICIENT);
    }
}
