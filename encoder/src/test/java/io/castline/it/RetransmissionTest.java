package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.stats.StatsSnapshot;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.bandwidth.BandwidthTest;
import io.castline.testing.NetnsLink;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retransmissions read from the output's own TCP connection: the ingest runs in a network
 * namespace behind a veth link; 3% of the packets towards it are dropped.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class RetransmissionTest {

    @Test
    void lossOnTheLinkShowsAsRetransmissionsAndTheVerdictWarns() throws Exception {
        String unavailable = NetnsLink.unavailableReason();
        // CI runs as root with ip and nft installed: there the test must run, never skip
        if (System.getenv("CI") != null) assertThat(unavailable).as("CI must be able to run the netns test").isNull();
        Assumptions.assumeTrue(unavailable == null, () -> "retransmission test skipped: " + unavailable);

        Path dir = TestWorkdir.fresh("retrans");
        try (NetnsLink link = NetnsLink.create(); NginxRtmp ingest = NginxRtmp.start(dir.resolve("ingest"), link)) {
            Destination primary = Destination.parse("primary", ingest.url(NginxRtmp.LIVE, "retrans_key"));
            BandwidthResult tested = BandwidthTest.run(List.of(primary), 5, 2 * (2500 + 128), null);
            List<StatsSnapshot> seen = new CopyOnWriteArrayList<>();
            Broadcast b = Broadcast.start(LiveFixture.config(LiveFixture.reference720p(), "testsrc", null, "sine",
                    OutputTarget.network(primary)), null);
            b.uplinkMonitor().setTestedCapacity(tested);
            b.addStatsListener(seen::add);
            b.addStatsListener(s -> System.out.printf(Locale.ROOT, "retrans: t=%.0f rtt=%s retrans=%s%% verdict=%s: %s%n", s.t(),
                    s.outputs().get(0).rttMs(), s.outputs().get(0).retransPct(), s.uplink().verdict(), s.uplink().reason()));
            try {
                LiveFixture.sleepSeconds(6);
                // the first seconds of a connection may warn (slow start, a queue still draining on a
                // busy machine): the clean link must settle to ok, and the reason is printed if not
                try {
                    LiveFixture.await("a clean link's verdict ok", Duration.ofSeconds(15),
                            () -> b.lastSnapshot().uplink().verdict().equals("ok"));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; last verdict " + b.lastSnapshot().uplink().verdict()
                            + ": " + b.lastSnapshot().uplink().reason(), e);
                }
                StatsSnapshot clean = b.lastSnapshot();
                double cleanRetrans = seen.stream().skip(2).mapToDouble(s -> s.outputs().get(0).retransPct()).max().orElseThrow();
                assertThat(clean.outputs().get(0).rttMs()).as("RTT read from the connection").isNotNull().isPositive();

                link.setLossPercent(3);
                LiveFixture.await("retransmissions warn", Duration.ofSeconds(15), () -> {
                    StatsSnapshot s = b.lastSnapshot();
                    return s.uplink().verdict().equals("warn") && s.uplink().reason().contains("retransmitted");
                });
                StatsSnapshot lossy = b.lastSnapshot();
                int warnedAt = seen.size();
                LiveFixture.sleepSeconds(4);
                // one second's rate is noisy (a few lost segments more or less): take the worst of the lossy seconds
                double lossyRetrans = seen.stream().skip(warnedAt - 1).mapToDouble(x -> x.outputs().get(0).retransPct())
                        .max().orElseThrow();
                System.out.printf(Locale.ROOT, "FIGURES retransmissions: %.1f%% before, up to %.1f%% with 3%% loss; verdict %s: %s%n",
                        cleanRetrans, lossyRetrans, lossy.uplink().verdict(), lossy.uplink().reason());
                assertThat(lossyRetrans).isGreaterThan(1.5).isGreaterThan(cleanRetrans);
            } finally {
                b.stop();
            }
        }
    }
}
