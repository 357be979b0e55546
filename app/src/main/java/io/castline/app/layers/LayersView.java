package io.castline.app.layers;

import io.castline.app.ui.Css;
import io.castline.app.ui.DragReorder;
import io.castline.app.ui.IconButtons;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The sources dock: the layers of the scene on air, top first, each with its eye and lock; Add
 * (a new source of any registered kind, or one the show already has), remove, up and down; and the
 * chosen layer's rectangle, fit and opacity.
 */
public final class LayersView extends VBox {
    private final LayersViewModel vm;
    private final ListView<LayersViewModel.Row> list = new ListView<>();
    private final TextField x = number("layer-x");
    private final TextField y = number("layer-y");
    private final TextField width = number("layer-width");
    private final TextField height = number("layer-height");
    private final ComboBox<Fit> fit = new ComboBox<>();
    private final Slider opacity = new Slider(0, 1, 1);
    private final GridPane properties = new GridPane();
    /** True while the properties show the chosen layer (their listeners must not edit then). */
    private boolean showing;

    private final Label title;

    /** In a tab (its header says "Sources"): no panel of its own, no title; the scene's name stays. */
    public LayersView asTabContent() {
        getStyleClass().removeAll(Css.PANEL, Css.DOCK);
        title.setVisible(false);
        title.setManaged(false);
        return this;
    }

