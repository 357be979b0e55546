package io.castline.engine.bandwidth;

import io.castline.engine.Broadcast;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.uplink.TcpInfo;
import io.castline.engine.uplink.TcpStatsReader;
import io.castline.engine.destination.Destination;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.source.SourceSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures what the real ingest paths sustain: a small test picture encoded CBR with x264 filler
 * (so the rate is exact whatever the picture), its rate rising to {@code maxKbps} per path over the
 * first 30% of the test, pushed to every destination <em>at the same time</em> (they share the
 * host's uplink). The first 40% is ignored (TCP ramp-up, buffers filling); over the rest the bytes
 * the peer acknowledged (Linux TCP statistics) or, where the OS does not say, the bytes written are
 * what the path sustained. The outputs keep everything queued (no drop policy) so that the socket
 * never idles. Destinations with a test mode (see {@link Destination#bandwidthTestUrl()}) use it.
 */
public final class BandwidthTest {
    private static final Logger LOG = LoggerFactory.getLogger(BandwidthTest.class);
    static final double RAMP_SHARE = 0.3;
    static final double IGNORE_SHARE = 0.4;
    /** A path whose queue is this far behind at the end could not carry the test stream: its limit was found. */
    static final long LIMITED_QUEUE_MS = 300;

    private BandwidthTest() {}

    /**
     * @param maxKbps  the rate pushed to each path at the end of the ramp
     * @param progress told a line of progress now and then (may be null)
     */
    public static BandwidthResult run(List<Destination> destinations, double seconds, int maxKbps,
                                      Consumer<String> progress) throws AvException {
        if (destinations.isEmpty()) throw new IllegalArgumentException("bandwidth test: no destination");
        if (seconds < 3) throw new IllegalArgumentException("bandwidth test: needs at least 3 seconds");
        int startKbps = Math.max(200, maxKbps / 4);
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.codec = VideoCodec.X264;
        b.preset = "ultrafast";
        b.tune = "zerolatency";
        b.width = 320;
        b.height = 180;
        b.bframes = 0;
        b.profile = "baseline"; // what any ingest takes, WebRTC's (WHIP) too
        b.gopSeconds = 1;
        b.bitrateKbps = startKbps;
        List<OutputTarget> targets = new ArrayList<>();
        for (Destination d : destinations) targets.add(OutputTarget.network(d.name(), d.bandwidthTestUrl(), d));
        // keep everything queued: dropping frames would leave the socket idle and under-measure
        Output.Config keepAll = new Output.Config(600_000, 600_000, 512L << 20, 10_000, 5_000, 1, 500);
        Broadcast.Config config = new Broadcast.Config(b.build(), SourceSpec.parseVideo("testsrc", null),
                SourceSpec.parseAudio("none", null), targets, keepAll, false);

        TcpStatsReader tcp = TcpStatsReader.forThisPlatform();
        Broadcast broadcast = Broadcast.start(config, null);
        try {
            long start = System.nanoTime();
            long totalNanos = (long) (seconds * 1e9);
            Map<String, long[]> windowStart = null;
            long windowStartNanos = 0;
            int lastReported = -1;
            while (System.nanoTime() - start < totalNanos) {
                double t = (System.nanoTime() - start) / 1e9;
                double ramp = Math.min(1, t / (seconds * RAMP_SHARE));
                broadcast.videoEncoder().requestBitrate((int) (startKbps + (maxKbps - startKbps) * ramp));
                if (windowStart == null && t >= seconds * IGNORE_SHARE) {
                    windowStart = counters(broadcast, tcp);
                    windowStartNanos = System.nanoTime();
                }
                if (progress != null && (int) t != lastReported) {
                    lastReported = (int) t;
                    progress.accept(String.format(Locale.ROOT, "bandwidth test: %d/%.0f s, pushing %.1f Mbps per path",
                            lastReported, seconds, broadcast.videoEncoder().currentBitrateKbps() / 1000.0));
                }
                Thread.sleep(100);
            }
            Map<String, long[]> windowEnd = counters(broadcast, tcp);
            double window = (System.nanoTime() - windowStartNanos) / 1e9;
            List<BandwidthResult.PathResult> paths = new ArrayList<>();
            double aggregate = 0;
            for (Output o : broadcast.outputs()) {
                OutputStatus st = o.status();
                long[] a = windowStart == null ? null : windowStart.get(o.name());
                long[] z = windowEnd.get(o.name());
                if (st.state() != OutputState.LIVE || a == null || z == null || a[0] < 0 || z[0] < 0) {
                    String error = st.state() == OutputState.LIVE ? "no measurement" : st.reason();
                    paths.add(new BandwidthResult.PathResult(o.name(), st.url(), 0, maxKbps, false, error));
                    continue;
                }
                double kbps = Math.max(0, z[0] - a[0]) * 8 / 1000.0 / window;
                aggregate += kbps;
                // the path was the limit when the test stream piled up in front of it; otherwise it
                // carried everything the encoder made and its capacity is "at least" this much
                boolean limited = st.queueMs() >= LIMITED_QUEUE_MS;
                paths.add(new BandwidthResult.PathResult(o.name(), st.url(), Math.round(kbps * 10) / 10.0, maxKbps,
                        limited, null));
            }
            BandwidthResult result = new BandwidthResult(Math.round(aggregate * 10) / 10.0, seconds, List.copyOf(paths));
            LOG.info("bandwidth test: {}", result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AvException("bandwidth test interrupted");
        } finally {
            broadcast.stop();
        }
    }

    /** Per output: bytes acknowledged by the peer where TCP says, else bytes written. -1 if unknown. */
    private static Map<String, long[]> counters(Broadcast broadcast, TcpStatsReader tcp) {
        Map<Integer, TcpInfo> sockets = tcp.supported() ? tcp.sample() : Map.of();
        Map<String, long[]> result = new HashMap<>();
        for (Output o : broadcast.outputs()) {
            TcpInfo info = sockets.get(o.localPort());
            long bytes = info != null && info.bytesAcked() >= 0 ? info.bytesAcked() : o.status().bytes();
            result.put(o.name(), new long[]{o.state() == OutputState.LIVE ? bytes : -1});
        }
        return result;
    }
}
