package io.castline.app.studio;

import io.castline.app.ui.Css;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

import java.util.Optional;

/** The questions the studio asks (confirm End Live, pre-flight refusals and warnings). */
final class StudioDialogs {
    private StudioDialogs() {}

    enum WarningChoice { GO_LIVE, TEST_BANDWIDTH, CANCEL }

    /**
     * End Live? The safe answer is the default: Enter, Space on the first focus and Escape all
     * keep the broadcast; ending takes a deliberate click (or Tab to "End Live", then Enter).
     */
    static boolean confirmEnd(Window owner) {
        ButtonType end = new ButtonType("End Live", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Stay live", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = alert(owner, Alert.AlertType.CONFIRMATION, "End the live stream?",
                "Viewers will see the stream end. Every output sends what is queued and closes; the recording is finished.",
                end, keep);
        a.getDialogPane().setId("confirm-end");
        a.getDialogPane().lookupButton(end).setId("confirm-end-live");
        a.getDialogPane().lookupButton(end).getStyleClass().addAll(Css.DANGER_BUTTON, Css.OUTLINED_BUTTON);
        a.getDialogPane().lookupButton(keep).setId("cancel-end-live");
        safeDefault(a, keep, end);
        return a.showAndWait().filter(b -> b == end).isPresent();
    }

    /** Closing the window while live: the same question with the same safe default. */
    static boolean confirmQuitWhileLive(Window owner) {
        ButtonType quit = new ButtonType("End Live and quit", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Stay live", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = alert(owner, Alert.AlertType.CONFIRMATION, "End the live stream and quit?",
                "You are live. Quitting ends the stream for your viewers and finishes the recording.", quit, keep);
        a.getDialogPane().setId("confirm-quit");
        a.getDialogPane().lookupButton(quit).setId("confirm-quit-live");
        a.getDialogPane().lookupButton(quit).getStyleClass().addAll(Css.DANGER_BUTTON, Css.OUTLINED_BUTTON);
        a.getDialogPane().lookupButton(keep).setId("cancel-quit-live");
        safeDefault(a, keep, quit);
        return a.showAndWait().filter(b -> b == quit).isPresent();
    }

    /** Makes {@code safe} the default button (Enter) and the one focused when the dialog opens (Space). */
    private static void safeDefault(Alert a, ButtonType safe, ButtonType... others) {
        Button safeButton = (Button) a.getDialogPane().lookupButton(safe);
        for (ButtonType o : others) ((Button) a.getDialogPane().lookupButton(o)).setDefaultButton(false);
        safeButton.setDefaultButton(true);
        a.setOnShown(e -> safeButton.requestFocus());
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
        ButtonType stay = new ButtonType("Stay off air", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = pf.offerBandwidthTest()
                ? alert(owner, Alert.AlertType.WARNING, "Before you go live", String.join("\n\n", pf.warnings()), test, go, stay)
                : alert(owner, Alert.AlertType.WARNING, "Before you go live", String.join("\n\n", pf.warnings()), go, stay);
        a.getDialogPane().setId("preflight-warning");
        a.getDialogPane().lookupButton(go).setId("preflight-go-live");
        if (pf.offerBandwidthTest()) a.getDialogPane().lookupButton(test).setId("preflight-test");
        // going live despite a warning is a choice made on purpose, not by Enter
        if (pf.offerBandwidthTest()) safeDefault(a, test, go, stay);
        else safeDefault(a, stay, go);
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == stay) return WarningChoice.CANCEL;
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
