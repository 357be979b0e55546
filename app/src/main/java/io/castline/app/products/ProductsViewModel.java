package io.castline.app.products;

import io.castline.app.engine.StudioEngine;
import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.notify.Reasons;
import io.castline.app.show.StudioShow;
import io.castline.engine.commerce.Amounts;
import io.castline.engine.commerce.Product;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Show;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The products dock: the show's catalogue, the product pinned on the program's cards, and the live
 * edits a producer makes during a sale. Pinning is not an edit of the show (like switching scenes,
 * undo never takes a card down); a price or stock change is, with undo, and reaches the card on the
 * program from its next frame. Every pin in the studio (a click, a hotkey, a cue, the remote) comes
 * through here, so the dock always marks what the picture shows. UI thread.
 */
public final class ProductsViewModel {
    private final StudioShow show;
    private final StudioEngine engine;
    private final Notifier notifier;
    private final Executor uiThread;
    private final ObservableList<Product> products = FXCollections.observableArrayList();
    private final ObservableList<Product> readOnlyProducts = FXCollections.unmodifiableObservableList(products);
    /** The product on the cards now, as the show has it (its latest price), or null. */
    private final ReadOnlyObjectWrapper<Product> pinned = new ReadOnlyObjectWrapper<>();
    private String pinnedSku;

    public ProductsViewModel(StudioShow show, StudioEngine engine, Notifier notifier, Executor uiThread) {
        this.show = show;
        this.engine = engine;
        this.notifier = notifier;
        this.uiThread = uiThread;
        show.showProperty().addListener((o, a, s) -> refresh(s));
        refresh(show.current());
    }

    private void refresh(Show s) {
        if (!s.products().equals(products)) products.setAll(s.products());
        // a product removed from the catalogue is off the cards too: the program unpins it, and it
        // stays unpinned should it come back (an undo)
        if (pinnedSku != null && s.product(pinnedSku).isEmpty()) pinnedSku = null;
        pinned.set(pinnedSku == null ? null : s.product(pinnedSku).orElse(null));
    }

    /**
     * The program changed a product by itself (a countdown ended sold out): the show takes it in as
     * an edit (so Ctrl+Z can take back a sale ended by mistake), and the dock and the remote show it.
     */
    public void takeProgramChange(Product changed) {
        Optional<Product> now = show.current().product(changed.sku());
        if (now.isEmpty() || now.get().equals(changed)) return;
        String label = changed.soldOut() ? "Sold out: " + changed.displayTitle() : "Change " + changed.displayTitle();
        String refused = editProduct(changed.sku(), label, p -> p.withStock(changed.stock()));
        if (refused != null) notifier.show(Notice.error("product-change", "Could not take in the change of " + changed.displayTitle(), refused));
    }

    /** Pins the product on the program's cards; completes with it (failed with the reason, also told). */
    public CompletableFuture<Optional<Product>> pin(String sku) {
        if (sku == null) return unpin();
        return told(engine.pin(sku), "Could not pin " + title(sku));
    }

    /** Takes the card down. */
    public CompletableFuture<Optional<Product>> unpin() {
        return told(engine.pin(null), "Could not take the product card down");
    }

    /** Pins the one after the pinned product (the first when none is), round the end of the list. */
    public CompletableFuture<Optional<Product>> pinNext() {
        return pinStep(+1);
    }

    public CompletableFuture<Optional<Product>> pinPrevious() {
        return pinStep(-1);
    }

    /** The pin button of a row: pins it, or takes it down when it is the one on the cards. */
    public CompletableFuture<Optional<Product>> togglePin(String sku) {
        return sku != null && sku.equals(pinnedSku) ? unpin() : pin(sku);
    }

