package io.castline.app.studio;

import io.castline.app.cues.CuesViewModel;
import io.castline.app.products.CountdownsViewModel;
import io.castline.app.products.ProductsViewModel;
import io.castline.control.ControlEvents;
import io.castline.control.ControlJson;
import io.castline.control.ShowControl;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.show.Cue;
import io.castline.engine.show.Scene;
import io.castline.engine.show.TransitionKind;
import javafx.collections.ListChangeListener;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The producer's remote acting on the studio: every request goes through the same view-models the
 * docks and hotkeys use, on the UI thread, so a price changed from a phone is an edit with undo, a
 * pin from the remote is marked in the products dock, and a scene put on air shows in the scenes
 * dock. Events are told from what the studio shows changing, whoever changed it (the host's keys
 * too). Requests arrive on the server's threads and wait here for the UI thread and the engine.
 */
public final class StudioShowControl implements ShowControl {
    /** How long a request waits for the studio (the UI thread, then the engine) before it is refused. */
    private static final long WAIT_SECONDS = 10;

    private final MainViewModel studio;
    private final Executor uiThread;
    private final ControlEvents events;

    /** Call on the UI thread: the listeners that tell events are put on the view-models' properties. */
    public StudioShowControl(MainViewModel studio, Executor uiThread, ControlEvents events) {
        this.studio = studio;
        this.uiThread = uiThread;
        this.events = events;
        tellEvents();
    }

    private void tellEvents() {
        studio.show().programSceneProperty().addListener((o, a, scene) -> {
            if (scene != null) events.publish("ProgramSceneChanged", Map.of("scene", scene));
        });
        ProductsViewModel products = studio.products();
        products.pinnedProperty().addListener((o, was, now) -> {
            String wasSku = was == null ? null : was.sku();
            String nowSku = now == null ? null : now.sku();
            if (java.util.Objects.equals(wasSku, nowSku)) return;
            if (now == null) events.publish("ProductUnpinned", Map.of());
            else events.publish("ProductPinned", Map.of("product", ControlJson.product(now)));
        });
        products.products().addListener((ListChangeListener<Product>) c -> {
            while (c.next()) {
                if (!c.wasReplaced() && !c.wasAdded()) continue;
                List<? extends Product> before = c.getRemoved();
                for (Product p : c.getAddedSubList()) {
                    if (!before.contains(p)) events.publish("ProductChanged", Map.of("product", ControlJson.product(p)));
                }
            }
        });
        for (CountdownsViewModel.Row r : studio.countdowns().rows()) tellCountdown(r);
        studio.countdowns().rows().addListener((ListChangeListener<CountdownsViewModel.Row>) c -> {
            while (c.next()) c.getAddedSubList().forEach(this::tellCountdown);
        });
        CuesViewModel cues = studio.cues();
        cues.currentIndexProperty().addListener((o, a, i) -> {
            Cue cue = cues.currentProperty().get();
            if (cue == null) return;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("cue", ControlJson.cue(cue));
            data.put("index", i.intValue());
            Cue next = cues.upcomingProperty().get();
            data.put("next", next == null ? null : ControlJson.cue(next));
            events.publish("CueChanged", data);
        });
        studio.liveStateProperty().addListener((o, was, now) -> {
            if (now == LiveState.LIVE || now == LiveState.OFF_AIR) events.publish("StreamStateChanged", Map.of("live", now == LiveState.LIVE));
        });
        // the cards are kept across a rebuild of the list (and the recording's always): each is watched once
        java.util.Set<io.castline.app.outputs.OutputCardViewModel> watched =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Runnable watchOutputs = () -> studio.outputs().stream().filter(watched::add).forEach(card ->
                card.stateTextProperty().addListener((o, was, now) -> {
                    if (studio.outputs().contains(card)) {
                        events.publish("OutputStateChanged", Map.of("output", card.name(), "to", card.state().name(), "text", now));
                    }
                }));
        watchOutputs.run();
        studio.outputs().addListener((ListChangeListener<io.castline.app.outputs.OutputCardViewModel>) c -> watchOutputs.run());
        studio.uplink().healthProperty().addListener((o, was, now) -> events.publish("UplinkVerdictChanged",
                Map.of("health", String.valueOf(now), "verdict", String.valueOf(studio.uplink().verdictTextProperty().get()))));
    }

    private void tellCountdown(CountdownsViewModel.Row r) {
        r.stateProperty().addListener((o, was, now) -> {
            String type = switch (now) {
                case "running" -> "CountdownStarted";
                case "paused" -> "CountdownPaused";
                case "ready" -> "CountdownReset";
                case "ended" -> "CountdownEnded";
                default -> null;
            };
            if (type == null) return;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", r.name());
            data.put("time", r.timeProperty().get());
            Countdown state = studio.countdowns().states().get(r.name());
            if (state != null) {
                data.put("countdown", ControlJson.countdown(state));
                if ("CountdownEnded".equals(type)) data.put("end_frame", state.endFrame());
            }
            events.publish(type, data);
        });
    }

    @Override public List<String> scenes() {
        return onUi(() -> studio.show().current().scenes().stream().map(Scene::name).toList());
    }

