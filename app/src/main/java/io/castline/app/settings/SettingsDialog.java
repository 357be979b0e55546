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
 * The settings dialog: stream destinations, encoder, video (canvas and sources), recording. Every
 * field shows its own problem under it as the host types; Save is enabled only when nothing is
 * wrong. Stream keys sit in password fields and are never shown.
 */
public final class SettingsDialog extends Dialog<ButtonType> {
    private final SettingsViewModel vm;

    public SettingsDialog(Window owner, SettingsViewModel vm, boolean live) {
        this.vm = vm;
        initOwner(owner);
        setTitle("Settings");
        setHeaderText(null);
        setResizable(true);
        getDialogPane().getStyleClass().add(Css.SETTINGS);
        getDialogPane().getStylesheets().add(Css.STYLESHEET);
        getDialogPane().setId("settings-dialog");

        TabPane tabs = new TabPane(
                tab("Stream", destinations()),
                tab("Encoder", encoder()),
                tab("Video & audio", video()),
                tab("Recording", recording()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // tall enough for the Stream tab without scrolling where the screen allows (laptops of 768 px scroll)
        double screen = javafx.stage.Screen.getPrimary().getVisualBounds().getHeight();
        tabs.setPrefSize(640, Math.max(420, Math.min(570, screen - 200)));

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

    private Node destinations() {
        GridPane g = Forms.grid();
        int row = 0;
        for (String d : List.of("primary", "backup")) {
            String title = d.equals("primary") ? "Primary ingest" : "Backup ingest (hot standby)";
            g.add(section(title, d.equals("primary") ? StudioIcon.OUTPUT_PRIMARY : StudioIcon.OUTPUT_BACKUP), 0, row++, 2, 1);
            TextField server = text(d, "rtmp://live.example.com/app");
            // a full publish URL pasted here is split so that its key lands in the masked field
            server.focusedProperty().addListener((o, was, now) -> {
                if (!now) vm.splitPastedUrl(d);
            });
            server.setOnAction(e -> vm.splitPastedUrl(d));
            row = addRow(g, row, "Server", server, d);
            PasswordField key = new PasswordField();
            bind(key, d + "-key");
            key.setPromptText("stream key (kept hidden)");
            row = addRow(g, row, "Stream key", key, d + "-key");
            row = addRow(g, row, "CA file", caFile(d), d + "-ca");
            ConnectionTestViewModel check = vm.connectionTest(d);
            if (check.available()) g.add(connectionTest(d, check), 1, row++);
        }
        Label hint = hint("Copy the server URL and the stream key from the platform's live dashboard. Leave the "
                + "backup empty if the platform has no backup ingest. The key is kept apart from your settings "
                + "(in the system keyring, or a file readable only by you) and never shown. An rtmps:// server must "
                + "prove who it is with a certificate this computer trusts; for a server with its own CA (or a "
                + "self-signed certificate), give that CA's or certificate's PEM file as the CA file.");
        g.add(hint, 0, row, 2, 1);
        return g;
    }

    /** The CA file of an rtmps:// destination: a path, and Browse… to pick it. */
    private Node caFile(String destination) {
        TextField path = text(destination + "-ca", "optional: a PEM file (rtmps only)");
        path.setTooltip(new Tooltip("A CA certificate, or the server's own certificate, as a PEM file. The server's "
                + "host name is still checked. Empty: the certificates this computer trusts."));
        Button browse = new Button("Browse…", StudioIcon.FOLDER.node(14));
        browse.setId("browse-" + destination + "-ca");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("CA or certificate file (PEM)");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PEM certificates", "*.pem", "*.crt", "*.cer"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File current = new File(vm.field(destination + "-ca").value());
            if (current.getParentFile() != null && current.getParentFile().isDirectory()) chooser.setInitialDirectory(current.getParentFile());
            File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) vm.field(destination + "-ca").valueProperty().set(chosen.getAbsolutePath());
        });
        HBox.setHgrow(path, Priority.ALWAYS);
        return new HBox(6, path, browse);
    }