    private CompletableFuture<Optional<Product>> pinStep(int step) {
        if (products.isEmpty()) {
            notifier.show(Notice.warning("pin", "No products to pin", "Import a catalogue first: castline products import FILE --show SHOW"));
            return CompletableFuture.completedFuture(Optional.ofNullable(pinned.get()));
        }
        return told(engine.pinStep(step), "Could not pin the " + (step > 0 ? "next" : "previous") + " product");
    }

    private CompletableFuture<Optional<Product>> told(CompletableFuture<Optional<Product>> call, String failure) {
        CompletableFuture<Optional<Product>> done = new CompletableFuture<>();
        call.whenCompleteAsync((now, error) -> {
            if (error != null) {
                notifier.show(Notice.error("pin", failure, Reasons.of(error)));
                done.completeExceptionally(error);
                return;
            }
            notifier.withdraw("pin");
            pinnedSku = now.map(Product::sku).orElse(null);
            refresh(show.current());
            done.complete(now);
        }, uiThread);
        return done;
    }

    /**
     * Sets the product's price (as typed: "19.99"); a compare-at price at or under the new price is
     * dropped, since the card would show no saving. Returns the problem in words, or null when the
     * price is on the card.
     */
    public String editPrice(String sku, String typed) {
        BigDecimal price = Amounts.parse(typed);
        if (price == null) return "'" + typed.strip() + "' is not a price: write it like 19.99";
        return editProduct(sku, "Change the price of " + title(sku), p -> {
            Product q = p.withPrice(price);
            return q.compareAtPrice() != null && q.compareAtPrice().compareTo(price) <= 0 ? q.withCompareAtPrice(null) : q;
        });
    }

    /** Sets the compare-at price (empty: none); the problem in words, or null. */
    public String editCompareAtPrice(String sku, String typed) {
        BigDecimal at = typed == null || typed.isBlank() ? null : Amounts.parse(typed);
        if (at == null && typed != null && !typed.isBlank()) return "'" + typed.strip() + "' is not a price: write it like 24.99";
        return editProduct(sku, "Change the compare-at price of " + title(sku), p -> p.withCompareAtPrice(at));
    }

    /** Sets how many are left (empty: not tracked; 0: sold out); the problem in words, or null. */
    public String editStock(String sku, String typed) {
        Integer stock;
        try {
            stock = typed == null || typed.isBlank() ? null : Integer.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            return "'" + typed.strip() + "' is not a number of items";
        }
        return editProduct(sku, "Change the stock of " + title(sku), p -> p.withStock(stock));
    }

    /** Marks the product sold out (stock 0): the card says SOLD OUT from the next frame. */
    public String markSoldOut(String sku) {
        return editProduct(sku, "Mark " + title(sku) + " sold out", p -> p.withStock(0));
    }

    /**
     * The remote's edit: a new price, compare-at price (0: none) and/or stock (null: unchanged), as
     * one undo step; the refusal in words, or null.
     */
    public String edit(String sku, BigDecimal price, BigDecimal compareAtPrice, Integer stock) {
        return editProduct(sku, "Change " + title(sku) + " from the remote", p -> {
            Product q = p;
            if (price != null) q = q.withPrice(price);
            if (compareAtPrice != null) q = q.withCompareAtPrice(compareAtPrice.signum() == 0 ? null : compareAtPrice);
            if (stock != null) q = q.withStock(stock);
            return q;
        });
    }

    /**
     * One product changed as one undo step, checked by the engine's rules (every problem named by
     * its field: "products[2].price: must be 0 or more"); null when applied.
     */
    private String editProduct(String sku, String label, UnaryOperator<Product> change) {
        Show s = show.current();
        Optional<Product> old = s.product(sku);
        if (old.isEmpty()) return "no product has the SKU '" + sku + "'";
        List<Product> next = new ArrayList<>(s.products());
        next.set(next.indexOf(old.get()), change.apply(old.get()));
        List<SettingsProblem> problems = show.edit(label, shown -> shown.withProducts(next));
        return problems.isEmpty() ? null : String.join("; ", problems.stream().map(SettingsProblem::toString).toList());
    }

