package io.castline.engine.commerce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.text.NumberFormat;
import java.util.OptionalInt;

/**
 * One thing the host sells, as the show's catalogue holds it: a product's variant with its own SKU
 * (Shopify's "Variant SKU"), price and stock. Immutable; a live price or stock edit makes a new one.
 *
 * @param sku            the product's key in the show (unique), e.g. "TEE-BLK-M"
 * @param variant        the variant's options ("Black / M"), or null for a product without variants
 * @param compareAtPrice the price before the sale (shown struck through), or null
 * @param currency       ISO 4217 code ("EUR")
 * @param image          a file path (relative to the show's folder) or an http(s) URL, or null
 * @param stock          units left, or null when stock is not tracked (never "sold out")
 * @param url            the product's page (for the card's QR code), or null
 */
public record Product(String sku, String title, String variant, BigDecimal price, BigDecimal compareAtPrice,
                      String currency, String image, Integer stock, String url) {

    /** "Classic tee — Black / M", or the title alone. */
    public String displayTitle() {
        return variant == null || variant.isBlank() ? title : title + " — " + variant;
    }

    /**
     * The discount the card's badge shows, in whole percent (rounded down, so a badge never promises
     * more than the prices give); empty without a compare-at price above the price.
     */
    public OptionalInt discountPercent() {
        if (price == null || compareAtPrice == null || compareAtPrice.signum() <= 0 || compareAtPrice.compareTo(price) <= 0) {
            return OptionalInt.empty();
        }
        BigDecimal off = compareAtPrice.subtract(price).multiply(BigDecimal.valueOf(100))
                .divide(compareAtPrice, 0, RoundingMode.FLOOR);
        return off.signum() > 0 ? OptionalInt.of(off.intValue()) : OptionalInt.empty();
    }

    /** True when stock is tracked and none is left. */
    public boolean soldOut() {
        return stock != null && stock <= 0;
    }

    /** True when stock is tracked and under {@code threshold} (but not sold out): the card says "only N left". */
    public boolean lowStock(int threshold) {
        return stock != null && stock > 0 && stock < threshold;
    }

    /** {@code amount} in this product's currency as {@code locale} writes it ("19,99 €" in de-DE). */
    public String format(BigDecimal amount, Locale locale) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        Currency c = Currency.getInstance(currency);
        f.setCurrency(c);
        f.setMinimumFractionDigits(c.getDefaultFractionDigits());
        f.setMaximumFractionDigits(c.getDefaultFractionDigits());
        return f.format(amount);
    }

    public Product withPrice(BigDecimal p) { return new Product(sku, title, variant, p, compareAtPrice, currency, image, stock, url); }
    public Product withCompareAtPrice(BigDecimal p) { return new Product(sku, title, variant, price, p, currency, image, stock, url); }
    public Product withStock(Integer s) { return new Product(sku, title, variant, price, compareAtPrice, currency, image, s, url); }
    public Product withImage(String i) { return new Product(sku, title, variant, price, compareAtPrice, currency, i, stock, url); }
}
