package io.castline.app.products;

import io.castline.app.ui.Css;
import io.castline.app.ui.IconButtons;
import io.castline.app.ui.StudioIcon;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The show's countdowns under the products: name, the time on the picture, start/pause and reset. */
final class CountdownsView extends VBox {
    private final CountdownsViewModel vm;

    CountdownsView(CountdownsViewModel vm) {
        super(2);
        this.vm = vm;
        setId("countdowns");
        Runnable rows = () -> getChildren().setAll(vm.rows().stream().map(this::row).toList());
        vm.rows().addListener((ListChangeListener<CountdownsViewModel.Row>) c -> rows.run());
        rows.run();
    }

    private HBox row(CountdownsViewModel.Row r) {
        String id = "countdown-" + r.name().replaceAll("[^A-Za-z0-9_-]", "_");
        Label icon = new Label(null, StudioIcon.COUNTDOWN.node(14));
        Label name = new Label(r.name());
        name.setMinWidth(0);
        Label time = new Label();
        time.setId(id + "-time");
        time.getStyleClass().add("countdown-time");
        time.textProperty().bind(r.timeProperty());
        time.setMinWidth(Region.USE_PREF_SIZE);
        // ready, running, paused or ended: in the tooltip, the row stays narrow
        Tooltip state = new Tooltip();
        state.textProperty().bind(r.stateProperty().map(s -> r.name() + ": " + s));
        time.setTooltip(state);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button toggle = IconButtons.of(id + "-start", StudioIcon.START, "Start the countdown (pause it while it runs)",
                () -> vm.toggle(r.name()));
        r.runningProperty().addListener((o, was, running) ->
                toggle.setGraphic((running ? StudioIcon.PAUSE : StudioIcon.START).node(14)));
        Button reset = IconButtons.of(id + "-reset", StudioIcon.RESET, "Back to its whole time, stopped", () -> vm.reset(r.name()));
        HBox row = new HBox(6, icon, name, gap, time, toggle, reset);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
