package io.castline.app.studio;

import io.castline.app.ui.Css;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import io.castline.app.ui.StudioIcon;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The top bar: name, LIVE badge and timer, Settings, Record, and the one big Go Live / End Live button. */
final class TopBarView extends HBox {

    TopBarView(MainViewModel vm, Runnable onGoLive, Runnable onSettings) {
        getStyleClass().add(Css.TOP_BAR);
        setId("top-bar");
        setSpacing(14);
        setAlignment(Pos.CENTER_LEFT);

        Label name = new Label("Castline Studio", StudioIcon.APP.node(22));
        name.getStyleClass().add(Css.APP_NAME);

        Label badge = new Label("LIVE");
        badge.setId("live-badge");
        badge.getStyleClass().add(Css.LIVE_BADGE);
        badge.visibleProperty().bind(vm.liveProperty());
        Label timer = new Label();
        timer.setId("live-timer");
        timer.getStyleClass().add(Css.LIVE_TIMER);
        timer.setGraphic(StudioIcon.TIMER.node(16));
        timer.textProperty().bind(vm.timerTextProperty());
        timer.setTooltip(new Tooltip("Time on air since Go Live"));
        Runnable dim = () -> {
            if (vm.timerOnAirProperty().get()) timer.getStyleClass().remove(Css.LIVE_TIMER_OFF);
            else if (!timer.getStyleClass().contains(Css.LIVE_TIMER_OFF)) timer.getStyleClass().add(Css.LIVE_TIMER_OFF);
        };
        dim.run();
        vm.timerOnAirProperty().addListener((o, a, b) -> dim.run());

        Region left = new Region();
        Region right = new Region();
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);

        Button settings = new Button("Settings", StudioIcon.SETTINGS.node(16));
        settings.setId("open-settings");
        settings.setTooltip(Hotkeys.tooltip(vm.hotkeys(), Hotkey.SETTINGS, "Destinations, encoder, canvas, recording, hotkeys"));
        settings.setOnAction(e -> onSettings.run());

        Button record = new Button();
        record.setId("record");
        record.setGraphic(StudioIcon.OUTPUT_RECORDING.node(16));
        record.textProperty().bind(javafx.beans.binding.Bindings.when(vm.recordingOnProperty())
                .then("Stop recording").otherwise("Record"));
        record.disableProperty().bind(vm.recordBusyProperty());
        Runnable recordLook = () -> {
            if (vm.recordingOnProperty().get()) {
                if (!record.getStyleClass().contains(Css.RECORDING_ON)) record.getStyleClass().add(Css.RECORDING_ON);
            } else {
                record.getStyleClass().remove(Css.RECORDING_ON);
            }
        };
        vm.recordingOnProperty().addListener((o, a, b) -> recordLook.run());
        Tooltip recordTip = new Tooltip();
        Hotkeys.bindTip(recordTip, vm.hotkeys(), Hotkey.RECORD, javafx.beans.binding.Bindings.when(vm.recordingOnProperty())
                .then("Stop the recording: its file is closed and playable; a stream goes on")
                .otherwise("Record the program to a file on this computer, live or not, into the folder set in Settings"));
        record.setTooltip(recordTip);
        record.setOnAction(e -> vm.toggleRecording());

        Button goLive = new Button();
        goLive.setId("go-live");
        goLive.getStyleClass().add(Css.GO_LIVE);
        goLive.textProperty().bind(vm.goLiveTextProperty());
        goLive.disableProperty().bind(vm.goLiveDisabledProperty());
        goLive.setGraphic(StudioIcon.GO_LIVE.node(18));
        vm.liveStateProperty().addListener((o, a, s) -> {
            boolean end = s == LiveState.LIVE || s == LiveState.ENDING;
            goLive.setGraphic((end ? StudioIcon.END_LIVE : StudioIcon.GO_LIVE).node(18));
            goLive.getStyleClass().removeAll(Css.GO_LIVE, Css.END_LIVE);
            goLive.getStyleClass().add(end ? Css.END_LIVE : Css.GO_LIVE);
        });
        Tooltip goLiveTip = new Tooltip();
        Hotkeys.bindTip(goLiveTip, vm.hotkeys(), Hotkey.GO_LIVE, javafx.beans.binding.Bindings.when(vm.liveProperty())
                .then("End the broadcast (asks first)")
                .otherwise("Send the program to the destinations and the recording"));
        goLive.setTooltip(goLiveTip);
        goLive.setOnAction(e -> onGoLive.run());
        goLive.setDefaultButton(false);

        getChildren().addAll(name, left, badge, timer, right, settings, record, goLive);
    }
}
