package io.castline.app.scenes;

import io.castline.app.ui.Css;
import io.castline.app.ui.DragReorder;
import io.castline.app.ui.IconButtons;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.show.TransitionKind;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import io.castline.engine.show.SceneTemplates;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Locale;

/**
 * The scenes dock: the list (the scene on air marked with a red dot and "on air"), the buttons
 * that edit it, and the transition used when a scene is chosen.
 */
public final class ScenesView extends VBox {
    private static final java.util.List<Integer> DURATIONS = java.util.List.of(100, 200, 300, 500, 700, 1000, 1500, 2000, 3000);
    private final ScenesViewModel vm;
    private final ListView<String> list = new ListView<>();

    public ScenesView(ScenesViewModel vm, javafx.beans.value.ObservableValue<io.castline.app.ui.Hotkeys> hotkeys) {
        this.vm = vm;
        getStyleClass().addAll(Css.PANEL, Css.DOCK);
        setId("scenes-dock");
        setSpacing(6);
        Label title = new Label("Scenes", StudioIcon.SCENES.node(16));
        title.getStyleClass().add(Css.CARD_TITLE);
        javafx.scene.control.ToggleButton studio = new javafx.scene.control.ToggleButton("Studio mode");
        studio.setId("studio-mode");
        studio.getStyleClass().add("small-button");
        studio.selectedProperty().bindBidirectional(vm.studioModeProperty());
        studio.setTooltip(io.castline.app.ui.Hotkeys.tooltip(hotkeys, io.castline.app.ui.Hotkey.STUDIO_MODE,
                "Prepare the next scene in a preview beside the program, then put it on air with Transition"));
        Region headGap = new Region();
        HBox.setHgrow(headGap, Priority.ALWAYS);
        HBox head = new HBox(8, title, headGap, studio);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new javafx.geometry.Insets(0, 0, 4, 0)); // its focus ring and the list's stay apart

