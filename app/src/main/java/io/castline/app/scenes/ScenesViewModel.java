package io.castline.app.scenes;

import io.castline.app.engine.StudioEngine;
import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.show.StudioShow;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Scene;
import io.castline.engine.show.SceneTemplates;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowEdits;
import io.castline.engine.show.TransitionKind;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The scenes dock: the show's scenes in order, the one on air, and the transition that switching
 * uses. As in OBS outside studio mode, choosing a scene puts it on air (with the transition); the
 * layers dock edits the scene chosen. Adding, removing, renaming, duplicating and moving scenes
 * are edits of the show (undoable).
 */
public final class ScenesViewModel {
    public static final Duration DEFAULT_DURATION = Duration.ofMillis(300);
    /** The longest transition offered: longer ones read as a frozen stream. */
    public static final int MAX_DURATION_MILLIS = 5_000;

    private final StudioShow show;
    private final StudioEngine engine;
    private final Notifier notifier;
    private final Executor uiThread;
    private final ObservableList<String> scenes = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyScenes = FXCollections.unmodifiableObservableList(scenes);
    private final ObjectProperty<TransitionKind> transition = new SimpleObjectProperty<>(TransitionKind.FADE);
    private final IntegerProperty durationMillis = new SimpleIntegerProperty((int) DEFAULT_DURATION.toMillis());

    public ScenesViewModel(StudioShow show, StudioEngine engine, Notifier notifier, Executor uiThread) {
        this.show = show;
        this.engine = engine;
        this.notifier = notifier;
        this.uiThread = uiThread;
        show.showProperty().addListener((o, a, s) -> refresh(s));
        refresh(show.current());
        show.studioModeProperty().addListener((o, was, on) -> {
            // the preview starts as a copy of what is on air, as in OBS
            if (on) show.setPreviewScene(show.programSceneProperty().get());
            preview(on ? show.previewSceneProperty().get() : null);
        });
    }

    /** Tells the engine what studio mode's preview shows (null: off); a refusal is told. */
    private void preview(String scene) {
        engine.showPreviewScene(scene).whenCompleteAsync((ok, error) -> {
            if (error != null) notifier.show(Notice.error("preview-scene", "The preview cannot show " + scene, io.castline.app.notify.Reasons.of(error)));
        }, uiThread);
    }

    /**
     * Studio mode's Transition: the scene in the preview goes on air with the chosen transition and
     * the one that was on air comes into the preview (OBS's swap); nothing outside studio mode.
     */
    public void transition() {
        if (!show.studioModeProperty().get()) return;
        String next = show.previewSceneProperty().get();
        String was = show.programSceneProperty().get();
        if (next == null || next.equals(was)) return;
        putOnAir(next);
        show.setPreviewScene(was);
        preview(was);
    }

    private void refresh(Show s) {
        List<String> names = s.scenes().stream().map(Scene::name).toList();
        if (!names.equals(scenes)) scenes.setAll(names);
    }

    /**
     * A scene chosen (a click, Enter, its hotkey): on air with the chosen transition, or in studio
     * mode into the preview, to be edited and then put on air with {@link #transition}.
     */
    public void switchTo(String scene) {
        if (scene == null || show.current().scene(scene).isEmpty()) return;
        if (show.studioModeProperty().get()) {
            if (scene.equals(show.previewSceneProperty().get())) return;
            show.setPreviewScene(scene);
            preview(scene);
            return;
        }
        putOnAir(scene);
    }

    private void putOnAir(String scene) {
        putOnAir(scene, transition.get(), Duration.ofMillis(durationMillis.get()));
    }


