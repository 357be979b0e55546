package io.castline.app.engine;

import io.castline.engine.Broadcast;
import io.castline.engine.Program;
import io.castline.engine.show.Show;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.show.TransitionKind;
import io.castline.engine.audio.AudioMixer;
import io.castline.engine.destination.Destination;
import io.castline.engine.video.PreviewScaler;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.bandwidth.BandwidthTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real engine behind the studio. Start and stop run one after the other on the
 * "castline-studio-control" thread ({@link Broadcast#start} waits for the first picture and opens
 * the encoders; {@link Broadcast#stop} drains every output: seconds, never on the UI thread). The
 * bandwidth test has its own thread. That control thread is the only one that changes the program,
 * the broadcast ({@link StudioBroadcast}) and the preview pictures ({@link ProgramPreviews}).
 */
public final class CastlineEngine implements StudioEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CastlineEngine.class);
    /** A few frames a second: enough for meters and countdowns, cheap for a software-rendered UI. */
    static final long FRAME_PERIOD_MILLIS = 250;

    private final ExecutorService control = Executors.newSingleThreadExecutor(named("castline-studio-control"));
    private final ExecutorService tester = Executors.newSingleThreadExecutor(named("castline-bandwidth-test"));
    private final EngineMonitor monitor;
    private final Map<String, Double> gains = new ConcurrentHashMap<>();
    private final Map<String, Boolean> mutes = new ConcurrentHashMap<>();
    private volatile Consumer<EngineFrame> listener = f -> { };
    private final Executor uiThread;
    private volatile Consumer<io.castline.engine.commerce.Product> productChanges = p -> { };
    /** What each program tells of itself, passed on to the studio. */
    private final io.castline.engine.ProgramListener programEvents = new io.castline.engine.ProgramListener() {
        @Override public void productChanged(io.castline.engine.commerce.Product product, long frame) {
            uiThread.execute(() -> productChanges.accept(product));
        }
    };
    /** Go Live's and Record's broadcast; changed on the control thread only. */
    private final StudioBroadcast broadcast;
    /** The program's preview pictures; changed on the control thread only. */
    private final ProgramPreviews previews = new ProgramPreviews();
    /** The running program and what it was started with; owned by the control thread. */
    private volatile Program program;
    private Path programBase;
    /** Why the last show could not be played (Go Live says it), or null. */
    private volatile String programFailure;
    /** The product pinned on the program, or null. Control thread. */
    private String pinnedSku;

    public CastlineEngine(Executor uiThread) {
        this.uiThread = uiThread;
        monitor = new EngineMonitor(f -> listener.accept(f), uiThread, FRAME_PERIOD_MILLIS);
        broadcast = new StudioBroadcast(monitor, this::runningProgram);
    }

    @Override public void setFrameListener(Consumer<EngineFrame> listener) { this.listener = listener; }

    @Override public void setProductChangeListener(Consumer<io.castline.engine.commerce.Product> listener) {
        this.productChanges = listener;
    }

    @Override public CompletableFuture<Void> start(LivePlan plan, BandwidthResult testedCapacity) {
        if (!plan.ok()) throw new IllegalArgumentException("plan has problems: " + plan.problems());
        return CompletableFuture.runAsync(() -> broadcast.goLive(plan, testedCapacity), control);
    }

    @Override public CompletableFuture<Void> stop() {
        return CompletableFuture.runAsync(broadcast::endLive, control);
    }

    @Override public CompletableFuture<Void> startRecording(LivePlan plan) {
        if (!plan.ok()) throw new IllegalArgumentException("plan has problems: " + plan.problems());
        return CompletableFuture.runAsync(() -> broadcast.startRecording(plan), control);
    }

    @Override public CompletableFuture<Void> stopRecording() {
        return CompletableFuture.runAsync(broadcast::stopRecording, control);
    }

    @Override public PreviewScaler preview() { return previews.preview(); }

    @Override public PreviewScaler studioPreview() { return previews.studioPreview(); }

    @Override public CompletableFuture<Void> showPreviewScene(String scene) {
        return CompletableFuture.runAsync(() -> {
            try {
                previews.showStudioScene(program, scene);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, control);
    }

    @Override public void setPreviewEnabled(boolean enabled) {
        onControl(() -> previews.setEnabled(program, enabled));
    }

    @Override public List<ReceivedStream> localTestReport() { return broadcast.localTestReport(); }

    @Override public io.castline.engine.stats.StatsSnapshot latestStats() { return broadcast.latestStats(); }

    @Override public CompletableFuture<Void> showProgram(Show show, Path baseDirectory) {
        return CompletableFuture.runAsync(() -> {
            try {
                runProgram(show, baseDirectory);
                programFailure = null;
            } catch (Exception e) {
                programFailure = e.getMessage();
                throw new CompletionException(e);
            }
        }, control);
    }

    @Override public CompletableFuture<Void> switchScene(String scene, TransitionKind kind, java.time.Duration duration) {
        return CompletableFuture.runAsync(() -> {
            Program p = program;
            if (p == null) throw new IllegalStateException("no program is running");
            try {
                p.transition(scene, kind, duration); // a cut for CUT or zero
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, control);
    }

    @Override public CompletableFuture<java.util.Optional<io.castline.engine.commerce.Product>> pin(String sku) {
        return onProgram(p -> {
            if (sku == null) p.unpin();
            else p.pin(sku);
            return pinned(p);
        });
    }

    @Override public CompletableFuture<java.util.Optional<io.castline.engine.commerce.Product>> pinStep(int step) {
        return onProgram(p -> {
            if (step >= 0) p.pinNext();
            else p.pinPrevious();
            return pinned(p);
        });
    }

    /** Control thread: what the program pins, kept to pin it again on a program started anew. */
    private java.util.Optional<io.castline.engine.commerce.Product> pinned(Program p) {
        var now = p.pinned();
        pinnedSku = now.map(io.castline.engine.commerce.Product::sku).orElse(null);
        return now;
    }

    @Override public CompletableFuture<io.castline.engine.commerce.Countdown> countdown(String name, CountdownAction action) {
        return onProgram(p -> switch (action) {
            case START -> p.startCountdown(name);
            case PAUSE -> p.pauseCountdown(name);
            case RESET -> p.resetCountdown(name);
        });
    }

    private interface ProgramCall<T> { T on(Program p) throws Exception; }

    /** Runs a producer's action on the running program, on the control thread (after any show edit sent before it). */
    private <T> CompletableFuture<T> onProgram(ProgramCall<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            Program p = runningProgram();
            try {
                return call.on(p);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, control);
    }

    /** Control thread: the running program; none is an IllegalStateException saying why (the last show's failure). */
    private Program runningProgram() {
        Program p = program;
        if (p == null) throw new IllegalStateException("the show is not running"
                + (programFailure == null ? "" : ": " + programFailure));
        return p;
    }

    /**
     * Control thread: a running program takes the show as an edit; a program is started (or
     * restarted, off air only) when there is none, the canvas changed, or sound came to a program
     * that has none.
     */
    private void runProgram(Show show, Path baseDirectory) throws Exception {
        Program running = program;
        boolean sound = show.sources().stream().anyMatch(SourceKinds::hasAudio);
        if (running != null && running.show().canvas().equals(show.canvas()) && (running.mixer() != null || !sound)
                && java.util.Objects.equals(baseDirectory, programBase)) {
            running.apply(show);
            pinned(running); // a product taken out of the catalogue is unpinned by the program: not pinned again later
            applyMixer(running.mixer());
            return;
        }
        if (broadcast.running()) {
            throw new IllegalStateException(running != null && !running.show().canvas().equals(show.canvas())
                    ? "the canvas cannot change while live: End Live first"
                    : "the first source with sound can only be added off air: End Live first, or add it before going live");
        }
        closeProgram();
        Program p = Program.start(show, baseDirectory);
        p.addListener(programEvents);
        previews.attach(p);
        program = p;
        programBase = baseDirectory;
        // the card stays up across a restarted program (a new canvas), as long as the product does
        if (pinnedSku != null && show.product(pinnedSku).isPresent()) p.pin(pinnedSku);
        applyMixer(p.mixer());
        monitor.showProgram(p);
        previews.showStudioAgain(p);
    }

    private void closeProgram() {
        Program p = program;
        program = null;
        programBase = null;
        PreviewScaler scaler = previews.takePreview();
        monitor.showProgram(null);
        if (p != null) {
            p.compositor().setPreview(null);
            p.close(); // its studio-mode preview too
        }
        if (scaler != null) scaler.close();
        previews.closeStudioScaler();
    }

    @Override public void setPreviewSize(int width, int height) {
        onControl(() -> previews.setBox(program, width, height));
    }

    /** Runs on the control thread; nothing once the engine is closed (a resize can settle after the window closed). */
    private void onControl(Runnable r) {
        try {
            control.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.debug("engine closed: {} not done", r);
        }
    }

    @Override public void retryNow(String output) { broadcast.retryNow(output); }

    @Override public void setGain(String channel, double gain) {
        gains.put(channel, gain);
        Program p = program;
        if (p != null) applyMixer(p.mixer());
    }

    @Override public void setMuted(String channel, boolean muted) {
        mutes.put(channel, muted);
        Program p = program;
        if (p != null) applyMixer(p.mixer());
    }

    private void applyMixer(AudioMixer mixer) {
        if (mixer == null) return;
        for (AudioMixer.Channel ch : mixer.channels()) {
            String name = ch.source().name();
            if (gains.containsKey(name)) ch.setGain(gains.get(name).floatValue());
            if (mutes.containsKey(name)) ch.setMuted(mutes.get(name));
        }
    }

    @Override public CompletableFuture<BandwidthResult> bandwidthTest(List<Destination> destinations, double seconds,
                                                                      int maxKbps, Consumer<String> progress) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return BandwidthTest.run(destinations, seconds, maxKbps, progress);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, tester);
    }

    @Override public void close() {
        // on the control thread, so a Go Live still in progress finishes first and is then ended cleanly
        try {
            CompletableFuture.runAsync(broadcast::endForClose, control).get(60, TimeUnit.SECONDS);
            CompletableFuture.runAsync(this::closeProgram, control).get(10, TimeUnit.SECONDS);
            CompletableFuture.runAsync(broadcast::closeLocalTest, control).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not end the broadcast cleanly: {}", e.toString());
        }
        control.shutdownNow();
        tester.shutdownNow();
        broadcast.closeLocalTest(); // if the control thread could not: no receiver outlives the studio
        monitor.close();
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
