package io.castline.app.layers;

import io.castline.app.ui.Css;
import io.castline.engine.devices.Camera;
import io.castline.engine.devices.CaptureWindow;
import io.castline.engine.devices.Microphone;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Add source" (and a source's settings, to change them): a name and the kind's settings (from the registry, so a new kind needs nothing
 * here), with a file chooser for a path and the cameras found for a device. OK adds the source
 * through the view-model; the engine's problems show under their fields and the dialog stays.
 */
public final class AddSourceDialog extends Dialog<ButtonType> {
    private final Map<String, Supplier<String>> values = new LinkedHashMap<>();
    /** The text fields by setting, for the capture picker to fill. */
    private final Map<String, TextField> texts = new LinkedHashMap<>();
    private final Map<String, Label> problems = new LinkedHashMap<>();
    private final Label general = new Label();
    private final SourceConfig initial;

    /**
     * @param add     adds the source; returns the problems (none: added, the dialog closes)
     * @param devices the cameras and microphones (asked when the dialog opens) and windows (when
     *                the capture list drops down) to pick from
     */
    public AddSourceDialog(Window owner, SourceKind kind, Function<SourceConfig, List<SettingsProblem>> add,
                           CaptureDevices devices) {
        this(owner, kind, null, add, devices);
    }

    /**
     * @param initial the source to edit (its settings fill the form, OK says "Save"), or null to add one
     */
    public AddSourceDialog(Window owner, SourceKind kind, SourceConfig initial, Function<SourceConfig, List<SettingsProblem>> add,
                           CaptureDevices devices) {
        this.initial = initial;
        initOwner(owner);
        setTitle(initial == null ? "Add " + kind.displayName().toLowerCase(java.util.Locale.ROOT) : initial.name() + ": settings");
        setHeaderText(null);
        setResizable(true);
        getDialogPane().getStylesheets().add(Css.STYLESHEET);
        getDialogPane().setId("add-source-dialog");

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.setPadding(new javafx.geometry.Insets(4, 4, 0, 4));
        TextField name = new TextField(initial == null ? kind.displayName() : initial.name());
        name.setId("source-name");
        int row = 0;
        grid.addRow(row++, label("Name"), name);
        if (kind.settingKeys().contains("window") && kind.settingKeys().contains("region")) {
            // what to capture, picked from what there is (as OBS's screen and window sources do):
            // it fills the display, region and window fields below, which stay editable
            grid.addRow(row++, label("Capture"), capturePicker(devices::windows));
        }
        for (SourceForm.Field f : SourceForm.fields(kind)) {
            Node input = input(f, devices);
            grid.addRow(row++, label(f.label()), input);
            Label problem = new Label();
            problem.setId("problem-" + f.key());
            problem.getStyleClass().add(Css.FIELD_PROBLEM);
            problem.setWrapText(true);
            problem.setMaxWidth(420);
            problem.managedProperty().bind(problem.textProperty().isNotEmpty());
            problem.visibleProperty().bind(problem.managedProperty());
            problems.put(f.key(), problem);
            grid.add(problem, 1, row++);
        }
        general.getStyleClass().add(Css.FIELD_PROBLEM);
        general.setId("problem-source");
        general.setWrapText(true);
        general.setMaxWidth(480);
        getDialogPane().setContent(new VBox(10, grid, general));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("add-source-ok");
        ok.setText(initial == null ? "Add" : "Save");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            Map<String, String> typed = new LinkedHashMap<>();
            values.forEach((k, v) -> typed.put(k, v.get()));
            List<SettingsProblem> found = add.apply(SourceForm.config(name.getText(), kind.id(), typed));
            if (!found.isEmpty()) {
                show(found);
                e.consume(); // stays open: nothing was added
            }
        });
    }

    /** One thing a screen source can capture, and the fields it sets. */
    record CaptureChoice(String label, String region, String window) {
        @Override public String toString() { return label; }
    }

    private ComboBox<CaptureChoice> capturePicker(Function<String, List<CaptureWindow>> windows) {
        ComboBox<CaptureChoice> picker = new ComboBox<>();
        picker.setId("source-capture");
        picker.setPromptText("pick a display or a window");
        picker.setMaxWidth(Double.MAX_VALUE);
        Runnable fill = () -> {
            List<CaptureChoice> choices = new java.util.ArrayList<>();
            choices.add(new CaptureChoice("The whole display", "", ""));
            List<javafx.stage.Screen> screens = javafx.stage.Screen.getScreens();
            if (screens.size() > 1) {
                for (int i = 0; i < screens.size(); i++) {
                    javafx.stage.Screen sc = screens.get(i);
                    // the desktop's pixels, not the UI's scaled points
                    javafx.geometry.Rectangle2D b = sc.getBounds();
                    long x = Math.round(b.getMinX() * sc.getOutputScaleX());
                    long y = Math.round(b.getMinY() * sc.getOutputScaleY());
                    long w = Math.round(b.getWidth() * sc.getOutputScaleX()) & ~1L;
                    long h = Math.round(b.getHeight() * sc.getOutputScaleY()) & ~1L;
                    choices.add(new CaptureChoice("Display " + (i + 1) + ": " + w + "×" + h + " at " + x + ", " + y,
                            x + ", " + y + ", " + w + ", " + h, ""));
                }
            }
            TextField display = texts.get("display");
            String on = display == null || display.getText().isBlank() ? null : display.getText().strip();
            for (CaptureWindow w : windows.apply(on)) choices.add(new CaptureChoice("Window: " + w.label(), "", w.id()));
            picker.getItems().setAll(choices);
        };
        fill.run();
        // the windows open now, on the display typed above
        picker.setOnShowing(e -> fill.run());
        picker.valueProperty().addListener((o, a, c) -> {
            if (c == null) return;
            if (texts.containsKey("region")) texts.get("region").setText(c.region());
            if (texts.containsKey("window")) texts.get("window").setText(c.window());
        });
        return picker;
    }

    /** A row's label, never cut short ("Input for…"). */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private void show(List<SettingsProblem> found) {
        problems.values().forEach(l -> l.setText(""));
        StringBuilder rest = new StringBuilder();
        for (SettingsProblem p : found) {
            Label at = problems.get(SourceForm.fieldOf(p));
            if (at != null) at.setText(at.getText().isEmpty() ? p.message() : at.getText() + "; " + p.message());
            else rest.append(rest.length() == 0 ? "" : "\n").append(p);
        }
        general.setText(rest.toString());
    }

    /** What a field starts with: the edited source's setting, else the form's default. */
    private String start(SourceForm.Field f) {
        if (initial == null) return f.initial();
        Object v = initial.settings().get(f.key());
        if (v == null) return "";
        if (v instanceof List<?> list) return String.join(", ", list.stream().map(String::valueOf).toList());
        return String.valueOf(v);
    }

    private Node input(SourceForm.Field f, CaptureDevices found) {
        String id = "source-" + f.key();
        switch (f.input()) {
            case FLAG -> {
                CheckBox box = new CheckBox();
                box.setId(id);
                String v = start(f);
                box.setSelected(v.isEmpty() ? Boolean.parseBoolean(f.initial()) : Boolean.parseBoolean(v));
                values.put(f.key(), () -> Boolean.toString(box.isSelected()));
                return box;
            }
            case CAMERA, MICROPHONE -> {
                ComboBox<String> devices = new ComboBox<>();
                devices.setId(id);
                devices.setEditable(true);
                devices.setPromptText(f.hint());
                // the ids a source opens, each shown with its name
                Map<String, String> names = new LinkedHashMap<>();
                if (f.input() == SourceForm.Input.MICROPHONE) {
                    for (Microphone m : found.microphones()) names.put(m.device(), m.name());
                } else {
                    for (Camera c : found.cameras()) names.put(c.device(), c.name());
                }
                devices.getItems().addAll(names.keySet());
                devices.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
                    @Override protected void updateItem(String item, boolean empty) {
                        super.updateItem(item, empty);
                        String name = item == null ? null : names.get(item);
                        setText(empty || item == null ? null : name == null || name.equals(item) ? item : name + " (" + item + ")");
                    }
                });
                String v = start(f);
                if (!v.isEmpty()) devices.setValue(v);
                else if (initial == null && !devices.getItems().isEmpty()) devices.setValue(devices.getItems().get(0));
                values.put(f.key(), () -> devices.getEditor().getText());
                return devices;
            }
            case FILE -> {
                TextField path = text(id, f);
                Button browse = new Button("Browse…");
                browse.setId(id + "-browse");
                browse.setOnAction(e -> {
                    FileChooser chooser = new FileChooser();
                    chooser.setTitle(f.label());
                    File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
                    if (chosen != null) path.setText(chosen.getAbsolutePath());
                });
                HBox.setHgrow(path, Priority.ALWAYS);
                return new HBox(6, path, browse);
            }
            default -> {
                return text(id, f);
            }
        }
    }

    private TextField text(String id, SourceForm.Field f) {
        TextField t = new TextField(start(f));
        t.setId(id);
        t.setPromptText(f.hint());
        t.setPrefColumnCount(24);
        values.put(f.key(), t::getText);
        texts.put(f.key(), t);
        return t;
    }
}
