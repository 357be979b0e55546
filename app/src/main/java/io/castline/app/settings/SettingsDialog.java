package io.castline.app.settings;

import io.castline.app.ui.Css;
import io.castline.app.ui.Forms;
import io.castline.app.ui.StudioIcon;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.List;
import java.util.Optional;

/**
 * The settings dialog: stream destinations, encoder, video (canvas and sources), recording, hotkeys. Every
 * field shows its own problem under it as the host types; Save is enabled only when nothing is
 * wrong. Stream keys sit in password fields and are never shown.
 */
public final class SettingsDialog extends Dialog<ButtonType> {
    private final SettingsViewModel vm;
    private final SettingsForm form;

    public SettingsDialog(Window owner, SettingsViewModel vm, boolean live) {
        this.vm = vm;
        this.form = new SettingsForm(vm);
        initOwner(owner);
        setTitle("Settings");
        setHeaderText(null);
        setResizable(true);
        getDialogPane().getStyleClass().add(Css.SETTINGS);
        getDialogPane().getStylesheets().add(Css.STYLESHEET);
        getDialogPane().setId("settings-dialog");

        TabPane tabs = new TabPane(
                tab("Stream", new DestinationsTab(vm, form, () -> getDialogPane().getScene().getWindow())),
                tab("Encoder", encoder()),
                tab("Video & audio", video()),
                tab("Recording", recording()),
                tab("Hotkeys", new HotkeysTab(vm, form)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // tall enough for the Stream tab's primary and backup without scrolling where the screen allows
        // (laptops of 768 px scroll, and so does a third destination)
        double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getHeight();
        tabs.setPrefSize(640, Math.max(420, Math.min(680, screen - 200)));

        Label summary = new Label();
        summary.setId("settings-summary");
        summary.getStyleClass().add(Css.FIELD_ERROR);
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        // an empty line would only push the buttons down
        summary.managedProperty().bind(vm.summaryProperty().isNotEmpty());
        summary.visibleProperty().bind(summary.managedProperty());
        Label liveNote = new Label("You are live: changes apply at the next Go Live.");
        liveNote.getStyleClass().add(Css.HINT);
        liveNote.setVisible(live);
        liveNote.setManaged(live);
        // in line with the fields above (the tabs' content is inset by 14 px), not at the window's edge
        summary.setPadding(new Insets(0, 14, 0, 14));
        liveNote.setPadding(new Insets(0, 14, 0, 14));
        VBox content = new VBox(8, tabs, summary, liveNote);
        getDialogPane().setContent(content);

        ButtonType save = new ButtonType("Save", ButtonType.OK.getButtonData());
        getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        Node saveButton = getDialogPane().lookupButton(save);
        saveButton.setId("settings-save");
        saveButton.disableProperty().bind(vm.validProperty().not());
        getDialogPane().lookupButton(ButtonType.CANCEL).setId("settings-cancel");
        setResultConverter(b -> b == save ? ButtonType.OK : ButtonType.CANCEL);
    }

    /** Shows the dialog; the checked profile fields when the host saved, else empty. */
    public Optional<io.castline.app.profile.StudioProfile> ask() {
        return showAndWait().filter(b -> b == ButtonType.OK && vm.validProperty().get()).map(b -> vm.toProfile());
    }

    // ---- tabs -----------------------------------------------------------------------------

    private Node encoder() {
        GridPane g = Forms.grid();
        int row = 0;
        ComboBox<String> codec = form.combo("codec", SettingsViewModel.codecs(), false);
        row = form.addRow(g, row, "Codec", codec, "codec");
        ComboBox<String> preset = form.combo("preset", vm.presets(), true);
        row = form.addRow(g, row, "Preset", preset, "preset");
        ComboBox<String> tune = form.combo("tune", vm.tunes(), true);
        tune.setPromptText("none");
        row = form.addRow(g, row, "Tune", tune, "tune");
        ComboBox<String> profile = form.combo("profile", vm.profiles(), true);
        profile.setPromptText("encoder default");
        row = form.addRow(g, row, "Profile", profile, "profile");
        codec.valueProperty().addListener((o, a, b) -> {
            preset.getItems().setAll(vm.presets());
            tune.getItems().setAll(vm.tunes());
            profile.getItems().setAll(vm.profiles());
        });
        ComboBox<String> rc = form.combo("rate-control", SettingsViewModel.RATE_CONTROLS, false);
        row = form.addRow(g, row, "Rate control", rc, "rate-control");
        row = form.addRow(g, row, "Bitrate", form.text("bitrate", "2500k"), "bitrate");
        TextField maxrate = form.text("maxrate", "= bitrate");
        maxrate.disableProperty().bind(vm.field("rate-control").valueProperty().isEqualTo("CBR"));
        row = form.addRow(g, row, "Max rate", maxrate, "maxrate");
        row = form.addRow(g, row, "Buffer size", form.text("bufsize", "1 s of max rate"), "bufsize");
        TextField crf = form.text("crf", "23");
        crf.disableProperty().bind(vm.field("rate-control").valueProperty().isNotEqualTo("CRF"));
        row = form.addRow(g, row, "CRF", crf, "crf");
        row = form.addRow(g, row, "Keyframe interval (s)", form.text("gop", "2"), "gop");
        TextField bframes = form.text("bframes", "2");
        // the zerolatency tune sends every frame at once: no B-frames, whatever is typed here
        bframes.disableProperty().bind(vm.field("tune").valueProperty().isEqualTo("zerolatency"));
        bframes.setTooltip(new Tooltip("B-frames between reference frames; none with tune zerolatency"));
        row = form.addRow(g, row, "B-frames", bframes, "bframes");
        row = form.addRow(g, row, "Audio bitrate", form.text("audio-bitrate", "128k"), "audio-bitrate");
        g.add(form.hint("Same meanings as the ffmpeg options. Rates as 2500k or 6M. CBR is what ingests expect."), 0, row, 2, 1);
        return g;
    }

    private Node video() {
        GridPane g = Forms.grid();
        int row = 0;
        ComboBox<CanvasPreset> preset = new ComboBox<>(FXCollections.observableArrayList(CanvasPreset.ALL));
        preset.setId("field-canvas-preset");
        preset.valueProperty().bindBidirectional(vm.canvasPresetProperty());
        preset.setMaxWidth(Double.MAX_VALUE);
        row = form.addRow(g, row, "Canvas", preset, null);
        TextField w = form.text("width", "1280");
        TextField h = form.text("height", "720");
        w.disableProperty().bind(vm.canvasPresetProperty().isNotEqualTo(CanvasPreset.CUSTOM));
        h.disableProperty().bind(w.disableProperty());
        HBox size = new HBox(6, w, new Label("×"), h);
        size.setAlignment(Pos.CENTER_LEFT);
        row = form.addRow(g, row, "Size", size, "canvas");
        row = form.addRow(g, row, "Frame rate", form.combo("fps", SettingsViewModel.FPS_CHOICES, true), "fps");
        g.add(form.section("Sources", StudioIcon.MICROPHONE), 0, row++, 2, 1);
        row = form.addRow(g, row, "Video", form.combo("video", List.of("testsrc", "camera", "screen"), true), "video");
        row = form.addRow(g, row, "Audio", form.combo("audio", List.of("sine", "mic", "none"), true), "audio");
        g.add(form.hint("Video: testsrc, camera[:NAME], screen[:DISPLAY] or file:PATH. Audio: sine, mic[:NAME], "
                + "file:PATH or none. 'castline devices' lists what this machine has."), 0, row, 2, 1);
        return g;
    }

    private Node recording() {
        GridPane g = Forms.grid();
        int row = 0;
        CheckBox on = new CheckBox("Record every broadcast to a file on this computer");
        on.setId("field-recording-enabled");
        on.selectedProperty().bindBidirectional(vm.recordingEnabledProperty());
        g.add(on, 0, row++, 2, 1);
        TextField dir = form.text("recording", "folder");
        Button browse = new Button("Browse…", StudioIcon.FOLDER.node(14));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for recordings");
            File current = new File(vm.field("recording").value());
            if (current.isDirectory()) chooser.setInitialDirectory(current);
            File chosen = chooser.showDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) vm.field("recording").valueProperty().set(chosen.getAbsolutePath());
        });
        HBox.setHgrow(dir, Priority.ALWAYS);
        HBox folder = new HBox(6, dir, browse);
        row = form.addRow(g, row, "Folder", folder, "recording");
        row = form.addRow(g, row, "Format", form.combo("recording-format", SettingsViewModel.RECORDING_FORMATS, false), "recording-format");
        folder.disableProperty().bind(vm.recordingEnabledProperty().not());
        g.add(form.hint("mkv (default) and mp4 (fragmented) stay playable if the computer crashes mid-stream. "
                + "Each Go Live writes a new file named castline-<date>-<time>."), 0, row, 2, 1);
        return g;
    }

    // ---- building blocks --------------------------------------------------------------------

    private static Tab tab(String title, Node content) {
        VBox box = new VBox(content);
        box.setPadding(new Insets(14));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return new Tab(title, scroll);
    }
}
