package io.castline.engine;

import io.castline.engine.audio.AudioMixer;
import io.castline.engine.output.LinkStats;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.stats.StatsSnapshot;
import io.castline.engine.uplink.BitrateController;
import io.castline.engine.uplink.UplinkMonitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Once a second: turns the counters of a broadcast into a snapshot (rates from the deltas), asks
 * the uplink monitor for the verdict, and lets the bitrate controller react to congestion.
 */
final class StatsCollector {
    private final Broadcast broadcast;
    /**
     * When this broadcast began (made just before its encoders start). Not the clock's start: in
     * the studio the program, and its clock, may have run for an hour before Go Live.
     */
    private final long startNanos = System.nanoTime();
    private long lastNanos;
    private long lastEncoded;

    StatsCollector(Broadcast broadcast) {
        this.broadcast = broadcast;
    }

    private static StatsSnapshot.Srt srt(LinkStats l) {
        if (l == null || !"srt".equals(l.protocol())) return null;
        return new StatsSnapshot.Srt(l.packetsSent(), l.packetsLost(), l.packetsRetransmitted(), l.packetsDropped(),
                Math.round(l.bandwidthMbps() * 10) / 10.0, l.latencyMillis());
    }

    synchronized StatsSnapshot next() {
        long now = System.nanoTime();
        double dt = (now - (lastNanos == 0 ? startNanos : lastNanos)) / 1e9;
        dt = Math.max(dt, 1e-3);
        lastNanos = now;

        long encoded = broadcast.encodedFrames();
        double fps = (encoded - lastEncoded) / dt;
        lastEncoded = encoded;

        var c = broadcast.compositor();
        double renderMs = c.rendered() == 0 ? 0 : c.renderNanos() / 1e6 / c.rendered();
        var frames = new StatsSnapshot.Frames(c.rendered(), c.lagged(), c.skipped(), encoded, round(renderMs, 2));

        EncoderSettings s = broadcast.config().settings();
        int audioKbps = broadcast.mixer() == null ? 0 : s.audioBitrateKbps();

        List<OutputStatus> statuses = new ArrayList<>();
        List<UplinkMonitor.OutputSample> samples = new ArrayList<>();
        java.util.Map<String, LinkStats> links = new java.util.HashMap<>();
        for (Output o : broadcast.outputs()) {
            OutputStatus st = o.status();
            statuses.add(st);
            LinkStats link = o.linkStats();
            if (link != null) links.put(st.name(), link);
            samples.add(new UplinkMonitor.OutputSample(st.name(), st.network(), st.state().isActive(),
                    st.state() == io.castline.engine.output.OutputState.LIVE, st.bytes(),
                    st.payloadBytes(), st.queueMs(), st.congestionDrops(), o.localPort(), link));
        }
        UplinkMonitor.Figures up = broadcast.uplinkMonitor().update(samples, s.bitrateKbps() + audioKbps, dt,
                System.currentTimeMillis());
        adjustBitrate(statuses, up, audioKbps);

        List<StatsSnapshot.OutputStats> outputs = new ArrayList<>();
        for (OutputStatus st : statuses) {
            UplinkMonitor.PathFigures f = up.paths().get(st.name());
            double kbps = f != null ? f.egressKbps() : localKbps(st, dt);
            outputs.add(new StatsSnapshot.OutputStats(st.name(), st.url(), st.state().name(), st.reason(), st.network(),
                    kbps, st.bytes(), st.queueMs(), f == null ? st.queueMs() : f.backlogMs(), st.droppedFrames(),
                    st.reconnects(), f != null && f.congested(),
                    f == null ? null : f.rttMs(), f == null ? null : f.retransPct(), f == null ? null : f.deliveryKbps(),
                    st.originMicros(), srt(links.get(st.name()))));
        }
        var uplink = new StatsSnapshot.Uplink(up.requiredKbps(), up.capacityKbps(), up.capacitySource(), up.headroomPct(),
                up.utilizationPct(), up.retransPct(), up.egressKbps(), up.overheadPct(), up.verdict().wire(), up.reason());
        var encoder = new StatsSnapshot.Encoder(s.codec().id(), s.preset(), broadcast.videoEncoder().currentBitrateKbps(),
                s.bitrateKbps(), s.width(), s.height(), s.fps());

        List<StatsSnapshot.Level> levels = new ArrayList<>();
        long underruns = 0;
        if (broadcast.mixer() != null) {
            underruns = broadcast.mixer().underruns();
            for (AudioMixer.Channel ch : broadcast.mixer().channels()) {
                levels.add(new StatsSnapshot.Level(ch.source().name(), dbfs(ch.levels().peak()), dbfs(ch.levels().rms()),
                        ch.muted()));
            }
        }
        return new StatsSnapshot(round((now - startNanos) / 1e9, 3), round(fps, 2), frames, encoder,
                new StatsSnapshot.Audio(underruns, levels), outputs, uplink);
    }

    /**
     * Dynamic bitrate: reacts when the primary (the output with the role primary, else the first
     * network output) or every network output is congested; a congested backup alone changes nothing.
     */
    private void adjustBitrate(List<OutputStatus> statuses, UplinkMonitor.Figures up, int audioKbps) {
        BitrateController controller = broadcast.bitrateController();
        if (controller == null) return;
        List<OutputStatus> network = statuses.stream().filter(st -> st.network() && st.state().isActive()).toList();
        if (network.isEmpty()) return;
        OutputStatus primary = network.stream()
                .filter(st -> broadcast.output(st.name()).target().role() == io.castline.engine.output.OutputRole.PRIMARY)
                .findFirst().orElse(network.get(0));
        UplinkMonitor.PathFigures pf = up.paths().get(primary.name());
        // react to lasting congestion only: one slow second is what buffers are for
        boolean allSaturated = network.stream().allMatch(st -> up.paths().get(st.name()).saturated());
        boolean congested = pf.saturated() || allSaturated;
        double overhead = 1 + up.overheadPct() / 100;
        double sustainedVideo = Math.max(0, pf.sustainedKbps() / overhead - audioKbps);
        int kbps = controller.decide(System.currentTimeMillis(), congested, sustainedVideo, pf.backlogMs());
        broadcast.videoEncoder().requestBitrate(kbps);
    }

    private final java.util.Map<String, Long> lastLocalBytes = new java.util.HashMap<>();

    /**
     * Rate of a local output (recording; not part of the uplink): the encoded bytes handed to its
     * muxer per second. Not the file's growth: a muxer writes in clusters, fragments and blocks, so
     * that would read 0 one second and twice the rate the next.
     */
    private double localKbps(OutputStatus st, double dt) {
        long previous = lastLocalBytes.getOrDefault(st.name(), st.payloadBytes());
        lastLocalBytes.put(st.name(), st.payloadBytes());
        return round(Math.max(0, st.payloadBytes() - previous) * 8 / 1000.0 / dt, 1);
    }

    private static double dbfs(float linear) {
        return linear <= 1e-6f ? -120.0 : round(20 * Math.log10(linear), 1);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
