package io.castline.app.stats;

import io.castline.app.ui.Css;
import io.castline.app.ui.StudioIcon;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom status bar. */
public final class StatsBarView extends HBox {

    public StatsBarView(StatsBarViewModel vm, ObservableValue<String> statusLine) {
        getStyleClass().add(Css.STATS_BAR);
        setId("stats-bar");
        setSpacing(18);
        setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("status-line");
        status.getStyleClass().add(Css.STATUS_LINE);
        status.textProperty().bind(statusLine);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);

        getChildren().addAll(status, grow,
                stat("stat-cpu", StudioIcon.CPU, vm.cpuTextProperty(), vm.cpuHealthProperty(),
                        "CPU used by Castline, as a share of the whole machine"),
                stat("stat-memory", StudioIcon.MEMORY, vm.memoryTextProperty(), null, "Memory used by Castline"),
                stat("stat-fps", StudioIcon.FRAMES, vm.fpsTextProperty(), vm.fpsHealthProperty(),
                        "Frames per second against the canvas rate: encoded while live, composed for the preview off air"),
                stat("stat-frames", StudioIcon.HEALTH, vm.framesTextProperty(), vm.framesHealthProperty(),
                        "Lagged: frames rendered late. Skipped: frames the busy encoder could not take."),
                stat("stat-dropped", StudioIcon.NETWORK_DROPS, vm.droppedTextProperty(), vm.droppedHealthProperty(),
                        "Video frames the network outputs dropped to catch up"));
    }

    private static Label stat(String id, StudioIcon icon, ObservableValue<String> text, ObservableValue<String> health,
                              String tip) {
        Label l = new Label();
        l.setGraphic(icon.node(14));
        l.setId(id);
        l.getStyleClass().add(Css.STAT);
        l.textProperty().bind(text);
        l.setTooltip(new Tooltip(tip));
        if (health != null) Css.bindHealth(l, health);
        return l;
    }
}
