package io.castline.app.remote;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.castline.app.ui.Css;
import io.castline.app.ui.StudioIcon;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.Map;

/**
 * "Remote" in the top bar: serve the producer's web remote, for this computer or the network, and
 * the link to open on the phone as a QR code with the token in it — shown only right after the
 * token is made (closing the dialog hides it for good; "New token" makes another and the old one
 * stops working). Not modal: the studio goes on while a phone scans.
 */
public final class RemoteDialog extends Dialog<Void> {
    private static final int QR_SIZE = 220;

    public RemoteDialog(Window owner, RemoteViewModel vm) {
        initOwner(owner);
        initModality(Modality.NONE);
        setTitle("Producer's remote");
        getDialogPane().getStylesheets().add(Css.STYLESHEET);
        getDialogPane().setId("remote-dialog");

        Label about = new Label("A phone or tablet runs the show from its browser: scenes, products, countdowns, "
                + "Next cue, and the health of every output.");
        about.setWrapText(true);
        CheckBox enabled = new CheckBox("Serve the remote");
        enabled.setId("remote-enabled");
        enabled.selectedProperty().bindBidirectional(vm.enabledProperty());
        CheckBox lan = new CheckBox("Let devices on this network connect (otherwise this computer only)");
        lan.setId("remote-lan");
        lan.selectedProperty().bindBidirectional(vm.lanProperty());
        TextField port = new TextField(String.valueOf(vm.portProperty().get()));
        port.setId("remote-port");
        port.setPrefColumnCount(6);
        Label portProblem = new Label();
        portProblem.getStyleClass().add(Css.FIELD_PROBLEM);
        Runnable applyPort = () -> {
            try {
                int p = Integer.parseInt(port.getText().strip());
                if (p < 1024 || p > 65535) throw new NumberFormatException();
                portProblem.setText("");
                vm.portProperty().set(p);
            } catch (NumberFormatException e) {
                portProblem.setText("a port from 1024 to 65535");
            }
        };
        port.setOnAction(e -> applyPort.run());
        port.focusedProperty().addListener((o, was, focused) -> {
            if (!focused) applyPort.run();
        });
        HBox portRow = new HBox(8, new Label("Port"), port, portProblem);
        portRow.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("remote-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        ImageView qr = new ImageView();
        qr.setId("remote-qr");
        TextField link = new TextField();
        link.setId("remote-link");
        link.setEditable(false);
        Label once = new Label("Shown only now: scan the code with the phone (or copy the link). It opens the remote signed in; "
                + "anyone with it can run your show.");
        once.setWrapText(true);
        once.getStyleClass().add(Css.MUTED_TEXT);
        VBox fresh = new VBox(8, qr, link, once);
        fresh.setAlignment(Pos.CENTER);
        Label seen = new Label();
        seen.setId("remote-token-seen");
        seen.setWrapText(true);
        seen.getStyleClass().add(Css.MUTED_TEXT);
        seen.textProperty().bind(vm.addressProperty().map(a -> "Open " + a + " on the device and type the token. The token "
                + "was shown once, when it was made; to connect a device without it, make a new one (devices using the old "
                + "one are refused).").orElse(""));
        Button newToken = new Button("New token", StudioIcon.KEY.node(14));
        newToken.setId("remote-new-token");
        newToken.setOnAction(e -> vm.newToken());
        newToken.disableProperty().bind(vm.servingProperty().not());
        Runnable showLink = () -> {
            String l = vm.linkProperty().get();
            boolean show = l != null;
            fresh.setVisible(show);
            fresh.setManaged(show);
            seen.setVisible(!show && vm.servingProperty().get());
            seen.setManaged(seen.isVisible());
            if (show) {
                link.setText(l);
                qr.setImage(qrCode(l, QR_SIZE));
            } else {
                link.setText("");
                qr.setImage(null);
            }
            // the window grows with the code and shrinks after (a dialog keeps its first size otherwise)
            var window = getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow();
            if (window != null) window.sizeToScene();
        };
        vm.linkProperty().addListener((o, a, b) -> showLink.run());
        vm.servingProperty().addListener((o, a, b) -> showLink.run());
        showLink.run();

        VBox content = new VBox(10, about, enabled, lan, portRow, status, fresh, seen, newToken);
        content.setPadding(new Insets(12));
        content.setPrefWidth(460);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("remote-close");
        // closed: the token in the link is not shown again
        setOnHidden(e -> vm.tokenSeen());
    }

    /** The QR code of {@code text}, black on white with a quiet zone, {@code size} pixels square. */
    static WritableImage qrCode(String text, int size) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of the link: " + e.getMessage(), e);
        }
        WritableImage image = new WritableImage(m.getWidth(), m.getHeight());
        PixelWriter w = image.getPixelWriter();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) w.setArgb(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
        }
        return image;
    }
}
