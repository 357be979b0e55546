package io.castline.app.layers;

import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.show.StudioShow;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Scene;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowEdits;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The sources dock: the layers of the scene being edited, listed top first as OBS lists them
 * (the top row is drawn last, over the others), each with its eye (visible) and lock; adding a
 * source (a new one, or one the show has already: it stays opened once), removing, reordering,
 * and the selected layer's rectangle, fit and opacity. Every change is one undoable edit of the
 * show; one the validator refuses changes nothing and is told with its field path.
 */
public final class LayersViewModel {
    /** One row: {@code index} is the layer's place in the scene, 0 = bottom. */
    public record Row(int index, String source, String kind, boolean visible, boolean locked) {}

    private final StudioShow show;
    private final Notifier notifier;
    private final ReadOnlyStringWrapper scene = new ReadOnlyStringWrapper();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    /** The layer chosen in the list or in the preview (its index in the scene, 0 = bottom), -1 for none. */
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(-1);
    /** The scene edited as it is now: changes with every edit of it, a move or resize included. */
    private final ReadOnlyObjectWrapper<Scene> layout = new ReadOnlyObjectWrapper<>();

    public LayersViewModel(StudioShow show, Notifier notifier) {
        this.show = show;
        this.notifier = notifier;
        // the scene on air, or in studio mode the next one in the preview (as OBS does)
        scene.bind(show.editedSceneProperty());
        scene.addListener((o, a, b) -> {
            selectedIndex.set(-1);
            refresh();
        });
        show.showProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        Scene s = currentScene();
        List<Row> next = new ArrayList<>();
        if (s != null) {
            for (int i = s.layers().size() - 1; i >= 0; i--) {
                Layer l = s.layers().get(i);
                String kind = show.current().source(l.source()).flatMap(c -> SourceKinds.byId(c.kind()))
                        .map(SourceKind::displayName).orElse("?");
                next.add(new Row(i, l.source(), kind, l.visible(), l.locked()));
            }
        }
        if (!next.equals(rows)) rows.setAll(next);
        if (selectedIndex.get() >= next.size()) selectedIndex.set(-1);
        layout.set(s);
    }

    public int canvasWidth() { return show.current().canvas().width(); }
    public int canvasHeight() { return show.current().canvas().height(); }

    /** The topmost visible layer that covers this canvas point, or -1. */
    public int layerAt(double x, double y) {
        Scene s = currentScene();
        if (s == null) return -1;
        for (int i = s.layers().size() - 1; i >= 0; i--) {
            Layer l = s.layers().get(i);
            if (l.visible() && new LayerGeometry.Rect(l.x(), l.y(), l.width(), l.height()).contains(x, y)) return i;
        }
        return -1;
    }

    /** A step of a drag in the preview: one undo step for the whole drag ({@code dragKey} per drag, then {@link #endDrag}). */
    public void dragRect(int index, LayerGeometry.Rect r, Object dragKey) {
        Layer l = layer(index);
        if (l == null || l.locked()) return;
        report(show.edit("Move layer", dragKey, s -> ShowEdits.editLayer(s, scene.get(), index,
                z -> z.withRect(r.x(), r.y(), r.width(), r.height()))));
    }

    private Scene currentScene() {
        return scene.get() == null ? null : show.current().scene(scene.get()).orElse(null);
    }

    /** The layer at {@code index} of the scene edited, or null. */
    public Layer layer(int index) {
        Scene s = currentScene();
        return s == null || index < 0 || index >= s.layers().size() ? null : s.layers().get(index);
    }

    /** What this computer has to capture, for the add-source dialog's lists (asked each time, never kept). */
    public CaptureDevices devices() {
        return new CaptureDevices() {
            @Override public List<io.castline.engine.devices.Camera> cameras() { return LayersViewModel.this.cameras(); }
            @Override public List<io.castline.engine.devices.Microphone> microphones() {
                return io.castline.engine.devices.MicrophoneLister.forThisPlatform().microphones();
            }
            @Override public List<io.castline.engine.devices.CaptureWindow> windows(String display) {
                return LayersViewModel.this.windows(display);
            }
        };
    }

    /** The windows open now on an X display (null: the studio's) or the desktop, for a screen source's picker. */
    public List<io.castline.engine.devices.CaptureWindow> windows(String display) {
        return io.castline.engine.devices.WindowLister.forThisPlatform(display).windows();
    }

    /** The cameras plugged in now (a camera source's device list); read when the dialog opens. */
    public List<io.castline.engine.devices.Camera> cameras() {
        return io.castline.engine.devices.CameraLister.forThisPlatform().cameras();
    }

    /** The kinds the "Add source" menu offers, in the registry's order. */
    public List<SourceKind> kinds() { return SourceKinds.all(); }

    /** The show's sources that can be a layer (to add one again to this scene). */
    public List<String> pictureSources() {
        return show.current().sources().stream().filter(c -> SourceKinds.byId(c.kind()).map(k -> k.hasVideo(c)).orElse(false))
                .map(SourceConfig::name).toList();
    }

    /**
     * Adds a new source to the show and, when it has a picture, a layer of it on top of the scene
     * (text as a lower third, anything else filling the canvas). A taken name gets a number.
     *
     * @return the problems (none: added), each with its field path in the show
     */
    public List<SettingsProblem> addSource(SourceConfig config) {
        Show before = show.current();
        Set<String> taken = before.sources().stream().map(SourceConfig::name).collect(Collectors.toCollection(HashSet::new));
        String name = unique(config.name() == null || config.name().isBlank() ? defaultName(config.kind()) : config.name().strip(), taken);
        SourceConfig named = config.withName(name);
        boolean picture = SourceKinds.byId(named.kind()).map(k -> k.hasVideo(named)).orElse(false);
        String sceneName = scene.get();
        return show.edit("Add " + name, s -> {
            Show next = ShowEdits.addSource(s, named);
            return picture && sceneName != null ? ShowEdits.addLayer(next, sceneName, defaultLayer(named, s)) : next;
        });
    }

