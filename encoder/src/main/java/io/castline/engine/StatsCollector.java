package io.castline.engine;

import io.castline.engine.audio.AudioMixer;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.stats.StatsSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the counters of a broadcast into per-second snapshots (rates from the deltas). */
final class StatsCollector {
    private final Broadcast broadcast;
    private final Map<String, Long> lastBytes = new HashMap<>();
    private long lastNanos;
    private long lastEncoded;

    StatsCollector(Broadcast broadcast) {
        this.broadcast = broadcast;
    }

    synchronized StatsSnapshot next() {
        long now = System.nanoTime();
        double dt = lastNanos == 0 ? (now - broadcast.clock().startNanos()) / 1e9 : (now - lastNanos) / 1e9;
        dt = Math.max(dt, 1e-3);
        lastNanos = now;

        long encoded = broadcast.encodedFrames();
        double fps = (encoded - lastEncoded) / dt;
        lastEncoded = encoded;

        var c = broadcast.compositor();
        double renderMs = c.rendered() == 0 ? 0 : c.renderNanos() / 1e6 / c.rendered();
        var frames = new StatsSnapshot.Frames(c.rendered(), c.lagged(), c.skipped(), encoded, round(renderMs, 2));

        EncoderSettings s = broadcast.config().settings();
        var encoder = new StatsSnapshot.Encoder(s.codec().id(), s.preset(), s.bitrateKbps(), s.width(), s.height(), s.fps());

        List<StatsSnapshot.OutputStats> outputs = new ArrayList<>();
        long netBytes = 0;
        long netPayload = 0;
        double egressKbps = 0;
        int liveNetwork = 0;
        for (Output o : broadcast.outputs()) {
            OutputStatus st = o.status();
            long previous = lastBytes.getOrDefault(st.name(), 0L);
            double kbps = Math.max(0, st.bytes() - previous) * 8 / 1000.0 / dt;
            lastBytes.put(st.name(), st.bytes());
            outputs.add(new StatsSnapshot.OutputStats(st.name(), st.url(), st.state().name(), st.reason(), st.network(),
                    round(kbps, 1), st.bytes(), st.queueMs(), st.droppedFrames(), st.reconnects()));
            if (st.network()) {
                netBytes += st.bytes();
                netPayload += st.payloadBytes();
                egressKbps += kbps;
                if (st.state().isActive()) liveNetwork++;
            }
        }
        // overhead measured from what was actually sent (FLV tags, RTMP chunk headers), not assumed
        double overhead = netPayload > 0 ? (double) netBytes / netPayload : 1.0;
        int streamKbps = s.bitrateKbps() + (broadcast.mixer() == null ? 0 : s.audioBitrateKbps());
        double required = liveNetwork * streamKbps * overhead;
        var uplink = new StatsSnapshot.Uplink(round(required, 1), null, null, null, null, round(egressKbps, 1),
                round((overhead - 1) * 100, 2), "unknown",
                liveNetwork == 0 ? "no network output is live" : "uplink capacity not measured: run a bandwidth test");

        List<StatsSnapshot.Level> levels = new ArrayList<>();
        long underruns = 0;
        if (broadcast.mixer() != null) {
            underruns = broadcast.mixer().underruns();
            for (AudioMixer.Channel ch : broadcast.mixer().channels()) {
                levels.add(new StatsSnapshot.Level(ch.source().name(), dbfs(ch.levels().peak()), dbfs(ch.levels().rms()),
                        ch.muted()));
            }
        }
        return new StatsSnapshot(round(broadcast.clock().secondsSinceStart(), 3), round(fps, 2), frames, encoder,
                new StatsSnapshot.Audio(underruns, levels), outputs, uplink);
    }

    private static double dbfs(float linear) {
        return linear <= 1e-6f ? -120.0 : round(20 * Math.log10(linear), 1);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
