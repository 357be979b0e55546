package io.castline.app.audio;

import io.castline.app.ui.Css;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import javafx.beans.value.ObservableValue;
import io.castline.app.ui.StudioIcon;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
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

    private final ObservableValue<Hotkeys> hotkeys;

    public AudioMixerView(AudioMixerViewModel vm, ObservableValue<Hotkeys> hotkeys) {
        this.hotkeys = hotkeys;
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
        rows.getChildren().setAll(vm.channels().stream().map(this::strip).toList());
    }

    private VBox strip(ChannelStripViewModel ch) {
        Label name = new Label(ch.label(), StudioIcon.MICROPHONE.node(14));
        LevelMeter meter = new LevelMeter();
        meter.setId("meter-" + ch.name());
        HBox.setHgrow(meter, Priority.ALWAYS);
        Runnable levels = () -> meter.setLevels(ch.rmsProperty().get(), ch.peakProperty().get());
        ch.rmsProperty().addListener((o, a, b) -> levels.run());
        ch.peakProperty().addListener((o, a, b) -> levels.run());
        meter.setHealth(ch.healthProperty().get());
        ch.healthProperty().addListener((o, a, b) -> meter.setHealth(b));
        Label peak = new Label();
        peak.setId("peak-" + ch.name());
        peak.getStyleClass().add(Css.MUTED_TEXT);
        peak.setMinWidth(52);
        peak.textProperty().bind(ch.peakTextProperty());

        ToggleButton mute = new ToggleButton();
        mute.setId("mute-" + ch.name());
        Tooltip muteTip = new Tooltip();
        Hotkeys.bindTip(muteTip, hotkeys, Hotkey.MUTE, Bindings.when(ch.mutedProperty())
                .then("Muted: click to unmute").otherwise("Mute this source"));
        mute.setTooltip(muteTip);
        mute.selectedProperty().bindBidirectional(ch.mutedProperty());
        // the usual red, struck-through speaker when muted; a toggle "on" in the accent colour read as sound on
        mute.graphicProperty().bind(Bindings.when(mute.selectedProperty())
                .then((Node) StudioIcon.MUTED.node(14)).otherwise(StudioIcon.VOLUME.node(14)));
        mute.getStyleClass().addAll("small-button", Css.MUTE_BUTTON);

        Slider gain = new Slider(ChannelStripViewModel.MIN_GAIN_DB, ChannelStripViewModel.MAX_GAIN_DB, 0);
        gain.setId("gain-" + ch.name());
        gain.setPrefWidth(140);
        gain.setTooltip(new Tooltip("Gain"));
        gain.valueProperty().bindBidirectional(ch.gainDbProperty());
        Label gainText = new Label();
        gainText.getStyleClass().add(Css.MUTED_TEXT);
        gainText.setMinWidth(60);
        gainText.textProperty().bind(ch.gainTextProperty());

        // two rows, so the meter keeps the dock's whole width beside the scenes and sources docks
        name.setMinWidth(60);
        name.setMaxWidth(Double.MAX_VALUE);
        name.setTooltip(new Tooltip(ch.label()));
        HBox.setHgrow(name, Priority.ALWAYS);
        gain.setPrefWidth(90);
        HBox controls = new HBox(8, name, mute, gain, gainText);
        controls.setAlignment(Pos.CENTER_LEFT);
        HBox meterRow = new HBox(8, meter, peak);
        meterRow.setAlignment(Pos.CENTER_LEFT);
        VBox row = new VBox(4, controls, meterRow);

        // a dead source stays told here after its notice has gone: "-∞ dB" alone reads like silence
        Label signal = new Label();
        signal.setId("signal-" + ch.name());
        signal.getStyleClass().add(Css.SIGNAL_WARNING);
        signal.textProperty().bind(ch.signalTextProperty());
        signal.graphicProperty().bind(Bindings.when(ch.noSignalProperty())
                .then((Node) StudioIcon.NO_SIGNAL.node(14)).otherwise(StudioIcon.INFO.node(14)));
        Css.bindHealth(signal, ch.signalHealthProperty());
        Tooltip why = new Tooltip();
        why.textProperty().bind(ch.signalDetailProperty());
        why.setWrapText(true);
        why.setMaxWidth(420);
        signal.setTooltip(why);
        signal.visibleProperty().bind(ch.signalTextProperty().isNotEmpty());
        signal.managedProperty().bind(signal.visibleProperty());

        VBox strip = new VBox(2, row, signal);
        strip.getStyleClass().add(Css.CHANNEL);
        return strip;
    }
}
