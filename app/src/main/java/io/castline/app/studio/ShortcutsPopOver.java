package io.castline.app.studio;

import io.castline.app.ui.Css;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import javafx.beans.value.ObservableValue;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.controlsfx.control.PopOver;

/**
 * The keyboard shortcuts ({@link Hotkey}) in a ControlsFX {@link PopOver} pointing at the top
 * bar's keyboard button. A glance, not a question: it is not modal and takes no focus, so the
 * studio goes on taking its keys (a shortcut read here can be used at once); Escape or a click
 * anywhere else closes it, and F1 or the button toggles it. A plain JavaFX popup has no arrow,
 * no placement against its anchor and no way of staying inside the window; a dialog would block
 * the window (the list was a modal Alert before).
 */
final class ShortcutsPopOver {
    /** The arrow's tip this far below the button (ControlsFX puts it 4 px inside it). */
    private static final double ARROW_GAP = 3;
    /** AtlantaFX Primer Dark's -color-bg-overlay, the bubble's fill. */
    private static final Color OPAQUE_FILL = Color.web("#0d1117");
    private final Node anchor;
    private final PopOver popOver;

    ShortcutsPopOver(Node anchor, ObservableValue<Hotkeys> hotkeys) {
        this.anchor = anchor;
        popOver = new PopOver(content(hotkeys.getValue()));
        // keys changed in Settings read here at once
        hotkeys.addListener((o, a, b) -> popOver.setContentNode(content(b)));
        popOver.setTitle("Keyboard shortcuts");
        popOver.setHeaderAlwaysVisible(true);
        popOver.setCloseButtonEnabled(false); // Escape, a click elsewhere, F1 or the button close it
        popOver.setDetachable(false);
        // the button is at the top right: the list hangs below it, to the left, inside the window
        popOver.setArrowLocation(PopOver.ArrowLocation.TOP_RIGHT);
        popOver.setAutoHide(true);
        popOver.setHideOnEscape(true);
        // the press that closes it is not also a press on what was clicked (the button would reopen it)
        popOver.setConsumeAutoHidingEvents(true);
        popOver.setFadeInDuration(Duration.millis(120));
        popOver.setFadeOutDuration(Duration.millis(120));
        popOver.getStyleClass().add(Css.SHORTCUTS_POPOVER);
        // ControlsFX puts its own light popover.css on the root; the studio's dark parts come after it
        popOver.getRoot().getStylesheets().add(Css.STYLESHEET);
        // without a compositor (some X11 desktops, Xvfb) a popup cannot be see-through: the margin
        // around the bubble (arrow, shadow) would show white; the bubble's own colour reads as one panel
        if (!Platform.isSupported(ConditionalFeature.TRANSPARENT_WINDOW)) popOver.getScene().setFill(OPAQUE_FILL);
    }

    /** F1 and the keyboard button: opens the list, or closes it when it is open. */
    void toggle() {
        if (popOver.isShowing()) popOver.hide();
        else popOver.show(anchor, -ARROW_GAP);
    }

    boolean isShowing() { return popOver.isShowing(); }

    private static Node content(Hotkeys hotkeys) {
        GridPane grid = new GridPane();
        grid.setId("shortcuts");
        grid.getStyleClass().add(Css.SHORTCUTS);
        grid.setHgap(18);
        grid.setVgap(6);
        int row = 0;
        for (Hotkey k : Hotkey.values()) {
            Label keys = new Label(hotkeys.keys(k));
            keys.getStyleClass().add(Css.SHORTCUT_KEYS);
            keys.setId("shortcut-keys-" + k.name().toLowerCase(java.util.Locale.ROOT));
            Label action = new Label(k.action());
            action.setId("shortcut-action-" + k.name().toLowerCase(java.util.Locale.ROOT));
            // a long one wraps: the list stays narrow enough to hang inside the window under its button
            action.setWrapText(true);
            action.setMaxWidth(360);
            grid.addRow(row++, keys, action);
        }
        Label more = new Label("Tab and Shift+Tab move between the controls; Space presses the one with the blue "
                + "ring. In a question, Enter and Escape take the safe answer. Escape closes this list. Settings → Hotkeys "
                + "changes the keys.");
        more.setWrapText(true);
        more.setMaxWidth(420);
        more.getStyleClass().add(Css.HINT);
        GridPane.setMargin(more, new Insets(10, 0, 0, 0));
        grid.add(more, 0, row, 2, 1);
        return grid;
    }
}
