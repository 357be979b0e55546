package io.castline.app.planner;

import io.castline.app.ui.Css;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ScrollPane;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * The planner in its own window beside the studio. Not modal: the host can keep an eye on the
 * preview and the outputs (or open Settings) while planning; the figures follow the settings.
 */
public final class PlannerDialog extends Dialog<Void> {

    public PlannerDialog(Window owner, PlannerViewModel vm) {
        initOwner(owner);
        initModality(Modality.NONE);
        setTitle("Bandwidth planner");
        setHeaderText(null);
        setResizable(true);
        getDialogPane().getStyleClass().add(Css.PLANNER);
        getDialogPane().getStylesheets().add(Css.STYLESHEET);
        getDialogPane().setId("planner-dialog");
        ScrollPane scroll = new ScrollPane(new PlannerView(vm));
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // everything at once where the screen allows it; a small laptop screen scrolls
        scroll.setPrefViewportHeight(Math.min(760, Screen.getPrimary().getVisualBounds().getHeight() - 160));
        getDialogPane().setContent(scroll);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("planner-close");
    }
}
