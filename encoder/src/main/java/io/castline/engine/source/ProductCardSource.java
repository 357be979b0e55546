package io.castline.engine.source;

import io.castline.engine.commerce.CardStyle;
import io.castline.engine.commerce.Product;
import io.castline.engine.commerce.ProductCard;
import io.castline.engine.commerce.ProductImages;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A product card's source: the card of the product the program has pinned, drawn again when the
 * pin or the product (price, stock) changes, and when its picture arrives from the web. Drawing
 * happens on the caller's thread (the program's), never on the clock's.
 */
public final class ProductCardSource extends StillSource {
    /** What the last change of product did: a card came (IN), went (OUT) or was replaced by another (SWAP). */
    public enum Change { NONE, IN, OUT, SWAP }

    /**
     * What the card shows, swapped whole: the card now ({@code current}, null for none), the one
     * before the last change of product (for the animation out), and that change, numbered
     * ({@code serial}) so a renderer sees when another one came. A redraw of the same product (a
     * price, the picture arriving) keeps the serial: it is not animated.
     */
    public record Shown(Still current, Still previous, long serial, Change change) {}

    private final CardStyle style;
    private final CardMotion motion;
    private final ProductImages images;
    private Product product;
    private boolean withPicture;
    /** What the card shows from frame {@link #afterFrame} on (a countdown's end), or null. */
    private Product afterProduct;
    private Still after;
    private long afterFrame = Long.MAX_VALUE;
    private volatile Shown shown = new Shown(null, null, 0, Change.NONE);
    private volatile Runnable onRedraw = () -> { };

    ProductCardSource(String name, CardStyle style, CardMotion motion, ProductImages images) {
        super(name, "product card", Still.BLANK, null);
        this.style = style;
        this.motion = motion;
        this.images = images;
        images.onArrival(this::pictureCame);
    }

    public CardStyle style() { return style; }
    public CardMotion motion() { return motion; }
    public Shown shown() { return shown; }

    /** The product on the card, or null when none is pinned. */
    public synchronized Product product() { return product; }

    /** Runs (on the picture fetcher's thread) when the card was drawn again by itself: its picture came. */
    public void onRedraw(Runnable r) { onRedraw = r == null ? () -> { } : r; }

    /**
     * Shows {@code next} (null: nothing); true when the picture changed, so the scenes showing it
     * need planning again.
     */
    public synchronized boolean show(Product next) {
        return show(next, null, Long.MAX_VALUE);
    }

    /**
     * Shows {@code next} until frame {@code fromFrame} of the program and {@code then} from it on
     * (a countdown's end on the card: sold out, the regular price again), both drawn now so that
     * the clock picks one per frame; {@code then} null: {@code next} alone. True when either
     * picture changed.
     */
    public synchronized boolean show(Product next, Product then, long fromFrame) {
        if (next == null) then = null;
        long from = then == null ? Long.MAX_VALUE : fromFrame;
        // a picture still to come redraws it by itself
        if (Objects.equals(next, product) && Objects.equals(then, afterProduct) && from == afterFrame) return false;
        // another product (or none) is animated; the same one with a new price or stock is redrawn in place
        boolean another = next == null || product == null || !next.sku().equals(product.sku());
        product = next;
        afterProduct = then;
        afterFrame = from;
        Shown before = shown;
        draw();
        if (another) {
            Change change = before.current() == null ? Change.IN : shown.current() == null ? Change.OUT : Change.SWAP;
            shown = new Shown(shown.current(), before.current(), before.serial() + 1, change);
        }
        return true;
    }

    /**
     * What the card shows, read together (a picture may arrive on the fetcher's thread meanwhile):
     * {@code now}, and {@code after} (null: no change by itself) from the program's frame {@code from} on.
     */
    public record Pictures(Still now, Still after, long from) {}

    public synchronized Pictures pictures() { return new Pictures(still(), after, afterFrame); }

    /** Starts fetching the pictures of these products, so that a pin finds them. */
    public void prefetch(Iterable<Product> products) {
        images.prefetch(products);
    }

    private void draw() {
        if (product == null) {
            withPicture = false;
            after = null;
            replace(Still.BLANK);
            return;
        }
        BufferedImage picture = images.get(product.image());
        withPicture = picture != null;
        after = afterProduct == null ? null : Stills.of(ProductCard.render(afterProduct, style, picture), false);
        replace(Stills.of(ProductCard.render(product, style, picture), false));
    }

    /** The still in place of what it showed, keeping the change and its number. */
    @Override protected void replace(Still next) {
        super.replace(next);
        Shown s = shown;
        shown = new Shown(next == Still.BLANK ? null : next, s.previous(), s.serial(), s.change());
    }

    private void pictureCame(String reference) {
        boolean redrawn;
        synchronized (this) {
            redrawn = product != null && !withPicture && reference.equals(product.image());
            if (redrawn) draw();
            redrawn = redrawn && withPicture;
        }
        if (redrawn) onRedraw.run();
    }

    @Override public void close() {
        images.close();
    }
}