        /** "Test connection" and what it found, in words, beside it: "Connected: …" or "failed: why". */
    private static Node connectionTest(String destination, ConnectionTestViewModel check) {
        Button test = new Button("Test connection", StudioIcon.TEST_CONNECTION.node(14));
        test.setId("test-" + destination);
        test.getStyleClass().add("small-button");
        test.setMinWidth(Region.USE_PREF_SIZE);
        test.setTooltip(new Tooltip("Publish a short test stream (3 s, at most 500 kbps) to this ingest to check the "
                + "server and key; nothing goes live and nothing is saved. It does not measure your upload: Test bandwidth does"));
        test.disableProperty().bind(check.disabledProperty());
        test.setOnAction(e -> check.test());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(check.runningProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label status = new Label();
        status.setId("test-" + destination + "-status");
        status.getStyleClass().add(Css.CONNECTION_STATUS);
        status.setWrapText(true);
        status.textProperty().bind(check.statusProperty());
        Css.bindHealth(status, check.healthProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox box = new HBox(8, test, busy, status);
        box.setAlignment(Pos.CENTER_LEFT);
        GridPane.setMargin(box, new Insets(2, 0, 4, 0));
        return box;
    }

    private Node encoder() {
        GridPane g = Forms.grid();
        int row = 0;
        ComboBox<String> codec = combo("codec", SettingsViewModel.codecs(), false);
        row = addRow(g, row, "Codec", codec, "codec");
        ComboBox<String> preset = combo("preset", vm.presets(), true);
        row = addRow(g, row, "Preset", preset, "preset");
        ComboBox<String> tune = combo("tune", vm.tunes(), true);
        tune.setPromptText("none");
        row = addRow(g, row, "Tune", tune, "tune");
        ComboBox<String> profile = combo("profile", vm.profiles(), true);
        profile.setPromptText("encoder default");
        row = addRow(g, row, "Profile", profile, "profile");
        codec.valueProperty().addListener((o, a, b) -> {
            preset.getItems().setAll(vm.presets());
            tune.getItems().setAll(vm.tunes());
            profile.getItems().setAll(vm.profiles());
        });
        ComboBox<String> rc = combo("rate-control", SettingsViewModel.RATE_CONTROLS, false);
        row = addRow(g, row, "Rate control", rc, "rate-control");
        row = addRow(g, row, "Bitrate", text("bitrate", "2500k"), "bitrate");
        TextField maxrate = text("maxrate", "= bitrate");
        maxrate.disableProperty().bind(vm.field("rate-control").valueProperty().isEqualTo("CBR"));
        row = addRow(g, row, "Max rate", maxrate, "maxrate");
        row = addRow(g, row, "Buffer size", text("bufsize", "1 s of max rate"), "bufsize");
        TextField crf = text("crf", "23");
        crf.disableProperty().bind(vm.field("rate-control").valueProperty().isNotEqualTo("CRF"));
        row = addRow(g, row, "CRF", crf, "crf");
        row = addRow(g, row, "Keyframe interval (s)", text("gop", "2"), "gop");
        TextField bframes = text("bframes", "2");
        // the zerolatency tune sends every frame at once: no B-frames, whatever is typed here
        bframes.disableProperty().bind(vm.field("tune").valueProperty().isEqualTo("zerolatency"));
        bframes.setTooltip(new Tooltip("B-frames between reference frames; none with tune zerolatency"));
        row = addRow(g, row, "B-frames", bframes, "bframes");
        row = addRow(g, row, "Audio bitrate", text("audio-bitrate", "128k"), "audio-bitrate");
        g.add(hint("Same meanings as the ffmpeg options. Rates as 2500k or 6M. CBR is what ingests expect."), 0, row, 2, 1);
        return g;
    }

    private Node video() {
        GridPane g = Forms.grid();
        int row = 0;
        ComboBox<CanvasPreset> preset = new ComboBox<>(FXCollections.observableArrayList(CanvasPreset.ALL));
        preset.setId("field-canvas-preset");
        preset.valueProperty().bindBidirectional(vm.canvasPresetProperty());
        preset.setMaxWidth(Double.MAX_VALUE);
        row = addRow(g, row, "Canvas", preset, null);
        TextField w = text("width", "1280");
        TextField h = text("height", "720");
        w.disableProperty().bind(vm.canvasPresetProperty().isNotEqualTo(CanvasPreset.CUSTOM));
        h.disableProperty().bind(w.disableProperty());
        HBox size = new HBox(6, w, new Label("×"), h);
        size.setAlignment(Pos.CENTER_LEFT);
        row = addRow(g, row, "Size", size, "canvas");
        row = addRow(g, row, "Frame rate", combo("fps", SettingsViewModel.FPS_CHOICES, true), "fps");
        g.add(section("Sources", StudioIcon.MICROPHONE), 0, row++, 2, 1);
        row = addRow(g, row, "Video", combo("video", List.of("testsrc", "camera", "screen"), true), "video");
        row = addRow(g, row, "Audio", combo("audio", List.of("sine", "mic", "none"), true), "audio");
        g.add(hint("Video: testsrc, camera[:NAME], screen[:DISPLAY] or file:PATH. Audio: sine, mic[:NAME], "
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
        TextField dir = text("recording", "folder");
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
        row = addRow(g, row, "Folder", folder, "recording");
        row = addRow(g, row, "Format", combo("recording-format", SettingsViewModel.RECORDING_FORMATS, false), "recording-format");
        folder.disableProperty().bind(vm.recordingEnabledProperty().not());
        g.add(hint("mkv (default) and mp4 (fragmented) stay playable if the computer crashes mid-stream. "
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


    /** Adds "label | control" and, under the control, the field's error (hidden while there is none). */
    private int addRow(GridPane g, int row, String label, Node control, String field) {
        Label l = new Label(label);
        GridPane.setValignment(l, javafx.geometry.VPos.CENTER);
        g.add(l, 0, row);
        g.add(control, 1, row);
        row++;
        if (field != null) {
            var problem = vm.field(field).errorProperty();
            g.add(Forms.fieldError("error-" + field, problem, problem.isNotEmpty()), 1, row++);
            if (control instanceof TextInputControl || control instanceof ComboBox) marksInvalid(control, field);
            else if (control instanceof HBox box) box.getChildren().stream().filter(n -> n instanceof TextInputControl)
                    .forEach(n -> marksInvalid(n, field));
        }
        return row;
    }

    private void marksInvalid(Node control, String field) {
        Runnable mark = () -> control.pseudoClassStateChanged(Css.DANGER, !vm.field(field).error().isEmpty());
        mark.run();
        vm.field(field).errorProperty().addListener((o, a, b) -> mark.run());
    }

    private TextField text(String field, String prompt) {
        TextField t = new TextField();
        bind(t, field);
        t.setPromptText(prompt);
        return t;
    }

    private void bind(TextInputControl control, String field) {
        control.setId("field-" + field);
        control.textProperty().bindBidirectional(vm.field(field).valueProperty());
    }

    private ComboBox<String> combo(String field, List<String> items, boolean editable) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(items));
        c.setId("field-" + field);
        c.setEditable(editable);
        c.setMaxWidth(Double.MAX_VALUE);
        c.valueProperty().bindBidirectional(vm.field(field).valueProperty());
        if (editable) {
            // commit as the host types, so the field's error follows the text (not only on Enter)
            c.getEditor().textProperty().addListener((o, a, b) -> {
                if (c.isFocused() || c.getEditor().isFocused()) vm.field(field).valueProperty().set(b);
            });
        }
        return c;
    }

    private static Label section(String title, StudioIcon icon) {
        Label l = new Label(title, icon.node(16));
        l.getStyleClass().add(Css.PANEL_TITLE);
        GridPane.setMargin(l, new Insets(10, 0, 4, 0));
        return l;
    }

    private static Label hint(String text) {
        Label l = Forms.hint(text);
        GridPane.setMargin(l, new Insets(12, 0, 0, 0));
        return l;
    }
}
