package io.castline.engine;

import io.castline.engine.commerce.Product;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.source.ProductCardSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The product pinned on the program's product cards, and the cards themselves: what each card
 * shows is drawn here (on the caller's thread), and the scenes on screen are planned again when a
 * card changed. Called with the program's lock held; the program's public methods delegate here.
 */
final class ProgramPins {
    private static final Logger LOG = LoggerFactory.getLogger(ProgramPins.class);

    private final Program program;
    /** The SKU of the product pinned on the program's product cards, or null. */
    private String pinnedSku;
    /**
     * The first program frame that can show what the cards were last given (the compositor's next
     * index, read right after the plans were swapped): the clock shows it on that frame, or on the
     * one after when it was drawing that frame right then. -1 before the cards were first given anything.
     */
    private long shownFrom = -1;

    ProgramPins(Program program) {
        this.program = program;
    }

    Product pin(String sku) throws AvException {
        Product product = program.show().product(sku)
                .orElseThrow(() -> new IllegalArgumentException("no product has the SKU '" + sku + "'"));
        pinnedSku = sku;
        showOnCards();
        return product;
    }

    void unpin() throws AvException {
        pinnedSku = null;
        showOnCards();
    }

    /** The SKU pinned now, or null. */
    String pinnedSku() { return pinnedSku; }

    /** The first frame that can show what the cards were last given (see {@link #shownFrom}). */
    long shownFrom() { return shownFrom; }

    Product step(int step) throws AvException {
        List<Product> products = program.show().products();
        if (products.isEmpty()) throw new IllegalStateException("the show has no products to pin");
        int at = -1;
        for (int i = 0; i < products.size(); i++) if (products.get(i).sku().equals(pinnedSku)) at = i;
        int next = at < 0 ? (step > 0 ? 0 : products.size() - 1) : Math.floorMod(at + step, products.size());
        return pin(products.get(next).sku());
    }

    /** The pinned product as the show now has it. */
    Optional<Product> pinned() {
        return pinnedSku == null ? Optional.empty() : program.show().product(pinnedSku);
    }

    /** Gives each product card the pinned product; plans the scenes on screen again where a card changed. */
    void showOnCards() throws AvException {
        Product product = pinnedSku == null ? null : program.show().product(pinnedSku).orElse(null);
        if (product == null) pinnedSku = null;
        // a countdown about the product may show it at its deal price, and change it on its end frame
        ProgramCountdowns.CardFace face = program.cardFace(product);
        boolean changed = false;
        for (OpenedSource s : program.openedSources()) {
            if (s.video() instanceof ProductCardSource card) changed |= card.show(face.now(), face.after(), face.from());
        }
        if (changed) program.replanOnScreen();
        // the clock takes the new plan at its next tick: this frame, or the one after when it is drawing it now
        shownFrom = program.compositor().nextIndex();
        tellIfChanged();
    }

    /** The SKU last told to the listeners (a chapter per pin), or null. */
    private String toldSku;

    private void tellIfChanged() {
        if (java.util.Objects.equals(pinnedSku, toldSku)) return;
        toldSku = pinnedSku;
        long frame = shownFrom;
        Product product = pinnedSku == null ? null : program.show().product(pinnedSku).orElse(null);
        if (product == null) program.events().tell(l -> l.productUnpinned(frame));
        else program.events().tell(l -> l.productPinned(product, frame));
    }

    /** A product card opened: it redraws by itself when a picture arrives, and fetches the catalogue's now. */
    void attachCard(OpenedSource s) {
        if (!(s.video() instanceof ProductCardSource card)) return;
        card.onRedraw(this::cardRedrawn);
        card.prefetch(program.show().products());
    }

    /** On the picture fetcher's thread: the program's lock is taken here. */
    private void cardRedrawn() {
        synchronized (program) {
            if (program.isClosed()) return;
            try {
                program.replanOnScreen();
            } catch (AvException | RuntimeException e) {
                LOG.warn("a product card's new picture could not be planned: {}", e.getMessage());
            }
        }
    }
}
