package io.castline.app.cues;

import io.castline.app.ui.Css;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.show.Cue;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The run of show: the cues with the one on air marked and the next one named, and Next cue (its
 * hotkey works anywhere in the window). A double click plays a cue out of order.
 */
public final class CuesView extends VBox {
    private final CuesViewModel vm;
    private final ListView<Cue> list = new ListView<>();

    public CuesView(CuesViewModel vm, ObservableValue<Hotkeys> hotkeys) {
        this.vm = vm;
        setId("cues-dock");
        setSpacing(6);

        list.setId("cue-list");
        list.setItems(vm.cues());
        list.setCellFactory(l -> new CueCell());
        list.setPrefHeight(110);
        list.setMinHeight(70);
        list.setPlaceholder(new Label("No cues in this show"));
        VBox.setVgrow(list, Priority.ALWAYS);
        vm.currentIndexProperty().addListener((o, a, i) -> {
            list.refresh();
            if (i.intValue() >= 0) list.scrollTo(i.intValue());
        });

        Label upcoming = new Label();
        upcoming.setId("cue-upcoming");
        upcoming.getStyleClass().add(Css.MUTED_TEXT);
        upcoming.textProperty().bind(vm.upcomingProperty().map(c -> "Next: " + c.name()).orElse("Next: end of the show"));
        upcoming.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(upcoming, Priority.ALWAYS);
        Button next = new Button("Next cue", StudioIcon.NEXT.node(16));
        next.setId("next-cue");
        next.getStyleClass().add(Css.ACCENT_BUTTON);
        next.setTooltip(Hotkeys.tooltip(hotkeys, Hotkey.NEXT_CUE, "Play the next cue: its scene, product and countdown"));
        next.setOnAction(e -> vm.next());
        next.disableProperty().bind(vm.upcomingProperty().isNull());
        HBox foot = new HBox(8, upcoming, next);
        foot.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(list, foot);
    }

    /** A cue's row: its number and name, what it does, "on air" for the current one. */
    private final class CueCell extends ListCell<Cue> {
        CueCell() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !isEmpty()) vm.go(getIndex());
            });
        }

        @Override protected void updateItem(Cue cue, boolean empty) {
            super.updateItem(cue, empty);
            getStyleClass().remove(Css.ON_AIR);
            if (empty || cue == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            StringBuilder does = new StringBuilder(cue.scene());
            if (cue.product() != null) does.append(" · pin ").append(cue.product());
            if (cue.countdown() != null) does.append(" · ").append(cue.countdown());
            Label name = new Label((getIndex() + 1) + ". " + cue.name());
            Label detail = new Label(does.toString());
            detail.getStyleClass().add(Css.MUTED_TEXT);
            VBox text = new VBox(0, name, detail);
            boolean onAir = getIndex() == vm.currentIndexProperty().get();
            if (onAir) getStyleClass().add(Css.ON_AIR);
            HBox row = onAir ? new HBox(6, StudioIcon.ON_AIR.node(10), text) : new HBox(6, text);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
