package io.castline.app.settings;

import io.castline.app.ui.Forms;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Settings → Hotkeys: one row per studio shortcut. The host clicks an action's field and presses
 * the keys (as in OBS); what is wrong with them (a letter alone, a clash with another action)
 * shows under the field, and Save waits until it is mended. Tab and Shift+Tab still move between
 * the fields, and Escape still closes the dialog: they are never shortcuts.
 */
final class HotkeysTab extends VBox {

    HotkeysTab(SettingsViewModel vm, SettingsForm form) {
        setSpacing(10);
        GridPane g = Forms.grid();
        int row = 0;
        for (Hotkey k : Hotkey.values()) {
            TextField keys = new TextField();
            keys.setId("field-" + SettingsViewModel.hotkeyField(k));
            keys.setEditable(false);
            keys.setPromptText("press the keys");
            keys.setTooltip(new Tooltip(k.action() + ". Click here and press the keys to use."));
            keys.textProperty().bind(Bindings.createStringBinding(() -> vm.hotkeyText(k),
                    vm.field(SettingsViewModel.hotkeyField(k)).valueProperty()));
            keys.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (passesThrough(e)) return;
                e.consume();
                KeyCombination c = Hotkeys.fromEvent(e);
                if (c != null) vm.setHotkey(k, c.getName());
            });
            HBox.setHgrow(keys, Priority.ALWAYS);
            Button reset = new Button("Default");
            reset.setId("hotkey-default-" + k.id());
            reset.getStyleClass().add("small-button");
            reset.setTooltip(new Tooltip("Back to " + Hotkeys.defaults().keys(k)));
            reset.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.hotkeyText(k).equals(
                    Hotkeys.defaults().keys(k)), vm.field(SettingsViewModel.hotkeyField(k)).valueProperty()));
            reset.setOnAction(e -> vm.resetHotkey(k));
            HBox line = new HBox(6, keys, reset);
            line.setAlignment(Pos.CENTER_LEFT);
            row = form.addRow(g, row, k.title(), line, SettingsViewModel.hotkeyField(k));
        }
        Button all = new Button("All back to the defaults");
        all.setId("hotkeys-defaults");
        all.setOnAction(e -> vm.resetHotkeys());
        g.add(form.hint("Click a field and press the keys. A letter, digit or sign needs Ctrl (⌘ on macOS) or Alt with "
                + "it, so that typing in a field never fires one; F1 to F12 may stand alone. The scene keys are one "
                + "combination with 1: scene 2 is the same with 2, and so on to 9."), 0, row++, 2, 1);
        getChildren().addAll(g, all);
    }

    /** Tab moves the focus and Escape closes the dialog, as everywhere: they are not taken as keys. */
    private static boolean passesThrough(KeyEvent e) {
        boolean plain = !e.isShortcutDown() && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown();
        return (e.getCode() == KeyCode.TAB && plain) || (e.getCode() == KeyCode.ESCAPE && plain && !e.isShiftDown());
    }
}