    @Override public String programScene() {
        return onUi(() -> studio.show().programSceneProperty().get());
    }

    /** Waits for the engine: a switch it refuses is refused to the remote too (and the dock goes back). */
    @Override public void setProgramScene(String scene, TransitionKind kind, Duration duration) throws AvException {
        waitFor(onUi(() -> {
            var scenes = studio.scenes();
            TransitionKind k = kind != null ? kind : scenes.transitionProperty().get();
            Duration d = duration != null ? duration : Duration.ofMillis(scenes.durationMillisProperty().get());
            return scenes.putOnAir(scene, k, d);
        }));
    }

    @Override public List<Product> products() { return onUi(() -> List.copyOf(studio.products().products())); }

    @Override public Optional<Product> pinned() { return onUi(() -> Optional.ofNullable(studio.products().pinnedProperty().get())); }

    @Override public Product pin(String sku) throws AvException {
        onUi(() -> {
            if (studio.show().current().product(sku).isEmpty()) throw new IllegalArgumentException("no product has the SKU '" + sku + "'");
            return null;
        });
        return waitFor(onUi(() -> studio.products().pin(sku))).orElseThrow();
    }

    @Override public void unpin() throws AvException { waitFor(onUi(() -> studio.products().unpin())); }

    @Override public Product pinNext() throws AvException { return pinStep(true); }

    @Override public Product pinPrevious() throws AvException { return pinStep(false); }

    private Product pinStep(boolean next) throws AvException {
        onUi(() -> {
            if (studio.products().products().isEmpty()) throw new IllegalStateException("the show has no products to pin");
            return null;
        });
        return waitFor(onUi(() -> next ? studio.products().pinNext() : studio.products().pinPrevious())).orElseThrow();
    }

    @Override public Product editProduct(String sku, BigDecimal price, BigDecimal compareAtPrice, Integer stock) {
        return onUi(() -> {
            String refused = studio.products().edit(sku, price, compareAtPrice, stock);
            if (refused != null) throw new IllegalArgumentException(refused);
            return studio.show().current().product(sku).orElseThrow();
        });
    }

    @Override public Countdown startCountdown(String name) throws AvException {
        return waitFor(onUi(() -> studio.countdowns().start(checked(name))));
    }

    @Override public Countdown pauseCountdown(String name) {
        return uncheckedWait(onUi(() -> studio.countdowns().pause(checked(name))));
    }

    @Override public Countdown resetCountdown(String name) {
        return uncheckedWait(onUi(() -> studio.countdowns().reset(checked(name))));
    }

    /** UI thread: the name of a countdown of the show, or the reason it is not one. */
    private String checked(String name) {
        if (studio.countdowns().rows().stream().noneMatch(r -> r.name().equals(name))) {
            throw new IllegalArgumentException("no countdown source is called '" + name + "'");
        }
        return name;
    }

    @Override public Map<String, Countdown> countdowns() { return onUi(() -> studio.countdowns().states()); }

    @Override public List<Cue> cues() { return onUi(() -> List.copyOf(studio.cues().cues())); }

    @Override public Cue currentCue() { return onUi(() -> studio.cues().currentProperty().get()); }

    @Override public Cue upcomingCue() { return onUi(() -> studio.cues().upcomingProperty().get()); }

    @Override public Cue nextCue() {
        return onUi(() -> studio.cues().playNext());
    }

    @Override public boolean live() { return onUi(() -> studio.liveStateProperty().get() == LiveState.LIVE); }

    /** Go Live from the remote: refused with the reasons the pre-flight gives; warnings do not stop it (no one to ask). */
    @Override public void goLive() {
        onUi(() -> {
            if (studio.liveStateProperty().get() != LiveState.OFF_AIR) throw new IllegalStateException("the studio is already "
                    + studio.liveStateProperty().get().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            PreFlight pf = studio.preflight();
            if (pf.blocked()) throw new IllegalStateException("cannot go live: " + String.join("; ", pf.errors()));
            studio.goLive();
            return null;
        });
    }

    @Override public void endLive() {
        onUi(() -> {
            if (studio.liveStateProperty().get() != LiveState.LIVE) throw new IllegalStateException("the studio is not live");
            studio.endLive();
            return null;
        });
    }

    @Override public Map<String, Object> stats() { return onUi(studio::statsForRemote); }

    /** Runs on the UI thread and waits for it; the exceptions the API maps to 400 and 409 come through as they are. */
    private <T> T onUi(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        uiThread.execute(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the studio did not answer within " + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static <T> T waitFor(CompletableFuture<T> engineCall) throws AvException {
        try {
            return engineCall.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the engine did not answer within " + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cause instanceof AvException av) throw av;
            throw rethrown(cause);
        }
    }

    private static <T> T uncheckedWait(CompletableFuture<T> engineCall) {
        try {
            return waitFor(engineCall);
        } catch (AvException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (cause instanceof RuntimeException r) return r;
        if (cause instanceof Error e) throw e;
        return new IllegalStateException(cause.getMessage(), cause);
    }
}
