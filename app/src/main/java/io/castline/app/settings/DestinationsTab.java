package io.castline.app.settings;

import io.castline.app.ui.Css;
import io.castline.app.ui.Forms;
import io.castline.app.ui.IconButtons;
import io.castline.app.ui.Scrolling;
import io.castline.app.ui.StudioIcon;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.function.Supplier;

/**
 * The Stream tab: the list of destinations, one section each (name, role, server, masked stream
 * key, CA file, Test connection, remove), and "Add destination" up to the engine's limit. The
 * sections are rebuilt when a destination is added or removed; every field stays the form's, so
 * what was typed is kept.
 */
final class DestinationsTab extends VBox {
    private final SettingsViewModel vm;
    private final SettingsForm form;
    private final Supplier<Window> window;
    private final VBox sections = new VBox(6);

    DestinationsTab(SettingsViewModel vm, SettingsForm form, Supplier<Window> window) {
        super(8);
        this.vm = vm;
        this.form = form;
        this.window = window;
        showSections();
        vm.destinationRows().addListener((ListChangeListener<String>) c -> showSections());

        Button add = new Button("Add destination", StudioIcon.ADD.node(14));
        add.setId("add-destination");
        add.setTooltip(new Tooltip("Stream the same show to one more platform or ingest (at most "
                + io.castline.app.profile.StudioProfile.MAX_OUTPUTS + "). Each one needs its share of your upload."));
        add.disableProperty().bind(vm.canAddDestinationProperty().not());
        add.setOnAction(e -> {
            String row = vm.addDestination();
            // the new section is where the host types next: in view, its name chosen for typing over
            javafx.application.Platform.runLater(() -> {
                Node name = lookup("#field-" + row + "-name");
                if (name == null) return;
                Scrolling.reveal(sections.getChildren().get(vm.destinationRows().indexOf(row)));
                name.requestFocus();
                if (name instanceof TextField t) t.selectAll();
            });
        });
        var listProblem = vm.field(io.castline.app.engine.LivePlan.OUTPUTS).errorProperty();
        Label problem = Forms.fieldError("error-outputs", listProblem, listProblem.isNotEmpty());
        Label hint = Forms.hint("Copy the server URL and the stream key from the platform's live dashboard. The primary is "
                + "the ingest whose uplink dynamic bitrate protects; a backup is the platform's hot standby of the same "
                + "show; an extra is another platform. The keys are kept apart from your settings (in the system "
                + "keyring, or a file readable only by you) and never shown. An rtmps:// server must prove who it is "
                + "with a certificate this computer trusts; for a server with its own CA (or a self-signed "
                + "certificate), give that CA's or certificate's PEM file as the CA file. A whip:// server (WebRTC "
                + "ingest: whip://host:port/endpoint) takes the stream key as its bearer token, and H.264 without "
                + "B-frames in the baseline or main profile (Encoder settings).");
        VBox.setMargin(hint, new Insets(6, 0, 0, 0));
        getChildren().addAll(sections, add, problem, hint);
        // Tab through a list taller than the tab: the field that takes the focus comes into view
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) scene.focusOwnerProperty().addListener((f, before, now) -> {
                if (now != null && isInside(now)) Scrolling.reveal(now);
            });
        });
    }

    private boolean isInside(Node n) {
        for (Node p = n; p != null; p = p.getParent()) if (p == this) return true;
        return false;
    }

    private void showSections() {
        sections.getChildren().setAll(vm.destinationRows().stream().map(this::section).toList());
    }

    /** One destination: its title and role's meaning, its fields, its Test connection. */
    private Node section(String d) {
        GridPane g = Forms.grid();
        int row = 0;
        Label title = new Label("", icon(vm.field(d + "-role").value()).node(16));
        title.getStyleClass().add(Css.PANEL_TITLE);
        title.textProperty().bind(Bindings.createStringBinding(() -> titleOf(d),
                vm.field(d + "-name").valueProperty(), vm.field(d + "-role").valueProperty()));
        vm.field(d + "-role").valueProperty().addListener((o, a, b) -> title.setGraphic(icon(b).node(16)));
        title.setId("title-" + d);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button remove = IconButtons.of("remove-" + d, StudioIcon.REMOVE, "Remove this destination (its stream key "
                + "leaves the key store when you save)", () -> vm.removeDestination(d));
        HBox header = new HBox(8, title, grow, remove);
        header.setAlignment(Pos.CENTER_LEFT);
        GridPane.setMargin(header, new Insets(10, 0, 4, 0));
        g.add(header, 0, row++, 2, 1);

        TextField name = form.text(d + "-name", "a name for its card: youtube, shop…");
        ComboBox<String> role = form.combo(d + "-role", SettingsViewModel.ROLES, false);
        role.setTooltip(new Tooltip("primary: the ingest dynamic bitrate protects · backup: its hot standby · "
                + "extra: another platform"));
        // one width in every section, whatever the open list measured
        role.setPrefWidth(120);
        role.setMinWidth(120);
        role.setMaxWidth(120);
        HBox.setHgrow(name, Priority.ALWAYS);
        HBox nameAndRole = new HBox(6, name, new Label("role"), role);
        nameAndRole.setAlignment(Pos.CENTER_LEFT);
        row = form.addRow(g, row, "Name", nameAndRole, d + "-name");
        var roleProblem = vm.field(d + "-role").errorProperty();
        g.add(Forms.fieldError("error-" + d + "-role", roleProblem, roleProblem.isNotEmpty()), 1, row++);

        TextField server = form.text(d, "rtmp://live.example.com/app, srt://… or whip://…/endpoint");
        // a full publish URL pasted here is split so that its key lands in the masked field
        server.focusedProperty().addListener((o, was, now) -> {
            if (!now) vm.splitPastedUrl(d);
        });
        server.setOnAction(e -> vm.splitPastedUrl(d));
        row = form.addRow(g, row, "Server", server, d);
        PasswordField key = new PasswordField();
        form.bind(key, d + "-key");
        key.setPromptText("stream key (kept hidden)");
        row = form.addRow(g, row, "Stream key", key, d + "-key");
        row = form.addRow(g, row, "CA file", caFile(d), d + "-ca");
        ConnectionTestViewModel check = vm.connectionTest(d);
        if (check.available()) g.add(connectionTest(d, check), 1, row);
        return g;
    }

    private String titleOf(String d) {
        String name = vm.field(d + "-name").value().trim();
        String shown = name.isEmpty() ? "Destination" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return shown + switch (vm.field(d + "-role").value()) {
            case "primary" -> " · primary ingest";
            case "backup" -> " · backup ingest (hot standby)";
            default -> " · another platform";
        };
    }

    private static StudioIcon icon(String role) {
        return switch (role) {
            case "primary" -> StudioIcon.OUTPUT_PRIMARY;
            case "backup" -> StudioIcon.OUTPUT_BACKUP;
            default -> StudioIcon.OUTPUT_EXTRA;
        };
    }

    /** The CA file of an rtmps:// destination: a path, and Browse… to pick it. */
    private Node caFile(String destination) {
        TextField path = form.text(destination + "-ca", "optional: a PEM file (rtmps:// or whips://)");
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
            File chosen = chooser.showOpenDialog(window.get());
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
}
