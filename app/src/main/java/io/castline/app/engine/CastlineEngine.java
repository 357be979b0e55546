package io.castline.app.engine;

import io.castline.engine.Broadcast;
import io.castline.engine.audio.AudioMixer;
import io.castline.engine.destination.Destination;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.video.PreviewScaler;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.uplink.BandwidthTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * bandwidth test has its own thread.
 */
public final class CastlineEngine implements StudioEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CastlineEngine.class);
    /** A few frames a second: enough for meters and countdowns, cheap for a software-rendered UI. */
    static final long FRAME_PERIOD_MILLIS = 250;
    static final int PREVIEW_LONG_SIDE = 960;

    private final ExecutorService control = Executors.newSingleThreadExecutor(named("castline-studio-control"));
    private final ExecutorService tester = Executors.newSingleThreadExecutor(named("castline-bandwidth-test"));
    private final EngineMonitor monitor;
    private final Map<String, Double> gains = new ConcurrentHashMap<>();
    private final Map<String, Boolean> mutes = new ConcurrentHashMap<>();
    private volatile Consumer<EngineFrame> listener = f -> { };
    private volatile Broadcast broadcast;
    private volatile PreviewScaler preview;

    public CastlineEngine(Executor uiThread) {
        monitor = new EngineMonitor(f -> listener.accept(f), uiThread, FRAME_PERIOD_MILLIS);
    }

    @Override public void setFrameListener(Consumer<EngineFrame> listener) { this.listener = listener; }

    @Override public CompletableFuture<Void> start(LivePlan plan, BandwidthResult testedCapacity) {
        if (!plan.ok()) throw new IllegalArgumentException("plan has problems: " + plan.problems());
        return CompletableFuture.runAsync(() -> {
            if (broadcast != null) throw new IllegalStateException("already live");
            if (plan.recordingFile() != null) {
                try {
                    Files.createDirectories(plan.recordingFile().getParent());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the recording folder " + plan.recordingFile().getParent(), e);
                }
            }
            Broadcast b;
            try {
                b = Broadcast.start(plan.config(), null);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            if (testedCapacity != null) b.uplinkMonitor().setTestedCapacity(testedCapacity);
            PreviewScaler scaler = previewFor(b.config().settings());
            b.compositor().setPreview(scaler);
            preview = scaler;
            broadcast = b;
            applyMixer(b);
            monitor.attach(b);
        }, control);
    }

    @Override public CompletableFuture<Void> stop() {
        return CompletableFuture.runAsync(() -> {
            Broadcast b = broadcast;
            if (b == null) return;
            endPreview(b);
            b.stop();
            monitor.detach();
            broadcast = null;
        }, control);
    }

    @Override public PreviewScaler preview() { return preview; }

    /**
     * Preview at most 960 px on its long side: the software renderer's cost grows with the pixels
     * it scales, so the engine hands it a picture already at (about) the on-screen size.
     */
    static PreviewScaler previewFor(EncoderSettings s) {
        double scale = Math.min(1.0, PREVIEW_LONG_SIDE / (double) Math.max(s.width(), s.height()));
        int w = Math.max(2, (int) Math.round(s.width() * scale) & ~1);
        int h = Math.max(2, (int) Math.round(s.height() * scale) & ~1);
        return new PreviewScaler(w, h);
    }

    private void endPreview(Broadcast b) {
        b.compositor().setPreview(null);
        PreviewScaler p = preview;
        preview = null;
        if (p != null) p.close();
    }

    @Override public void retryNow(String output) {
        Broadcast b = broadcast;
        if (b != null) b.outputs().stream().filter(o -> o.name().equals(output)).forEach(o -> o.retryNow());
    }

    @Override public void setGain(String channel, double gain) {
        gains.put(channel, gain);
        Broadcast b = broadcast;
        if (b != null) applyMixer(b);
    }

    @Override public void setMuted(String channel, boolean muted) {
        mutes.put(channel, muted);
        Broadcast b = broadcast;
        if (b != null) applyMixer(b);
    }

    private void applyMixer(Broadcast b) {
        if (b.mixer() == null) return;
        for (AudioMixer.Channel ch : b.mixer().channels()) {
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
            CompletableFuture.runAsync(() -> {
                Broadcast b = broadcast;
                if (b == null) return;
                LOG.info("studio closing while live: ending the broadcast");
                endPreview(b);
                b.stop();
                broadcast = null;
            }, control).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not end the broadcast cleanly: {}", e.toString());
        }
        control.shutdownNow();
        tester.shutdownNow();
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
