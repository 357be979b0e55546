package io.castline.engine.commerce;

import java.util.Locale;

/**
 * How a product card looks: its template, the locale prices are written in, the stock under which
 * it says "only N left", whether it carries a QR code of the product's page, and its accent colour.
 */
public record CardStyle(CardTemplate template, Locale locale, int lowStockThreshold, boolean qr, int accentRgb) {
    public static final int DEFAULT_LOW_STOCK = 10;
    public static final int DEFAULT_ACCENT = 0xE5484D;

    public static CardStyle of(CardTemplate template) {
        return new CardStyle(template, Locale.getDefault(), DEFAULT_LOW_STOCK, true, DEFAULT_ACCENT);
    }
}
