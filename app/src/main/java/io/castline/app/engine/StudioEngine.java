package io.castline.app.engine;

import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.destination.Destination;
import io.castline.engine.show.Show;
import io.castline.engine.show.TransitionKind;
import io.castline.engine.video.PreviewScaler;
import io.castline.engine.uplink.BandwidthResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the studio's view-models ask of the engine. Every call returns at once; the slow work
 * (opening encoders, connecting, stopping, testing) runs on the engine side's own named threads.
 * View-model tests use a fake; the studio uses {@link CastlineEngine}.
 */
public interface StudioEngine extends AutoCloseable {

    /** Receives a frame a few times a second on the UI thread (coalesced), live or not. */
    void setFrameListener(Consumer<EngineFrame> listener);

    /**
     * The broadcast's latest second of figures (what {@code --stats} writes), or null off air; any
     * thread (the metrics exporter's).
     */
    default io.castline.engine.stats.StatsSnapshot latestStats() { return null; }

    /** Goes live with the plan (which must be {@link LivePlan#ok()}); completes once outputs are connecting. */
    CompletableFuture<Void> start(LivePlan plan, BandwidthResult testedCapacity);

    /**
     * Ends the broadcast, finishing every output; completes when all are stopped. A recording
     * started on its own ({@link #startRecording}) goes on.
     */
    CompletableFuture<Void> stop();

    /**
     * Records on its own, live or not ({@code plan} from {@link LivePlan#recording}): off air the
     * program is encoded into the file alone; live, the file joins the broadcast's packets from the
     * next keyframe. Already recording with Go Live: that recording now stays after End Live.
     */
    default CompletableFuture<Void> startRecording(LivePlan plan) { return CompletableFuture.completedFuture(null); }

    /** Ends the recording (its file closed and playable); a stream goes on. */
    default CompletableFuture<Void> stopRecording() { return CompletableFuture.completedFuture(null); }

    /** Ends an output's backoff wait now, or restarts a failed output. */
    void retryNow(String output);

    /** Linear gain (1 = unity) of a mixer channel; kept and applied when the broadcast starts. */
    void setGain(String channel, double gain);

    void setMuted(String channel, boolean muted);

    /**
     * Pushes a test stream to the destinations together (they share the uplink) and measures what
     * they sustain. {@code progress} is told lines of progress on the test's thread.
     */
    CompletableFuture<BandwidthResult> bandwidthTest(List<Destination> destinations, double seconds, int maxKbps,
                                                     Consumer<String> progress);

    /**
     * Studio mode: renders {@code scene} (the next one, being edited) for the preview pane beside
     * the program, from the same opened sources; null ends it. Kept across a restarted program.
     */
    default CompletableFuture<Void> showPreviewScene(String scene) { return CompletableFuture.completedFuture(null); }

    /** Studio mode's preview picture (the next scene), or null when it is off. */
    default PreviewScaler studioPreview() { return null; }

    /** The program picture at preview size, or null (before the program runs, with the preview off; fakes have none). */
    default PreviewScaler preview() { return null; }

    /**
     * Turns the preview's scaling on or off (on at start). Off, the compositor no longer scales
     * frames for the screen and {@link #preview()} is null; the stream is not touched.
     */
    default void setPreviewEnabled(boolean enabled) {}

    /**
     * The box (device pixels) the window shows the preview in; the engine scales the program to
     * fit it exactly, so the renderer draws it without scaling again.
     */
    default void setPreviewSize(int width, int height) {}

    /**
     * Runs the program (sources, compositor, mixer) with this show, so the preview shows before
     * Go Live and edits show at once: a running program takes the edited show from its next frame
     * (only what changed is opened or closed); off air, a show with another canvas, or with sound
     * where the program has none, starts a new program. Live, such a show is refused (the future
     * fails with the reason) and the broadcast goes on unchanged. Completes when the show is on air.
     *
     * @param baseDirectory where the show's relative paths are read from
     */
    default CompletableFuture<Void> showProgram(Show show, Path baseDirectory) { return CompletableFuture.completedFuture(null); }

    /**
     * Puts {@code scene} of the running show on air with a transition (a cut for {@code CUT} or a
     * zero duration); completes when the transition has begun, fails when there is no such scene.
     */
    default CompletableFuture<Void> switchScene(String scene, TransitionKind kind, Duration duration) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Pins the product with this SKU on the running show's product cards (null takes the card
     * down); completes with what is pinned now, fails with the reason (no such SKU, no program).
     * A program started anew (a new canvas) pins it again.
     */
    default CompletableFuture<Optional<Product>> pin(String sku) { return CompletableFuture.completedFuture(Optional.empty()); }

    /** Pins the product after ({@code +1}) or before ({@code -1}) the pinned one, round the end of the catalogue. */
    default CompletableFuture<Optional<Product>> pinStep(int step) { return CompletableFuture.completedFuture(Optional.empty()); }

    /**
     * Told on the UI thread when the running program changes a product of its catalogue by itself
     * (a countdown that ends sold out): the studio's show must take it in, or its next edit would
     * put the old stock back.
     */
    default void setProductChangeListener(Consumer<Product> listener) {}

    /** What a producer does to a countdown. */
    enum CountdownAction { START, PAUSE, RESET }

    /** Starts, pauses or resets a countdown source of the running show; completes with its state. */
    default CompletableFuture<Countdown> countdown(String name, CountdownAction action) {
        return CompletableFuture.failedFuture(new IllegalStateException("no program is running"));
    }

    /**
     * What the local test receivers got in the last broadcast, read after it ended (one per network
     * output); null when that broadcast was not a local test or has not ended.
     */
    default List<ReceivedStream> localTestReport() { return null; }

    /** Stops everything (the window is closing). */
    @Override void close();
}