        list.setId("scene-list");
        list.setItems(vm.scenes());
        list.setCellFactory(l -> new SceneCell());
        list.setPrefHeight(110);
        list.setMinHeight(80);
        VBox.setVgrow(list, Priority.ALWAYS);
        // a click (or Enter) on a scene puts it on air (the click is the cell's, below); the arrow keys only move the choice. Not the
        // selection itself: the list re-selects by position when scenes are renamed or removed
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) vm.switchTo(list.getSelectionModel().getSelectedItem());
        });
        vm.programSceneProperty().addListener((o, a, b) -> selectProgram());
        vm.previewSceneProperty().addListener((o, a, b) -> selectProgram());
        vm.studioModeProperty().addListener((o, a, b) -> selectProgram());
        vm.scenes().addListener((javafx.collections.ListChangeListener<String>) c -> selectProgram());
        selectProgram();

        HBox buttons = new HBox(4,
                IconButtons.of("scene-add", StudioIcon.ADD, "Add an empty scene", () -> select(vm.add())),
                templates(),
                IconButtons.of("scene-remove", StudioIcon.REMOVE, "Remove the chosen scene", () -> vm.remove(chosen())),
                IconButtons.of("scene-duplicate", StudioIcon.DUPLICATE, "Duplicate the chosen scene", () -> vm.duplicate(chosen())),
                IconButtons.of("scene-rename", StudioIcon.RENAME, "Rename the chosen scene", this::rename),
                IconButtons.of("scene-up", StudioIcon.MOVE_UP, "Move the chosen scene up", () -> vm.move(chosen(), -1)),
                IconButtons.of("scene-down", StudioIcon.MOVE_DOWN, "Move the chosen scene down", () -> vm.move(chosen(), +1)));
        buttons.setAlignment(Pos.CENTER_LEFT);

        ComboBox<TransitionKind> kind = new ComboBox<>();
        kind.setId("transition-kind");
        kind.getItems().setAll(TransitionKind.values());
        kind.setConverter(new StringConverter<>() {
            @Override public String toString(TransitionKind k) {
                return k == null ? "" : k.name().charAt(0) + k.name().substring(1).toLowerCase(Locale.ROOT);
            }
            @Override public TransitionKind fromString(String s) { return TransitionKind.valueOf(s.toUpperCase(Locale.ROOT)); }
        });
        kind.valueProperty().bindBidirectional(vm.transitionProperty());
        kind.setTooltip(new Tooltip("How the next scene comes on air"));
        // common lengths to choose from (a list, not a spinner: one key press, and the ring shows where it is)
        ComboBox<Integer> duration = new ComboBox<>();
        duration.setId("transition-duration");
        duration.getItems().setAll(DURATIONS);
        if (!duration.getItems().contains(vm.durationMillisProperty().get())) duration.getItems().add(vm.durationMillisProperty().get());
        duration.setValue(vm.durationMillisProperty().get());
        duration.setConverter(new StringConverter<>() {
            @Override public String toString(Integer ms) { return ms == null ? "" : ms + " ms"; }
            @Override public Integer fromString(String s) { return Integer.parseInt(s.replace("ms", "").strip()); }
        });
        duration.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.durationMillisProperty().set(b);
        });
        duration.disableProperty().bind(vm.transitionProperty().isEqualTo(TransitionKind.CUT));
        duration.setTooltip(new Tooltip("The transition's length"));
        duration.setPrefWidth(110);
        // the two choices share the dock's width (their focus rings stay inside it)
        for (javafx.scene.control.Control c : java.util.List.of(kind, duration)) {
            c.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        Label label = new Label("Transition");
        label.getStyleClass().add(Css.MUTED_TEXT);
        HBox transition = new HBox(12, kind, duration);
        transition.setAlignment(Pos.CENTER_LEFT);
        transition.setPadding(new javafx.geometry.Insets(4, 4, 0, 4));

        getChildren().addAll(head, list, buttons, label, transition);
    }

    /** The list's choice is the scene on air, or in studio mode the one in the preview. */
    private void selectProgram() {
        list.refresh(); // the on-air mark moves
        String program = vm.studioModeProperty().get() ? vm.previewSceneProperty().get() : vm.programSceneProperty().get();
        if (program != null && !program.equals(list.getSelectionModel().getSelectedItem())) list.getSelectionModel().select(program);
    }

    private String chosen() {
        String s = list.getSelectionModel().getSelectedItem();
        return s != null ? s : vm.programSceneProperty().get();
    }

    private void select(String scene) {
        if (scene != null) list.getSelectionModel().select(scene);
    }

    private void rename() {
        String scene = chosen();
        if (scene == null) return;
        TextInputDialog ask = new TextInputDialog(scene);
        ask.initOwner(getScene() == null ? null : getScene().getWindow());
        ask.setTitle("Rename scene");
        ask.setHeaderText("A new name for " + scene);
        ask.getEditor().setId("scene-name");
        ask.showAndWait().ifPresent(name -> vm.rename(scene, name));
    }

    /** "From a template": the scenes hosts build first, laid out for this canvas. */
    private MenuButton templates() {
        MenuButton menu = new MenuButton(null, StudioIcon.TEMPLATE.node(14));
        menu.setId("scene-template");
        menu.getStyleClass().add("small-button");
        menu.setTooltip(new Tooltip("Add a scene from a template"));
        for (SceneTemplates.Template t : vm.templates()) {
            MenuItem item = new MenuItem(t.displayName());
            item.setId("scene-template-" + t.id());
            item.setOnAction(e -> select(vm.addFromTemplate(t)));
            menu.getItems().add(item);
        }
        return menu;
    }


    /** A scene's row: its name, and a red dot with "on air" for the program. */
    private final class SceneCell extends ListCell<String> {
        SceneCell() {
            // on the scene's own row: a click below the last scene switches nothing, nor does a drag
            setOnMouseClicked(e -> {
                if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY && e.isStillSincePress() && !isEmpty()) {
                    vm.switchTo(getItem());
                }
            });
            // dragged onto another scene: it takes that place in the list (nothing goes on air)
            DragReorder.install(this, (from, to) -> {
                String scene = list.getItems().get(from);
                vm.moveTo(scene, to);
                select(scene);
            });
        }

        @Override protected void updateItem(String scene, boolean empty) {
            super.updateItem(scene, empty);
            getStyleClass().remove(Css.ON_AIR);
            if (empty || scene == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(scene);
            boolean onAir = scene.equals(vm.programSceneProperty().get());
            if (onAir) {
                getStyleClass().add(Css.ON_AIR);
                setGraphic(StudioIcon.ON_AIR.node(10));
            } else {
                setGraphic(null);
            }
        }
    }
}
