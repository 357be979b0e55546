package io.castline.app.show;

import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowHistory;
import io.castline.engine.show.ShowValidator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The show the studio edits (sources and scenes, with undo and redo) and the scene on air. Every
 * edit goes through {@link #edit}: it is checked by the engine's one validator first, and an edit
 * that would add a problem changes nothing and returns the problems, each with its field path.
 * Switching scenes is not an edit (as in OBS, undo never switches the program). UI thread.
 */
public final class StudioShow {
    private final ShowHistory history;
    private final Path baseDirectory;
    private final ReadOnlyObjectWrapper<Show> show = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper programScene = new ReadOnlyStringWrapper();
    /** Studio mode: on, the next scene is prepared in a preview beside the program; off, edits go on air. */
    private final javafx.beans.property.BooleanProperty studioMode = new javafx.beans.property.SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper previewScene = new ReadOnlyStringWrapper();
    /** The scene the sources dock and the preview's handles edit: the preview's in studio mode, else the program's. */
    private final ReadOnlyStringWrapper editedScene = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");

    /** @param baseDirectory where the show's relative paths are read from (the show file's folder) */
    public StudioShow(Show initial, Path baseDirectory) {
        this.history = new ShowHistory(initial);
        this.baseDirectory = baseDirectory;
        programScene.set(initial.program());
        previewScene.set(initial.program());
        editedScene.bind(javafx.beans.binding.Bindings.when(studioMode).then(previewScene).otherwise(programScene));
        publish();
    }

    public Show current() { return history.current(); }

    /** The show as it goes on air: the current one with the scene on air as its program. */
    public Show onAir() {
        Show s = current();
        return s.scene(programScene.get()).isPresent() ? s.withProgram(programScene.get()) : s;
    }

    public Path baseDirectory() { return baseDirectory; }

    /** Applies an edit as one undo step; returns the problems it would add (none: applied). */
    public List<SettingsProblem> edit(String label, UnaryOperator<Show> edit) {
        return edit(label, null, edit);
    }

    /**
     * As {@link #edit(String, UnaryOperator)}; consecutive edits with the same non-null
     * {@code mergeKey} (a drag, a slider) are one undo step until {@link #endMerge}.
     */
    public List<SettingsProblem> edit(String label, Object mergeKey, UnaryOperator<Show> edit) {
        Show before = current();
        Show next = edit.apply(before);
        if (next.equals(before)) return List.of();
        List<SettingsProblem> added = addedProblems(before, next);
        if (!added.isEmpty()) return added;
        history.apply(label, mergeKey, s -> next);
        publish();
        return List.of();
    }

    /** The problems {@code next} has that {@code before} had not: a show opened with a missing file can still be edited. */
    private List<SettingsProblem> addedProblems(Show before, Show next) {
        Set<String> had = new HashSet<>();
        for (SettingsProblem p : ShowValidator.pictureProblems(before, baseDirectory)) had.add(p.toString());
        return ShowValidator.pictureProblems(next, baseDirectory).stream().filter(p -> !had.contains(p.toString())).toList();
    }

    public void endMerge() { history.endMerge(); }

    public void undo() {
        if (!history.canUndo()) return;
        history.undo();
        publish();
    }

    public void redo() {
        if (!history.canRedo()) return;
        history.redo();
        publish();
    }

    /** Starts over with another show (opened from a file); the undo history goes with the old one. */
    public void replace(Show next) {
        history.reset(next);
        programScene.set(next.program());
        previewScene.set(next.program());
        publish();
    }

    /** Studio mode's next scene from now on. */
    public void setPreviewScene(String scene) {
        if (current().scene(scene).isEmpty()) throw new IllegalArgumentException("no scene " + scene);
        previewScene.set(scene);
    }

    /** The scene on air from now on (told by the scenes dock after the engine switched). */
    public void setProgramScene(String scene) {
        if (current().scene(scene).isEmpty()) throw new IllegalArgumentException("no scene " + scene);
        programScene.set(scene);
    }

    private void publish() {
        Show s = history.current();
        // the scene on air was removed or renamed by the edit (or its undo): the show's program takes over
        if (s.scene(programScene.get()).isEmpty()) programScene.set(s.program());
        if (s.scene(previewScene.get()).isEmpty()) previewScene.set(programScene.get());
        show.set(s);
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        undoText.set(history.canUndo() ? "Undo " + history.undoLabel() : "Undo");
        redoText.set(history.canRedo() ? "Redo " + history.redoLabel() : "Redo");
    }

    public ReadOnlyObjectProperty<Show> showProperty() { return show.getReadOnlyProperty(); }
    public ReadOnlyStringProperty programSceneProperty() { return programScene.getReadOnlyProperty(); }
    public javafx.beans.property.BooleanProperty studioModeProperty() { return studioMode; }
    public ReadOnlyStringProperty previewSceneProperty() { return previewScene.getReadOnlyProperty(); }
    public ReadOnlyStringProperty editedSceneProperty() { return editedScene.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRedoProperty() { return canRedo.getReadOnlyProperty(); }
    /** "Undo Add layer" — what Undo would take back. */
    public ReadOnlyStringProperty undoTextProperty() { return undoText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty redoTextProperty() { return redoText.getReadOnlyProperty(); }
}
