package io.castline.app.audio;

import io.castline.app.ui.Css;
import io.castline.app.ui.StudioIcon;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The audio mixer dock under the preview: one row per channel. */
public final class AudioMixerView extends VBox {
    private final VBox rows = new VBox(6);

    public AudioMixerView(AudioMixerViewModel vm) {
        getStyleClass().addAll(Css.PANEL, Css.MIXER);
        setId("audio-mixer");
        setSpacing(6);
        Label title = new Label("Audio mixer", StudioIcon.VOLUME.node(16));
        title.getStyleClass().add(Css.CARD_TITLE);
        Label empty = new Label();
        empty.getStyleClass().add(Css.MUTED_TEXT);
        empty.textProperty().bind(vm.emptyTextProperty());
        empty.visibleProperty().bind(vm.emptyTextProperty().isNotEmpty());
        empty.managedProperty().bind(empty.visibleProperty());
        getChildren().addAll(title, empty, rows);
        rebuild(vm);
        vm.channels().addListener((ListChangeListener<ChannelStripViewModel>) c -> rebuild(vm));
    }

    private void rebuild(AudioMixerViewModel vm) {
        rows.getChildren().setAll(vm.channels().stream().map(AudioMixerView::strip).toList());
    }

    private static HBox strip(ChannelStripViewModel ch) {
        Label name = new Label(ch.label(), StudioIcon.MICROPHONE.node(14));
        name.setMinWidth(150);
        name.setPrefWidth(170);
        LevelMeter meter = new LevelMeter();
        meter.setId("meter-" + ch.name());
        HBox.setHgrow(meter, Priority.ALWAYS);
        Runnable levels = () -> meter.setLevels(ch.rmsProperty().get(), ch.peakProperty().get());
        ch.rmsProperty().addListener((o, a, b) -> levels.run());
        ch.peakProperty().addListener((o, a, b) -> levels.run());
        meter.setHealth(ch.healthProperty().get());
        ch.healthProperty().addListener((o, a, b) -> meter.setHealth(b));
        Label peak = new Label();
        peak.getStyleClass().add(Css.MUTED_TEXT);
        peak.setMinWidth(52);
        peak.textProperty().bind(ch.peakTextProperty());

        ToggleButton mute = new ToggleButton();
        mute.setId("mute-" + ch.name());
        mute.setTooltip(new Tooltip("Mute this source"));
        mute.selectedProperty().bindBidirectional(ch.mutedProperty());
        mute.graphicProperty().bind(javafx.beans.binding.Bindings.when(mute.selectedProperty())
                .then((javafx.scene.Node) StudioIcon.MUTED.node(14)).otherwise(StudioIcon.VOLUME.node(14)));
        mute.getStyleClass().add("small-button");

        Slider gain = new Slider(ChannelStripViewModel.MIN_GAIN_DB, ChannelStripViewModel.MAX_GAIN_DB, 0);
        gain.setId("gain-" + ch.name());
        gain.setPrefWidth(140);
        gain.setTooltip(new Tooltip("Gain"));
        gain.valueProperty().bindBidirectional(ch.gainDbProperty());
        Label gainText = new Label();
        gainText.getStyleClass().add(Css.MUTED_TEXT);
        gainText.setMinWidth(60);
        gainText.textProperty().bind(ch.gainTextProperty());

        HBox row = new HBox(10, name, meter, peak, mute, gain, gainText);
        row.getStyleClass().add(Css.CHANNEL);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