    /**
     * Imports a catalogue file (a Shopify product CSV export, a plain CSV, JSON) into the show as one
     * undoable edit: a product with a SKU the show has replaces it where it stands, the others come
     * after; pictures named relative to the file are found from its folder. The rows it could not
     * take are told by line and column, the good ones kept. Returns what happened, in words.
     *
     * @param currency the currency of prices the file does not give (a Shopify export's); blank: none
     * @param store    the shop's address for the products' pages (the card's QR code); blank: none
     */
    public String importCatalogue(java.nio.file.Path file, String currency, String store) {
        String name = String.valueOf(file.getFileName());
        io.castline.engine.commerce.Catalogue read;
        try {
            read = io.castline.engine.commerce.CatalogueImport.read(file, new io.castline.engine.commerce.CatalogueImport.Options(
                    blank(currency) ? null : currency.strip().toUpperCase(java.util.Locale.ROOT), blank(store) ? null : store.strip()));
        } catch (java.io.IOException e) {
            String said = "Could not read " + name + ": " + e.getMessage();
            notifier.show(Notice.error("import", "Products not imported", said));
            return said;
        }
        String problems = leftOut(read.problems());
        if (blank(currency) && read.problems().stream().anyMatch(p -> p.message().startsWith("is required (an ISO 4217"))) {
            problems = "say the currency of the prices (USD, EUR…); " + problems;
        }
        if (read.products().isEmpty()) {
            String said = "No product could be read from " + name + (problems.isEmpty() ? "" : ": " + problems);
            notifier.show(Notice.error("import", "Products not imported", said));
            return said;
        }
        java.nio.file.Path folder = file.toAbsolutePath().getParent();
        List<Product> incoming = read.products().stream()
                .map(p -> io.castline.engine.show.ShowEdits.withAbsoluteImage(p, folder)).toList();
        List<Product> before = show.current().products();
        List<Product> merged = new io.castline.engine.commerce.Catalogue(incoming, List.of()).mergeInto(before);
        List<SettingsProblem> refused = show.edit("Import products from " + name, s -> s.withProducts(merged));
        if (!refused.isEmpty()) {
            String said = "The show refused the products of " + name + ": "
                    + String.join("; ", refused.stream().map(SettingsProblem::toString).toList());
            notifier.show(Notice.error("import", "Products not imported", said));
            return said;
        }
        int replaced = before.size() + incoming.size() - merged.size();
        String said = String.format("%d products from %s (%d replaced, %d new)", incoming.size(), name, replaced,
                incoming.size() - replaced) + (problems.isEmpty() ? "" : "; " + read.problems().size() + " rows left out: " + problems);
        notifier.show(problems.isEmpty() ? Notice.info("import", "Products imported", said)
                : Notice.warning("import", "Products imported, some rows left out", said));
        return said;
    }

    /** The first few problems of an import, by line and column. */
    private static String leftOut(List<io.castline.engine.commerce.ImportProblem> problems) {
        List<String> first = problems.stream().limit(3).map(Object::toString).toList();
        return String.join("; ", first) + (problems.size() > 3 ? "; and " + (problems.size() - 3) + " more" : "");
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /** The currency the import dialog offers: the show's products' one currency, else this computer's. */
    public String defaultCurrency() {
        List<String> codes = show.current().products().stream().map(Product::currency).distinct().toList();
        if (codes.size() == 1) return codes.get(0);
        try {
            return java.util.Currency.getInstance(java.util.Locale.getDefault()).getCurrencyCode();
        } catch (IllegalArgumentException noCountry) {
            return "USD";
        }
    }

    private String title(String sku) {
        return show.current().product(sku).map(Product::displayTitle).orElse(sku);
    }

    public ObservableList<Product> products() { return readOnlyProducts; }

    public ReadOnlyObjectProperty<Product> pinnedProperty() { return pinned.getReadOnlyProperty(); }
}