    /** The source a layer shows (for its settings dialog), or null. */
    public SourceConfig sourceOf(int index) {
        Layer l = layer(index);
        return l == null ? null : show.current().source(l.source()).orElse(null);
    }

    /**
     * Changes a source's settings (every layer of it, in every scene, shows the change) and its name
     * when that changed (a taken one gets a number). Returns the problems (none: changed).
     */
    public List<SettingsProblem> editSource(String name, SourceConfig next) {
        String newName = next.name() == null || next.name().isBlank() ? name : next.name().strip();
        return show.edit("Change " + name, s -> {
            Show changed = ShowEdits.editSource(s, name, c -> new SourceConfig(name, c.kind(), next.settings()));
            return newName.equals(name) ? changed : ShowEdits.renameSource(changed, name, newName);
        });
    }

    /** Shows a source the show already has in this scene too, on top. */
    public List<SettingsProblem> addExisting(String source) {
        SourceConfig c = show.current().source(source).orElse(null);
        if (c == null || scene.get() == null) return List.of();
        String sceneName = scene.get();
        return report(show.edit("Add " + source, s -> ShowEdits.addLayer(s, sceneName, defaultLayer(c, s))));
    }

    public void remove(int index) { edit("Remove layer", s -> ShowEdits.removeLayer(s, scene.get(), index)); }

    /** Up (+1) draws it over the layer above; down (-1) under the one below. */
    public void move(int index, int delta) {
        edit("Move layer", s -> ShowEdits.moveLayer(s, scene.get(), index, index + delta));
    }

    /** Moves layer {@code index} to {@code to} (both bottom-first, as the scene holds them): dragged onto another row. */
    public void moveTo(int index, int to) {
        if (index != to) edit("Move layer", s -> ShowEdits.moveLayer(s, scene.get(), index, to));
    }

    public void toggleVisible(int index) {
        Layer l = layer(index);
        if (l != null) edit(l.visible() ? "Hide layer" : "Show layer", s -> ShowEdits.editLayer(s, scene.get(), index,
                x -> x.withVisible(!x.visible())));
    }

    public void toggleLocked(int index) {
        Layer l = layer(index);
        if (l != null) edit(l.locked() ? "Unlock layer" : "Lock layer", s -> ShowEdits.editLayer(s, scene.get(), index,
                x -> x.withLocked(!x.locked())));
    }

    /** Moves and resizes the layer (canvas pixels); refused for a locked layer. */
    public List<SettingsProblem> setRect(int index, int x, int y, int width, int height) {
        Layer l = layer(index);
        if (l == null) return List.of();
        if (l.locked()) return List.of(new SettingsProblem("layer", l.source() + " is locked: unlock it first"));
        return report(show.edit("Move layer", s -> ShowEdits.editLayer(s, scene.get(), index, z -> z.withRect(x, y, width, height))));
    }

    public void setFit(int index, Fit fit) {
        edit("Change fit", s -> ShowEdits.editLayer(s, scene.get(), index, z -> z.withFit(fit)));
    }

    /** Opacity 0–1; a slider's drag is one undo step (call {@link #endDrag} when it is released). */
    public void setOpacity(int index, double opacity) {
        double o = Math.max(0, Math.min(1, Math.round(opacity * 100) / 100.0));
        report(show.edit("Change opacity", "opacity-" + scene.get() + "-" + index,
                s -> ShowEdits.editLayer(s, scene.get(), index, z -> z.withOpacity(o))));
    }

    public void endDrag() { show.endMerge(); }

    private void edit(String label, UnaryOperator<Show> change) {
        if (scene.get() == null) return;
        report(show.edit(label, change));
    }

    private List<SettingsProblem> report(List<SettingsProblem> problems) {
        if (!problems.isEmpty()) {
            notifier.show(Notice.error("layers", "Not changed", problems.stream().map(SettingsProblem::toString)
                    .collect(Collectors.joining("; "))));
        }
        return problems;
    }

    /** Text reads as a lower third; anything else fills the canvas (aspect kept). */
    static Layer defaultLayer(SourceConfig c, Show s) {
        int w = s.canvas().width();
        int h = s.canvas().height();
        if (c.kind().equals("text")) return Layer.of(c.name(), w / 20, h * 3 / 4, w * 3 / 5, h / 8, Fit.CONTAIN);
        return Layer.of(c.name(), 0, 0, w, h, Fit.CONTAIN);
    }

    static String defaultName(String kind) {
        return SourceKinds.byId(kind).map(SourceKind::displayName).orElse("Source");
    }

    private static String unique(String name, Set<String> taken) {
        if (!taken.contains(name)) return name;
        for (int n = 2; ; n++) if (!taken.contains(name + " " + n)) return name + " " + n;
    }

    public IntegerProperty selectedIndexProperty() { return selectedIndex; }
    public ReadOnlyObjectProperty<Scene> layoutProperty() { return layout.getReadOnlyProperty(); }
    public ReadOnlyStringProperty sceneProperty() { return scene.getReadOnlyProperty(); }
    public ObservableList<Row> rows() { return readOnlyRows; }
}
