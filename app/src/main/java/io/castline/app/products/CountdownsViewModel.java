package io.castline.app.products;

import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.StudioEngine;
import io.castline.app.engine.StudioEngine.CountdownAction;
import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.notify.Reasons;
import io.castline.app.show.StudioShow;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.show.Show;
import io.castline.engine.source.SourceConfig;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The flash-sale countdowns of the show (its {@code countdown} sources), each with the time it
 * shows on the program now and start / pause / reset. The time is the engine's (frames of the
 * media clock, read a few times a second), so the dock and the picture agree. UI thread.
 */
public final class CountdownsViewModel {
    private final StudioShow show;
    private final StudioEngine engine;
    private final Notifier notifier;
    private final Executor uiThread;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private EngineFrame.Selling last = EngineFrame.Selling.NONE;
    /** Each countdown's latest state: from the engine's frames, or from an action's answer (newer). */
    private final java.util.Map<String, Countdown> states = new java.util.LinkedHashMap<>();
    /**
     * When each countdown was last acted on (System.nanoTime): a frame read before the action may
     * still be on its way to the UI, and must not put the old state back for a moment.
     */
    private final java.util.Map<String, Long> actedAt = new java.util.HashMap<>();
    private static final long FRAME_LAG_NANOS = 1_000_000_000L;

    public CountdownsViewModel(StudioShow show, StudioEngine engine, Notifier notifier, Executor uiThread) {
        this.show = show;
        this.engine = engine;
        this.notifier = notifier;
        this.uiThread = uiThread;
        show.showProperty().addListener((o, a, s) -> refresh(s));
        refresh(show.current());
    }

    private void refresh(Show s) {
        List<String> names = s.sources().stream().filter(c -> "countdown".equals(c.kind())).map(SourceConfig::name).toList();
        if (!names.equals(rows.stream().map(Row::name).toList())) rows.setAll(names.stream().map(Row::new).toList());
        rows.forEach(r -> {
            if (states.containsKey(r.name)) r.show(states.get(r.name), last.frame(), last.fps());
        });
    }

    /** The program's latest state (from the engine's frames). */
    public void showSelling(EngineFrame.Selling selling) {
        if (selling == null) return;
        last = selling;
        long now = System.nanoTime();
        for (Row r : rows) {
            Long acted = actedAt.get(r.name);
            Countdown c = selling.countdowns().get(r.name);
            if (c == null || acted != null && now - acted < FRAME_LAG_NANOS) {
                if (states.containsKey(r.name)) r.show(states.get(r.name), selling.frame(), selling.fps());
                continue;
            }
            states.put(r.name, c);
            r.show(c, selling.frame(), selling.fps());
        }
    }

    /** Each countdown's latest state (its figures in frames of the program's clock). */
    public java.util.Map<String, Countdown> states() { return java.util.Map.copyOf(states); }

    public CompletableFuture<Countdown> start(String name) { return act(name, CountdownAction.START); }

    public CompletableFuture<Countdown> pause(String name) { return act(name, CountdownAction.PAUSE); }

    public CompletableFuture<Countdown> reset(String name) { return act(name, CountdownAction.RESET); }

    /** Start, or pause when it runs: the row's one button. */
    public CompletableFuture<Countdown> toggle(String name) {
        Row r = row(name);
        return r != null && r.running.get() ? pause(name) : start(name);
    }

    /**
     * The countdown hotkey: starts (or pauses) the first countdown the scene on air shows, else the
     * show's first; nothing in a show without countdowns.
     */
    public void toggleOnAir() {
        Show s = show.current();
        String onAir = show.programSceneProperty().get();
        List<String> names = rows.stream().map(Row::name).toList();
        String chosen = s.scene(onAir).stream().flatMap(scene -> scene.layers().stream()).map(io.castline.engine.show.Layer::source)
                .filter(names::contains).findFirst().orElse(names.isEmpty() ? null : names.get(0));
        if (chosen != null) toggle(chosen);
    }

    private CompletableFuture<Countdown> act(String name, CountdownAction action) {
        CompletableFuture<Countdown> done = new CompletableFuture<>();
        engine.countdown(name, action).whenCompleteAsync((state, error) -> {
            if (error != null) {
                notifier.show(Notice.error("countdown", "Countdown " + name, Reasons.of(error)));
                done.completeExceptionally(error);
                return;
            }
            Row r = row(name);
            states.put(name, state);
            actedAt.put(name, System.nanoTime());
            if (r != null) r.show(state, last.frame(), last.fps());
            done.complete(state);
        }, uiThread);
        return done;
    }

    private Row row(String name) {
        return rows.stream().filter(r -> r.name.equals(name)).findFirst().orElse(null);
    }

    public ObservableList<Row> rows() { return readOnlyRows; }

    /** One countdown: its name, the time it shows ("04:59"), and whether it runs or has run out. */
    public static final class Row {
        private final String name;
        private final ReadOnlyStringWrapper time = new ReadOnlyStringWrapper("--:--");
        private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("ready");
        private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();

        Row(String name) { this.name = name; }

        void show(EngineFrame.Selling s) {
            Countdown c = s.countdowns().get(name);
            if (c != null) show(c, s.frame(), s.fps());
        }

        void show(Countdown c, long frame, int fps) {
            long seconds = c.secondsShownAt(frame, fps);
            time.set(Countdown.format(seconds, c.durationFrames() >= 3600L * fps));
            boolean ended = c.running() && c.endedAt(frame);
            running.set(c.running() && !ended);
            state.set(ended ? "ended" : c.running() ? "running" : c.remainingFrames() == c.durationFrames() ? "ready" : "paused");
        }

        public String name() { return name; }
        public ReadOnlyStringProperty timeProperty() { return time.getReadOnlyProperty(); }
        /** "ready", "running", "paused" or "ended". */
        public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
        public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    }
}
