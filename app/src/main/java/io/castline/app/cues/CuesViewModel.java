package io.castline.app.cues;

import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.notify.Reasons;
import io.castline.app.products.CountdownsViewModel;
import io.castline.app.products.ProductsViewModel;
import io.castline.app.scenes.ScenesViewModel;
import io.castline.app.show.StudioShow;
import io.castline.engine.CuePlayer;
import io.castline.engine.show.Cue;
import io.castline.engine.show.Show;
import io.castline.engine.show.TransitionKind;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;

/**
 * The run of show: the show's cues in order, the one on air and the one Next cue plays. A cue goes
 * through the same docks a producer's clicks do (the scene on air, even in studio mode; the pin;
 * the countdown), so each says what the cue did; a cue without a transition of its own uses the
 * scenes dock's. UI thread.
 */
public final class CuesViewModel {
    private final StudioShow show;
    private final Notifier notifier;
    private final CuePlayer player;
    private final ObservableList<Cue> cues = FXCollections.observableArrayList();
    private final ObservableList<Cue> readOnlyCues = FXCollections.unmodifiableObservableList(cues);
    private final ReadOnlyIntegerWrapper currentIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<Cue> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Cue> upcoming = new ReadOnlyObjectWrapper<>();

    public CuesViewModel(StudioShow show, ScenesViewModel scenes, ProductsViewModel products, CountdownsViewModel countdowns,
                         Notifier notifier) {
        this.show = show;
        this.notifier = notifier;
        this.player = new CuePlayer(new CuePlayer.Target() {
            @Override public List<Cue> cues() { return show.current().cues(); }
            @Override public String programScene() { return show.programSceneProperty().get(); }
            @Override public void putOnAir(String scene, TransitionKind kind, Duration duration) { scenes.putOnAir(scene, kind, duration); }
            @Override public void pin(String sku) { products.pin(sku); }
            @Override public void startCountdown(String name) { countdowns.start(name); }
        }, TransitionKind.FADE, ScenesViewModel.DEFAULT_DURATION);
        scenes.transitionProperty().addListener((o, a, b) -> defaultTransition(scenes));
        scenes.durationMillisProperty().addListener((o, a, b) -> defaultTransition(scenes));
        defaultTransition(scenes);
        show.showProperty().addListener((o, a, s) -> refresh(s));
        refresh(show.current());
    }

    private void defaultTransition(ScenesViewModel scenes) {
        player.setDefaultTransition(scenes.transitionProperty().get(), Duration.ofMillis(scenes.durationMillisProperty().get()));
    }

    private void refresh(Show s) {
        if (!s.cues().equals(cues)) cues.setAll(s.cues());
        // the number last: whoever follows it (the remote's CueChanged) reads the cue and the next one set
        current.set(player.current());
        upcoming.set(player.upcoming());
        currentIndex.set(player.current() == null ? -1 : player.currentIndex());
    }

    /**
     * The remote's Next cue: plays the cue after the one on air and returns it; a refusal (no cue
     * after the last, a cue the show cannot play) is thrown with its reason instead of told.
     */
    public Cue playNext() throws io.castline.engine.ffmpeg.AvException {
        if (player.upcoming() == null) throw new IllegalStateException("the run of show has no cue after "
                + (player.current() == null ? "the start" : "'" + player.current().name() + "'"));
        try {
            return player.go(player.currentIndex() + 1);
        } finally {
            refresh(show.current());
        }
    }

    /** Next cue (its hotkey, the button): plays the cue after the one on air; nothing after the last, said once. */
    public void next() {
        if (player.upcoming() == null) {
            notifier.show(Notice.info("cue", "End of the run of show", cues.isEmpty()
                    ? "This show has no cues: add them under \"cues\" in the show file" : "The last cue is on air"));
            return;
        }
        play(player.currentIndex() + 1);
    }

    /** Plays cue number {@code index} (0 for the first): a double click in the list. */
    public void go(int index) {
        play(index);
    }

    private void play(int index) {
        try {
            player.go(index);
            notifier.withdraw("cue");
        } catch (Exception e) {
            notifier.show(Notice.error("cue", "Could not play the cue", Reasons.of(e)));
        }
        refresh(show.current());
    }

    public ObservableList<Cue> cues() { return readOnlyCues; }
    /** The number of the cue on air (0 for the first), -1 before the first. */
    public ReadOnlyIntegerProperty currentIndexProperty() { return currentIndex.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Cue> currentProperty() { return current.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Cue> upcomingProperty() { return upcoming.getReadOnlyProperty(); }
}
