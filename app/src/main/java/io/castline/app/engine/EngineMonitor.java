package io.castline.app.engine;

import io.castline.engine.Broadcast;
import io.castline.engine.audio.AudioMixer;
import io.castline.engine.destination.Secrets;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.stats.StatsSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The adapter between the engine and the UI thread. One thread ("castline-studio-monitor") builds
 * an {@link EngineFrame} every {@code periodMillis} from the engine's immutable records: the last
 * per-second {@link StatsSnapshot} (kept by a stats listener, which runs on the engine's
 * "castline-stats" thread and only stores it), each output's fresh status (state changes and retry
 * countdowns should not wait up to a second), the program's mixer levels (on air or not: the host
 * checks the microphone before going live) and this process's load. Frames go
 * through a {@link FxRelay}, so the UI thread gets at most one pending update and at most
 * 1000/periodMillis of them a second, however slow it is.
 */
final class EngineMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineMonitor.class);

    private final FxRelay<EngineFrame> relay;
    private final ProcessLoad load = new ProcessLoad();
    private final AtomicReference<StatsSnapshot> lastStats = new AtomicReference<>();
    private final ScheduledExecutorService thread;
    private volatile Broadcast broadcast;
    private volatile AudioMixer mixer;

    EngineMonitor(Consumer<EngineFrame> uiSink, Executor uiThread, long periodMillis) {
        this.relay = new FxRelay<>(uiSink, uiThread);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "castline-studio-monitor");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(this::poll, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Meters this program's mixer from now on (null: no program, no meters). */
    void showMixer(AudioMixer programMixer) {
        mixer = programMixer;
    }

    /** Starts showing this broadcast. */
    void attach(Broadcast b) {
        lastStats.set(null);
        // Broadcast has no way to remove a listener: ignore snapshots of a broadcast no longer shown
        b.addStatsListener(s -> {
            if (broadcast == b) lastStats.set(s);
        });
        broadcast = b;
    }

    /** Publishes one last frame of the broadcast (its outputs now STOPPED), then shows none. */
    void detach() {
        thread.execute(() -> {
            poll();
            broadcast = null;
            lastStats.set(null);
        });
    }

    private void poll() {
        try {
            relay.offer(new EngineFrame(load.sample(), channels(mixer), live(broadcast)));
        } catch (RuntimeException e) {
            LOG.warn("studio monitor: {}", e.toString());
        }
    }

    private EngineFrame.Live live(Broadcast b) {
        if (b == null || b.clock() == null) return null;
        List<OutputStatus> outputs = new ArrayList<>();
        for (Output o : b.outputs()) outputs.add(o.status());
        Throwable failure = b.pipelineFailure();
        return new EngineFrame.Live(b.clock().secondsSinceStart(), lastStats.get(), outputs,
                failure == null ? null : Secrets.mask(String.valueOf(failure.getMessage())), b.allOutputsFailed());
    }

    private static List<EngineFrame.Channel> channels(AudioMixer m) {
        if (m == null) return List.of();
        List<EngineFrame.Channel> channels = new ArrayList<>();
        for (AudioMixer.Channel ch : m.channels()) {
            channels.add(new EngineFrame.Channel(ch.source().name(), dbfs(ch.levels().peak()), dbfs(ch.levels().rms()),
                    ch.muted(), ch.gain()));
        }
        return channels;
    }

    static double dbfs(float linear) {
        return linear <= 1e-6f ? -120.0 : 20 * Math.log10(linear);
    }

    @Override public void close() {
        thread.shutdownNow();
    }
}
