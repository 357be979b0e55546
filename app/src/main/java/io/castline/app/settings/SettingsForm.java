package io.castline.app.settings;

import io.castline.app.ui.Css;
import io.castline.app.ui.Forms;
import io.castline.app.ui.StudioIcon;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

import java.util.List;

/**
 * The settings tabs' building blocks: a labelled row whose field shows its problem under it, text
 * fields and combo boxes bound to the form's fields ({@code field-<name>} ids), section titles
 * and hints.
 */
final class SettingsForm {
    private final SettingsViewModel vm;

    SettingsForm(SettingsViewModel vm) {
        this.vm = vm;
    }

    /** Adds "label | control" and, under the control, the field's error (hidden while there is none). */
    int addRow(GridPane g, int row, String label, Node control, String field) {
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

    TextField text(String field, String prompt) {
        TextField t = new TextField();
        bind(t, field);
        t.setPromptText(prompt);
        return t;
    }

    void bind(TextInputControl control, String field) {
        control.setId("field-" + field);
        control.textProperty().bindBidirectional(vm.field(field).valueProperty());
    }

    ComboBox<String> combo(String field, List<String> items, boolean editable) {
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

    Label section(String title, StudioIcon icon) {
        Label l = new Label(title, icon.node(16));
        l.getStyleClass().add(Css.PANEL_TITLE);
        GridPane.setMargin(l, new Insets(10, 0, 4, 0));
        return l;
    }

    Label hint(String text) {
        Label l = Forms.hint(text);
        GridPane.setMargin(l, new Insets(12, 0, 0, 0));
        return l;
    }
}