    /**
     * Puts the scene on air now, in studio mode too (a cue, the remote): with this transition
     * (a cut for {@code CUT} or zero), up to {@link #MAX_DURATION_MILLIS} long. A refusal is told and
     * the dock goes back to the scene the engine still shows.
     */
    public CompletableFuture<Void> putOnAir(String scene, TransitionKind kind, Duration duration) {
        if (show.current().scene(scene).isEmpty()) throw new IllegalArgumentException("no scene is called '" + scene + "'");
        if (scene.equals(show.programSceneProperty().get())) return CompletableFuture.completedFuture(null);
        String was = show.programSceneProperty().get();
        show.setProgramScene(scene);
        Duration d = kind == TransitionKind.CUT ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, Math.min(MAX_DURATION_MILLIS, duration.toMillis())));
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.switchScene(scene, kind, d).whenCompleteAsync((ok, error) -> {
            if (error == null) {
                done.complete(null);
                return;
            }
            // the engine still shows the old scene: the dock says so too
            if (show.current().scene(was).isPresent()) show.setProgramScene(was);
            notifier.show(Notice.error("scene", "Could not switch to " + scene, io.castline.app.notify.Reasons.of(error)));
            done.completeExceptionally(error);
        }, uiThread);
        return done;
    }

    /** The scene hotkeys: the n-th scene (1 = the first) goes on air; nothing when there are fewer. */
    public void switchToNumber(int n) {
        if (n >= 1 && n <= scenes.size()) switchTo(scenes.get(n - 1));
    }

    /** Adds an empty scene after the others ("Scene 2"…) and returns its name. */
    public String add() {
        Show before = show.current();
        edit("Add scene", s -> ShowEdits.addScene(s, "Scene " + (s.scenes().size() + 1)));
        return show.current().scenes().size() > before.scenes().size()
                ? show.current().scenes().get(show.current().scenes().size() - 1).name() : null;
    }

    /** The scene templates hosts start from (host full-frame, host + product, screen + host, back in a moment). */
    public List<SceneTemplates.Template> templates() { return SceneTemplates.all(); }

    /** Adds a scene made from the template (and the sources it needs that the show lacks); returns its name. */
    public String addFromTemplate(SceneTemplates.Template template) {
        int before = show.current().scenes().size();
        edit("Add " + template.displayName(), s -> SceneTemplates.add(s, template));
        List<io.castline.engine.show.Scene> scenes = show.current().scenes();
        return scenes.size() > before ? scenes.get(scenes.size() - 1).name() : null;
    }

    public void remove(String scene) {
        if (show.current().scenes().size() <= 1) {
            notifier.show(Notice.warning("scene", "The last scene stays", "A show needs a scene to put on air: add another "
                    + "scene before removing this one."));
            return;
        }
        edit("Remove scene", s -> ShowEdits.removeScene(s, scene));
    }

    public void duplicate(String scene) { edit("Duplicate scene", s -> ShowEdits.duplicateScene(s, scene)); }

    /** Renames the scene; a taken name gets a number. Returns the name it got. */
    public String rename(String scene, String newName) {
        if (newName == null || newName.isBlank()) return scene;
        int at = show.current().sceneIndex(scene);
        boolean onAir = scene.equals(show.programSceneProperty().get());
        edit("Rename scene", s -> ShowEdits.renameScene(s, scene, newName));
        String renamed = at < 0 ? scene : show.current().scenes().get(at).name();
        if (onAir) show.setProgramScene(renamed);
        return renamed;
    }

    /** Moves the scene up (-1) or down (+1) in the list. */
    public void move(String scene, int delta) {
        int from = show.current().sceneIndex(scene);
        if (from < 0) return;
        edit("Move scene", s -> ShowEdits.moveScene(s, scene, from + delta));
    }

    /** Moves the scene to {@code index} in the list (dragged there). */
    public void moveTo(String scene, int index) {
        if (show.current().sceneIndex(scene) < 0) return;
        edit("Move scene", s -> ShowEdits.moveScene(s, scene, index));
    }

    private void edit(String label, java.util.function.UnaryOperator<Show> change) {
        List<SettingsProblem> problems = show.edit(label, change);
        if (!problems.isEmpty()) {
            notifier.show(Notice.error("scene", label + ": not done",
                    problems.stream().map(SettingsProblem::toString).collect(Collectors.joining("; "))));
        }
    }


    public ObservableList<String> scenes() { return readOnlyScenes; }
    public javafx.beans.property.ReadOnlyStringProperty programSceneProperty() { return show.programSceneProperty(); }
    public javafx.beans.property.ReadOnlyStringProperty previewSceneProperty() { return show.previewSceneProperty(); }
    public javafx.beans.property.BooleanProperty studioModeProperty() { return show.studioModeProperty(); }
    public ObjectProperty<TransitionKind> transitionProperty() { return transition; }
    public IntegerProperty durationMillisProperty() { return durationMillis; }
}
