package io.castline.app.engine;

import io.castline.engine.Broadcast;
import io.castline.engine.Program;
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
 * countdowns should not wait up to a second), the program's frame rate and mixer levels (on air or
 * not: the host checks the microphone and the machine before going live) and this process's load. Frames go
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
    /** System.nanoTime() when the shown broadcast went on air (its start returned). */
    private volatile long onAirSinceNanos;
    private volatile Program program;
    private final java.util.Map<String, OutputStatus> retired = new java.util.concurrent.ConcurrentHashMap<>();
    /** Monitor thread: the program's canvas count at the start of the current fps window. */
    private Program ratedProgram;
    private long rateCount;
    private long rateNanos;
    private Double programFps;

    EngineMonitor(Consumer<EngineFrame> uiSink, Executor uiThread, long periodMillis) {
        this.relay = new FxRelay<>(uiSink, uiThread);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "castline-studio-monitor");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(this::poll, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Shows this program's frame rate and meters from now on (null: no program). */
    void showProgram(Program p) {
        program = p;
    }

    /** Starts showing this broadcast, which has just gone on air. */
    void attach(Broadcast b) {
        lastStats.set(null);
        retired.clear();
        // not the broadcast's clock: that is the program's, which has run since the studio opened
        onAirSinceNanos = System.nanoTime();
        // Broadcast has no way to remove a listener: ignore snapshots of a broadcast no longer shown
        b.addStatsListener(s -> {
            if (broadcast == b) lastStats.set(s);
        });
        broadcast = b;
    }

    /** Go Live on a broadcast that already runs (a recording): the time on air counts from now. */
    void markOnAir() {
        onAirSinceNanos = System.nanoTime();
    }

    /**
     * An output taken out of the running broadcast (a recording stopped while live, the stream
     * ended while recording): its last status (STOPPED, the files written) is still shown, until
     * one of that name runs again or the broadcast ends. Null is ignored.
     */
    void retired(Output o) {
        if (o == null) return;
        retired.put(o.name(), o.status());
        thread.execute(this::poll); // its card says STOPPED now, not at the next tick
    }

    /** Publishes one last frame of the broadcast (its outputs now STOPPED), then shows none. */
    void detach() {
        thread.execute(() -> {
            poll();
            broadcast = null;
            lastStats.set(null);
            retired.clear();
        });
    }

    private void poll() {
        try {
            Program p = program;
            relay.offer(new EngineFrame(load.sample(), programStats(p), channels(p == null ? null : p.mixer()),
                    live(broadcast), System.nanoTime() / 1e9));
        } catch (RuntimeException e) {
            LOG.warn("studio monitor: {}", e.toString());
        }
    }

    private EngineFrame.Live live(Broadcast b) {
        if (b == null || b.clock() == null) return null;
        List<OutputStatus> outputs = new ArrayList<>();
        for (Output o : b.outputs()) {
            outputs.add(o.status());
            retired.remove(o.name());
        }
        outputs.addAll(retired.values());
        Throwable failure = b.pipelineFailure();
        return new EngineFrame.Live((System.nanoTime() - onAirSinceNanos) / 1e9, lastStats.get(), outputs,
                failure == null ? null : Secrets.mask(String.valueOf(failure.getMessage())), b.allOutputsFailed());
    }

    /** Monitor thread. The rate is measured over a second or more, so it does not flicker. */
    private EngineFrame.ProgramStats programStats(Program p) {
        if (p == null) return null;
        long now = System.nanoTime();
        long count = p.compositor().composed();
        if (p != ratedProgram) {
            ratedProgram = p;
            rateCount = count;
            rateNanos = now;
            programFps = null;
        } else if (now - rateNanos >= 1_000_000_000L) {
            programFps = (count - rateCount) * 1e9 / (now - rateNanos);
            rateCount = count;
            rateNanos = now;
        }
        return new EngineFrame.ProgramStats(programFps, p.fps(), p.compositor().lagged(), p.compositor().skipped(),
                videoProblem(p), p.audioProblem(), selling(p));
    }

    private static EngineFrame.Selling selling(Program p) {
        return new EngineFrame.Selling(p.compositor().nextIndex(), p.fps(), p.countdownStates());
    }

    /** Why the first picture source on air gives nothing; null while it does, or when the scene shows none (colour, text). */
    private static String videoProblem(Program p) {
        var v = p.videoSource();
        return v == null ? null : v.problem();
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
