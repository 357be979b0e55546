package io.castline.app.products;

import io.castline.app.ui.Css;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import io.castline.app.ui.IconButtons;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.commerce.Product;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The products dock: the catalogue with the pinned product marked, pin / previous / next, the
 * chosen product's price, compare-at price and stock (typed and applied with Enter, as a live edit
 * the card shows at once), and the show's countdowns under it.
 */
public final class ProductsView extends VBox {
    private final ProductsViewModel vm;
    private final ListView<Product> list = new ListView<>();
    private final TextField price = field("product-price", "19.99");
    private final TextField compareAt = field("product-compare-at", "none");
    private final TextField stock = field("product-stock", "untracked");
    private final Label problem = new Label();
    private final Button soldOut = new Button("Sold out");
    /** The SKU of the product chosen last, to choose it again when the list is set anew. */
    private String chosenSku;

    public ProductsView(ProductsViewModel vm, CountdownsViewModel countdowns, ObservableValue<Hotkeys> hotkeys) {
        this.vm = vm;
        setId("products-dock");
        setSpacing(6);
        Label pinned = new Label();
        pinned.setId("pinned-product");
        pinned.getStyleClass().add(Css.MUTED_TEXT);
        pinned.textProperty().bind(vm.pinnedProperty().map(p -> "On the card: " + p.displayTitle()).orElse("No card up"));
        pinned.setMinWidth(0);

        list.setId("product-list");
        list.setItems(vm.products());
        list.setCellFactory(l -> new ProductCell());
        list.setPrefHeight(110);
        list.setMinHeight(70);
        list.setPlaceholder(new Label("No products yet: import a catalogue (the button below)"));
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && chosen() != null) vm.togglePin(chosen().sku());
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) chosenSku = p.sku();
            showChosen();
        });
        vm.pinnedProperty().addListener((o, a, p) -> {
            list.refresh();
            if (p != null) list.getSelectionModel().select(p);
        });

        Button pin = new Button("Pin", StudioIcon.PIN.node(14));
        pin.setId("product-pin");
        pin.getStyleClass().add(Css.ACCENT_BUTTON);
        pin.setTooltip(new Tooltip("Put the chosen product on the product cards (Enter in the list; again to take it down)"));
        pin.setOnAction(e -> {
            if (chosen() != null) vm.togglePin(chosen().sku());
        });
        pin.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        // on the chosen product when it is the one on the cards: the same button takes it down
        pin.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            Product chosen = list.getSelectionModel().getSelectedItem();
            Product on = vm.pinnedProperty().get();
            return chosen != null && on != null && chosen.sku().equals(on.sku()) ? "Take down" : "Pin";
        }, list.getSelectionModel().selectedItemProperty(), vm.pinnedProperty()));
        Button unpin = IconButtons.of("product-unpin", StudioIcon.UNPIN, "Take the product card down", vm::unpin);
        unpin.setTooltip(Hotkeys.tooltip(hotkeys, Hotkey.UNPIN, "Take the product card down"));
        unpin.disableProperty().bind(vm.pinnedProperty().isNull());
        Button previous = IconButtons.of("product-previous", StudioIcon.PREVIOUS, "Pin the previous product", vm::pinPrevious);
        previous.setTooltip(Hotkeys.tooltip(hotkeys, Hotkey.PIN_PREVIOUS, "Pin the previous product"));
        Button next = IconButtons.of("product-next", StudioIcon.NEXT, "Pin the next product", vm::pinNext);
        next.setTooltip(Hotkeys.tooltip(hotkeys, Hotkey.PIN_NEXT, "Pin the next product"));
        Button importFile = IconButtons.of("product-import", StudioIcon.IMPORT,
                "Import products: a Shopify product CSV export, a CSV or a JSON file", this::importCatalogue);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(4, pin, previous, next, unpin, gap, importFile);
        buttons.setAlignment(Pos.CENTER_LEFT);

        GridPane edit = new GridPane();
        edit.setHgap(6);
        edit.setVgap(2);
        edit.addRow(0, caption("Price"), caption("Compare at"), caption("Stock"));
        edit.addRow(1, price, compareAt, stock, soldOut);
        // one click when the last one went: the card says SOLD OUT from the next frame (undo brings
        // the stock back); typing 0 in the stock field does the same
        soldOut.setId("product-sold-out");
        soldOut.setMinWidth(Region.USE_PREF_SIZE); // the fields give way, not the button's word
        soldOut.setTooltip(new Tooltip("Mark the chosen product sold out: its card says so on air"));
        soldOut.setOnAction(e -> {
            if (chosen() == null) return;
            String refused = vm.markSoldOut(chosen().sku());
            problem.setText(refused == null ? "" : refused);
            problem.setVisible(refused != null);
        });
        commitOnEnter(price, vm::editPrice);
        commitOnEnter(compareAt, vm::editCompareAtPrice);
        commitOnEnter(stock, vm::editStock);
        problem.setId("product-problem");
        problem.getStyleClass().add(Css.FIELD_PROBLEM);
        problem.setWrapText(true);
        problem.setManaged(false);
        problem.visibleProperty().addListener((o, a, v) -> problem.setManaged(v));
        problem.setVisible(false);
        // the fields follow the catalogue: an undo, the remote or a countdown's end changes them too; the
        // list is set anew then, and the product chosen stays chosen (what is being typed is kept)
        vm.products().addListener((javafx.collections.ListChangeListener<Product>) c -> {
            String sku = chosenSku;
            if (sku != null && (chosen() == null || !chosen().sku().equals(sku))) {
                vm.products().stream().filter(q -> q.sku().equals(sku)).findFirst().ifPresent(q -> list.getSelectionModel().select(q));
            }
            showChosen();
        });
        showChosen();

        VBox countdownBox = new CountdownsView(countdowns);
        getChildren().addAll(pinned, list, buttons, edit, problem, countdownBox);
    }

    /** A catalogue file, then its currency and shop address, then the import (told as a notice). */
    private void importCatalogue() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Import products");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("Shopify product export, CSV or JSON (*.csv, *.json)", "*.csv", "*.json"));
        java.io.File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) return;
        new ImportDialog(getScene().getWindow(), file.getName(), vm.defaultCurrency()).showAndWait()
                .ifPresent(o -> vm.importCatalogue(file.toPath(), o.currency(), o.store()));
    }

    private Product chosen() {
        return list.getSelectionModel().getSelectedItem();
    }

    /** The fields show the chosen product as the show has it now (a field being typed in keeps its text). */
    private void showChosen() {
        showChosen(false);
    }

    /** @param typedToo also the field being typed in (Escape: the product's value back) */
    private void showChosen(boolean typedToo) {
        Product p = chosen();
        boolean none = p == null;
        for (TextField f : java.util.List.of(price, compareAt, stock)) f.setDisable(none);
        soldOut.setDisable(none || p.soldOut());
        put(price, none ? "" : p.price().toPlainString(), typedToo);
        put(compareAt, none || p.compareAtPrice() == null ? "" : p.compareAtPrice().toPlainString(), typedToo);
        put(stock, none || p.stock() == null ? "" : String.valueOf(p.stock()), typedToo);
        problem.setVisible(false);
        for (TextField f : java.util.List.of(price, compareAt, stock)) f.pseudoClassStateChanged(Css.DANGER, false);
    }

    private static void put(TextField field, String text, boolean typedToo) {
        if (typedToo || !field.isFocused()) field.setText(text);
    }

    /** Enter applies what was typed (Escape puts the product's value back); a refusal is said under the fields. */
    private void commitOnEnter(TextField field, BiFunction<String, String, String> edit) {
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) showChosen(true);
            if (e.getCode() != KeyCode.ENTER || chosen() == null) return;
            String sku = chosen().sku();
            String refused = edit.apply(sku, field.getText());
            if (refused != null) {
                problem.setText(refused);
                problem.setVisible(true);
                field.pseudoClassStateChanged(Css.DANGER, true);
            } else {
                field.pseudoClassStateChanged(Css.DANGER, false);
                list.getItems().stream().filter(q -> q.sku().equals(sku)).findFirst().ifPresent(q -> list.getSelectionModel().select(q));
                problem.setVisible(false);
            }
        });
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(5);
        return f;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.MUTED_TEXT);
        return l;
    }

    /** A product's row: title and variant, price (compare-at and discount), stock; a pin for the one on the cards. */
    private final class ProductCell extends ListCell<Product> {
        ProductCell() {
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !isEmpty()) vm.togglePin(getItem().sku());
            });
        }

        @Override protected void updateItem(Product p, boolean empty) {
            super.updateItem(p, empty);
            getStyleClass().remove(Css.ON_AIR);
            if (empty || p == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(p.displayTitle());
            name.getStyleClass().add("product-name");
            HBox.setHgrow(name, Priority.ALWAYS);
            name.setMaxWidth(Double.MAX_VALUE);
            Label figures = new Label(figures(p));
            figures.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(90);
            figures.getStyleClass().add(p.soldOut() ? Css.FIELD_PROBLEM : Css.MUTED_TEXT);
            HBox row = new HBox(6, name, figures);
            row.setAlignment(Pos.CENTER_LEFT);
            // as wide as the list, not as the text: the title is cut short, the price stays in sight
            row.setMinWidth(0);
            row.prefWidthProperty().bind(list.widthProperty().subtract(28));
            Product on = vm.pinnedProperty().get();
            if (on != null && on.sku().equals(p.sku())) {
                getStyleClass().add(Css.ON_AIR);
                row.getChildren().add(0, StudioIcon.PIN.node(12));
            }
            setText(null);
            setGraphic(row);
        }
    }

    /** "$19.99 −20% · 3 left", "… · SOLD OUT" (the compare-at price is in the field below). */
    static String figures(Product p) {
        StringBuilder b = new StringBuilder(amount(p, p.price()));
        if (p.discountPercent().isPresent()) b.append(" −").append(p.discountPercent().getAsInt()).append('%');
        if (p.soldOut()) b.append(" · SOLD OUT");
        else if (p.stock() != null) b.append(" · ").append(p.stock()).append(" left");
        return b.toString();
    }

    private static String amount(Product p, BigDecimal a) {
        try {
            return p.format(a, Locale.getDefault(Locale.Category.FORMAT));
        } catch (RuntimeException e) {
            return a.toPlainString() + " " + p.currency();
        }
    }
}
