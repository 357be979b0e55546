package io.castline.app.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;

/** The docks' small icon buttons (add, remove, move…): an icon, a tooltip that says what it does, an action. */
public final class IconButtons {
    private IconButtons() {}

    public static Button of(String id, StudioIcon icon, String tip, Runnable action) {
        Button b = new Button(null, icon.node(14));
        b.setId(id);
        b.getStyleClass().add("small-button");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