    public LayersView(LayersViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll(Css.PANEL, Css.DOCK);
        setId("sources-dock");
        setSpacing(6);
        Label title = new Label("Sources", StudioIcon.LAYERS.node(16));
        title.getStyleClass().add(Css.CARD_TITLE);
        Label scene = new Label();
        scene.getStyleClass().add(Css.MUTED_TEXT);
        scene.textProperty().bind(vm.sceneProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, title, gap, scene);
        head.setAlignment(Pos.CENTER_LEFT);
        this.title = title;

        list.setId("layer-list");
        list.setItems(vm.rows());
        list.setCellFactory(l -> new LayerCell());
        list.setPrefHeight(110);
        list.setMinHeight(80);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.selectedIndexProperty().set(b.index());
            showProperties();
        });
        // chosen in the preview: the list follows
        vm.selectedIndexProperty().addListener((o, a, b) -> reselect());
        vm.layoutProperty().addListener((o, a, b) -> showProperties());
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) editSource();
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                withChosen(vm::toggleVisible);
                e.consume();
            }
        });
        // an edit replaces the rows: the same layer stays chosen
        vm.rows().addListener((javafx.collections.ListChangeListener<LayersViewModel.Row>) c -> {
            reselect();
            showProperties();
        });

        MenuButton add = new MenuButton(null, StudioIcon.ADD.node(14));
        add.setId("layer-add");
        add.getStyleClass().add("small-button");
        add.setTooltip(new Tooltip("Add a source to this scene"));
        add.setOnShowing(e -> fillAddMenu(add));
        HBox buttons = new HBox(4, add,
                IconButtons.of("layer-settings", StudioIcon.RENAME, "The chosen layer's source: its settings and name", this::editSource),
                IconButtons.of("layer-remove", StudioIcon.REMOVE, "Remove the chosen layer from this scene", () -> withChosen(vm::remove)),
                IconButtons.of("layer-up", StudioIcon.MOVE_UP, "Draw the chosen layer over the one above", () -> withChosen(i -> vm.move(i, +1))),
                IconButtons.of("layer-down", StudioIcon.MOVE_DOWN, "Draw the chosen layer under the one below", () -> withChosen(i -> vm.move(i, -1))));
        buttons.setAlignment(Pos.CENTER_LEFT);

        fit.setId("layer-fit");
        fit.getItems().setAll(Fit.values());
        fit.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Fit f) { return f == null ? "" : f.id(); }
            @Override public Fit fromString(String s) { return Fit.byId(s).orElse(Fit.CONTAIN); }
        });
        fit.valueProperty().addListener((o, a, b) -> {
            if (!showing && b != null) withChosen(i -> vm.setFit(i, b));
        });
        opacity.setId("layer-opacity");
        opacity.valueProperty().addListener((o, a, b) -> {
            if (!showing) withChosen(i -> vm.setOpacity(i, b.doubleValue()));
        });
        opacity.valueChangingProperty().addListener((o, was, changing) -> {
            if (!changing) vm.endDrag();
        });
        for (TextField f : List.of(x, y, width, height)) {
            f.setOnAction(e -> applyRect());
            f.focusedProperty().addListener((o, had, has) -> {
                if (!has) applyRect();
            });
        }
        properties.setHgap(6);
        properties.setVgap(4);
        properties.addRow(0, label("X"), x, label("Y"), y);
        properties.addRow(1, label("Width"), width, label("Height"), height);
        properties.add(label("Fit"), 0, 2);
        properties.add(fit, 1, 2, 3, 1);
        properties.add(label("Opacity"), 0, 3);
        properties.add(opacity, 1, 3, 3, 1);
        opacity.setMaxWidth(Double.MAX_VALUE);
        fit.setPrefWidth(112);
        fit.setMinWidth(Region.USE_PREF_SIZE);
        properties.setId("layer-properties");

        getChildren().addAll(head, list, buttons, properties);
        showProperties();
    }

    private void fillAddMenu(MenuButton add) {
        add.getItems().clear();
        for (SourceKind kind : vm.kinds()) {
            MenuItem item = new MenuItem(kind.displayName());
            item.setId("add-kind-" + kind.id());
            item.setOnAction(e -> new AddSourceDialog(getScene().getWindow(), kind, vm::addSource,
                    vm.devices()).showAndWait());
            add.getItems().add(item);
        }
        List<String> existing = vm.pictureSources();
        if (!existing.isEmpty()) add.getItems().add(new SeparatorMenuItem());
        for (String source : existing) {
            MenuItem item = new MenuItem("Existing: " + source);
            item.setOnAction(e -> vm.addExisting(source));
            add.getItems().add(item);
        }
    }

    private void editSource() {
        LayersViewModel.Row row = list.getSelectionModel().getSelectedItem();
        SourceConfig c = row == null ? null : vm.sourceOf(row.index());
        SourceKind kind = c == null ? null : vm.kinds().stream().filter(k -> k.id().equals(c.kind())).findFirst().orElse(null);
        if (kind == null) return;
        new AddSourceDialog(getScene().getWindow(), kind, c, next -> vm.editSource(c.name(), next),
                vm.devices()).showAndWait();
    }

    private void reselect() {
        int chosen = vm.selectedIndexProperty().get();
        LayersViewModel.Row row = vm.rows().stream().filter(r -> r.index() == chosen).findFirst().orElse(null);
        if (row == null) list.getSelectionModel().clearSelection();
        else if (!row.equals(list.getSelectionModel().getSelectedItem())) list.getSelectionModel().select(row);
    }

    private void showProperties() {
        LayersViewModel.Row row = list.getSelectionModel().getSelectedItem();
        Layer l = row == null ? null : vm.layer(row.index());
        properties.setDisable(l == null);
        showing = true;
        try {
            if (l == null) return;
            x.setText(Integer.toString(l.x()));
            y.setText(Integer.toString(l.y()));
            width.setText(Integer.toString(l.width()));
            height.setText(Integer.toString(l.height()));
            for (TextField f : List.of(x, y, width, height)) f.setEditable(!l.locked());
            fit.setValue(l.fit());
            if (!opacity.isValueChanging()) opacity.setValue(l.opacity());
        } finally {
            showing = false;
        }
    }

    private void applyRect() {
        if (showing) return;
        withChosen(i -> {
            Layer l = vm.layer(i);
            if (l == null || l.locked()) return;
            try {
                int nx = Integer.parseInt(x.getText().strip());
                int ny = Integer.parseInt(y.getText().strip());
                int nw = Integer.parseInt(width.getText().strip());
                int nh = Integer.parseInt(height.getText().strip());
                if (nx != l.x() || ny != l.y() || nw != l.width() || nh != l.height()) vm.setRect(i, nx, ny, nw, nh);
            } catch (NumberFormatException e) {
                // not a whole number: the fields go back to the layer's
            }
            showProperties();
        });
    }

    private void withChosen(java.util.function.IntConsumer action) {
        LayersViewModel.Row row = list.getSelectionModel().getSelectedItem();
        if (row != null) action.accept(row.index());
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static TextField number(String id) {
        TextField t = new TextField();
        t.setId(id);
        t.setPrefColumnCount(5);
        t.setPrefWidth(72);
        return t;
    }


    /** A layer's row: eye, lock, the source's name and kind. */
    private final class LayerCell extends ListCell<LayersViewModel.Row> {
        LayerCell() {
            // dragged onto another row: drawn where that layer is (the rows are top-first, the scene bottom-first)
            DragReorder.install(this, (from, to) -> {
                int layer = list.getItems().get(from).index();
                int target = list.getItems().get(to).index();
                vm.moveTo(layer, target);
                int row = list.getItems().stream().map(LayersViewModel.Row::index).toList().indexOf(target);
                if (row >= 0) list.getSelectionModel().select(row);
            });
        }

        @Override protected void updateItem(LayersViewModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove(Css.LAYER_HIDDEN);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            Button eye = new Button(null, (row.visible() ? StudioIcon.VISIBLE : StudioIcon.HIDDEN).node(14));
            eye.setId("layer-eye-" + row.index());
            eye.getStyleClass().add("icon-toggle");
            eye.setTooltip(new Tooltip(row.visible() ? "Hide this layer" : "Show this layer"));
            eye.setOnAction(e -> vm.toggleVisible(row.index()));
            eye.setFocusTraversable(false); // from the keyboard: Space on the chosen row (the list is the tab stop)
            Button lock = new Button(null, (row.locked() ? StudioIcon.LOCKED : StudioIcon.UNLOCKED).node(14));
            lock.setId("layer-lock-" + row.index());
            lock.getStyleClass().add("icon-toggle");
            lock.setTooltip(new Tooltip(row.locked() ? "Unlock: allow moving it" : "Lock it in place"));
            lock.setOnAction(e -> vm.toggleLocked(row.index()));
            lock.setFocusTraversable(false);
            Label name = new Label(row.source());
            name.getStyleClass().add("layer-name");
            Label kind = new Label(row.kind());
            kind.getStyleClass().add("layer-kind");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox box = new HBox(6, eye, lock, name, gap, kind);
            box.setAlignment(Pos.CENTER_LEFT);
            if (!row.visible()) getStyleClass().add(Css.LAYER_HIDDEN);
            setGraphic(box);
        }
    }
}
