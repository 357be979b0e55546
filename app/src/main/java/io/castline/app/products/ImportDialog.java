package io.castline.app.products;

import io.castline.app.ui.Css;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * What an import needs that a catalogue file may not say: the currency of its prices (a Shopify
 * export's are in the store's currency, which the file leaves out) and the shop's address, from
 * which a Shopify product's page (the card's QR code) is made.
 */
final class ImportDialog extends Dialog<ImportDialog.Options> {
    record Options(String currency, String store) {}

    ImportDialog(Window owner, String fileName, String currency) {
        initOwner(owner);
        setTitle("Import products");
        setHeaderText("Import the products of " + fileName);
        getDialogPane().getStylesheets().add(Css.STYLESHEET);
        getDialogPane().setId("import-dialog");
        TextField code = new TextField(currency);
        code.setId("import-currency");
        code.setPrefColumnCount(5);
        TextField store = new TextField();
        store.setId("import-store");
        store.setPromptText("https://shop.example (optional)");
        store.setPrefColumnCount(24);
        Label about = new Label("Products with a SKU the show has replace it; the others are added. Rows that cannot be read "
                + "are told by line and column, the others kept. Undo takes the whole import back.");
        about.setWrapText(true);
        about.setMaxWidth(420);
        about.getStyleClass().add(Css.MUTED_TEXT);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("Currency of the prices"), code);
        form.addRow(1, new Label("Shop address"), store);
        form.add(about, 0, 2, 2, 1);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("import-ok");
        setResultConverter(b -> b == ButtonType.OK ? new Options(code.getText(), store.getText()) : null);
    }
}
