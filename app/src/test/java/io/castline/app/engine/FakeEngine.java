package io.castline.app.engine;

import io.castline.engine.destination.Destination;
import io.castline.engine.uplink.BandwidthResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A studio engine for view-model tests: records calls; the test completes the futures and pushes frames. */
public final class FakeEngine implements StudioEngine {
    public Consumer<EngineFrame> listener;
    public final List<String> calls = new ArrayList<>();
    public LivePlan startedWith;
    public BandwidthResult startedWithCapacity;
    public CompletableFuture<Void> start = new CompletableFuture<>();
    public CompletableFuture<Void> stop = new CompletableFuture<>();
    public CompletableFuture<BandwidthResult> test = new CompletableFuture<>();
    public List<Destination> testedDestinations;

    @Override public void setFrameListener(Consumer<EngineFrame> listener) { this.listener = listener; }

    @Override public CompletableFuture<Void> start(LivePlan plan, BandwidthResult testedCapacity) {
        calls.add("start");
        startedWith = plan;
        startedWithCapacity = testedCapacity;
        return start;
    }

    @Override public CompletableFuture<Void> stop() {
        calls.add("stop");
        return stop;
    }

    public LivePlan recordedWith;
    public CompletableFuture<Void> record = new CompletableFuture<>();
    public CompletableFuture<Void> stopRecord = new CompletableFuture<>();

    @Override public CompletableFuture<Void> startRecording(LivePlan plan) {
        calls.add("record");
        recordedWith = plan;
        return record;
    }

    @Override public CompletableFuture<Void> stopRecording() {
        calls.add("stop recording");
        return stopRecord;
    }

    @Override public void retryNow(String output) { calls.add("retry " + output); }

    @Override public void setGain(String channel, double gain) { calls.add(String.format(java.util.Locale.ROOT, "gain %s %.3f", channel, gain)); }

    @Override public void setMuted(String channel, boolean muted) { calls.add("mute " + channel + " " + muted); }

    @Override public CompletableFuture<BandwidthResult> bandwidthTest(List<Destination> destinations, double seconds, int maxKbps,
                                                                      Consumer<String> progress) {
        calls.add("bandwidth-test " + maxKbps);
        testedDestinations = destinations;
        return test;
    }

    /** The last show given to {@link #showProgram}, and what the next switchScene returns (null: completed). */
    public io.castline.engine.show.Show shown;
    public CompletableFuture<Void> switchResult;

    @Override public CompletableFuture<Void> showProgram(io.castline.engine.show.Show show, java.nio.file.Path baseDirectory) {
        shown = show;
        return CompletableFuture.completedFuture(null);
    }

    @Override public CompletableFuture<Void> switchScene(String scene, io.castline.engine.show.TransitionKind kind,
                                                         java.time.Duration duration) {
        calls.add("switch " + scene + " " + kind + " " + duration.toMillis());
        return switchResult != null ? switchResult : CompletableFuture.completedFuture(null);
    }

    @Override public void setPreviewEnabled(boolean enabled) { calls.add("preview " + (enabled ? "on" : "off")); }

    /** What the fake program pins: the SKU asked for, when the last shown show has it. */
    public String pinned;

    @Override public CompletableFuture<java.util.Optional<io.castline.engine.commerce.Product>> pin(String sku) {
        calls.add(sku == null ? "unpin" : "pin " + sku);
        if (sku != null && (shown == null || shown.product(sku).isEmpty())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no product has the SKU '" + sku + "'"));
        }
        pinned = sku;
        return CompletableFuture.completedFuture(sku == null ? java.util.Optional.empty() : shown.product(sku));
    }

    @Override public CompletableFuture<java.util.Optional<io.castline.engine.commerce.Product>> pinStep(int step) {
        calls.add("pin step " + step);
        var products = shown.products();
        int at = -1;
        for (int i = 0; i < products.size(); i++) if (products.get(i).sku().equals(pinned)) at = i;
        int next = at < 0 ? (step > 0 ? 0 : products.size() - 1) : Math.floorMod(at + step, products.size());
        pinned = products.get(next).sku();
        return CompletableFuture.completedFuture(java.util.Optional.of(products.get(next)));
    }

    @Override public CompletableFuture<io.castline.engine.commerce.Countdown> countdown(String name, CountdownAction action) {
        calls.add("countdown " + name + " " + action);
        return CompletableFuture.completedFuture(io.castline.engine.commerce.Countdown.ready(60, 30).start(action == CountdownAction.START ? 1 : 0));
    }

    @Override public void close() { calls.add("close"); }
}
