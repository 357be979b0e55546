package io.castline.app.studio;

import io.castline.app.ui.Css;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

import java.util.Optional;

/** The questions the studio asks: confirm End Live, pre-flight refusals and warnings. */
final class StudioDialogs {
    private StudioDialogs() {}

    enum WarningChoice { GO_LIVE, TEST_BANDWIDTH, CANCEL }

    static boolean confirmEnd(Window owner) {
        ButtonType end = new ButtonType("End Live", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Stay live", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = alert(owner, Alert.AlertType.CONFIRMATION, "End the live stream?",
                "Viewers will see the stream end. Every output sends what is queued and closes; the recording is finished.",
                end, keep);
        a.getDialogPane().lookupButton(end).setId("confirm-end-live");
        a.getDialogPane().lookupButton(keep).setId("cancel-end-live");
        // Enter must not end a broadcast by accident
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(end)).setDefaultButton(false);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        return a.showAndWait().filter(b -> b == end).isPresent();
    }

    /** @return true when the host wants to open the settings */
    static boolean refused(Window owner, PreFlight pf) {
        ButtonType settings = new ButtonType("Open Settings", ButtonBar.ButtonData.OK_DONE);
        Alert a = alert(owner, Alert.AlertType.ERROR, "Cannot go live yet",
                "• " + String.join("\n• ", pf.errors()), settings, ButtonType.CLOSE);
        a.getDialogPane().lookupButton(settings).setId("preflight-open-settings");
        a.getDialogPane().setId("preflight-refused");
        return a.showAndWait().filter(b -> b == settings).isPresent();
    }

    static WarningChoice warned(Window owner, PreFlight pf) {
        ButtonType test = new ButtonType("Test bandwidth", ButtonBar.ButtonData.OTHER);
        ButtonType go = new ButtonType("Go live anyway", ButtonBar.ButtonData.OK_DONE);
        Alert a = pf.offerBandwidthTest()
                ? alert(owner, Alert.AlertType.WARNING, "Before you go live", String.join("\n\n", pf.warnings()), test, go,
                ButtonType.CANCEL)
                : alert(owner, Alert.AlertType.WARNING, "Before you go live", String.join("\n\n", pf.warnings()), go,
                ButtonType.CANCEL);
        a.getDialogPane().setId("preflight-warning");
        a.getDialogPane().lookupButton(go).setId("preflight-go-live");
        if (pf.offerBandwidthTest()) a.getDialogPane().lookupButton(test).setId("preflight-test");
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) return WarningChoice.CANCEL;
        return r.get() == go ? WarningChoice.GO_LIVE : WarningChoice.TEST_BANDWIDTH;
    }

    private static Alert alert(Window owner, Alert.AlertType type, String header, String text, ButtonType... buttons) {
        Alert a = new Alert(type, "", buttons);
        a.initOwner(owner);
        a.setTitle("Castline Studio");
        a.setHeaderText(header);
        Label body = new Label(text);
        body.setWrapText(true);
        body.setMaxWidth(520);
        a.getDialogPane().setContent(body);
        a.getDialogPane().getStylesheets().add(Css.STYLESHEET);
        return a;
    }
}
