package io.castline.engine.commerce;

import io.castline.engine.settings.Problems;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of a product, once for the show file, the studio's edits and every import. Problems are
 * named by the show file's field names ({@code price}, {@code compare_at_price}); an import maps them
 * onto its own columns.
 */
public final class ProductRules {
    public static final int MAX_SKU_LENGTH = 64;
    public static final int MAX_TITLE_LENGTH = 200;

    private ProductRules() {}

    /** Every problem of {@code products} (each at {@code products[i]}), SKUs unique among them. */
    public static void check(List<Product> products, Problems p) {
        Map<String, Integer> skus = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            Product product = products.get(i);
            Problems at = p.at("products", i);
            check(product, at);
            if (product.sku() != null && !product.sku().isBlank()) {
                Integer first = skus.putIfAbsent(product.sku(), i);
                if (first != null) at.add("sku", "'" + product.sku() + "' is also the SKU of products[" + first + "]");
            }
        }
    }

    /** Every problem of one product, at {@code p}'s path. */
    public static void check(Product product, Problems p) {
        if (product.sku() == null || product.sku().isBlank()) p.add("sku", "is required");
        else if (product.sku().length() > MAX_SKU_LENGTH) p.add("sku", "is longer than " + MAX_SKU_LENGTH + " characters");
        if (product.title() == null || product.title().isBlank()) p.add("title", "is required");
        else if (product.title().length() > MAX_TITLE_LENGTH) p.add("title", "is longer than " + MAX_TITLE_LENGTH + " characters");
        Currency currency = currency(product.currency(), p);
        if (product.price() == null) p.add("price", "is required");
        else checkAmount(product.price(), currency, "price", p);
        if (product.compareAtPrice() != null) checkAmount(product.compareAtPrice(), currency, "compare_at_price", p);
        if (product.stock() != null && product.stock() < 0) p.add("stock", "must be 0 or more (0 is sold out)");
        if (product.url() != null) checkWebAddress(product.url(), "url", p);
        if (product.image() != null && product.image().contains("://")) checkWebAddress(product.image(), "image", p);
    }

    /**
     * The problems of a deal price for {@code product} (a countdown's), at {@code field} of
     * {@code p}: an amount in the product's currency, 0 or more, below the product's price.
     */
    public static void checkDealPrice(BigDecimal deal, Product product, String field, Problems p) {
        // the product's own currency problems are the product's (products[i].currency), not the deal's
        Currency currency = currency(product.currency(), new Problems());
        int before = p.all().size();
        checkAmount(deal, currency, field, p);
        if (p.all().size() == before && product.price() != null && deal.compareTo(product.price()) >= 0) {
            p.add(field, deal.toPlainString() + " is not below the price of '" + product.sku() + "' ("
                    + product.price().toPlainString() + " " + product.currency() + ")");
        }
    }

    private static Currency currency(String code, Problems p) {
        if (code == null || code.isBlank()) {
            p.add("currency", "is required (an ISO 4217 code such as USD, EUR, GBP)");
            return null;
        }
        if (!code.matches("[A-Z]{3}")) {
            p.add("currency", "'" + code + "' is not an ISO 4217 code (three capital letters: USD, EUR, GBP)");
            return null;
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            p.add("currency", "'" + code + "' is not a currency this Castline knows");
            return null;
        }
    }

    private static void checkAmount(BigDecimal amount, Currency currency, String field, Problems p) {
        if (amount.signum() < 0) {
            p.add(field, "must be 0 or more");
        } else if (currency != null && currency.getDefaultFractionDigits() >= 0
                && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            p.add(field, amount.toPlainString() + " has more decimals than " + currency.getCurrencyCode() + " has ("
                    + currency.getDefaultFractionDigits() + ")");
        }
    }

    private static void checkWebAddress(String text, String field, Problems p) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) p.add(field, "'" + text + "' is not an http(s) address");
            else if (uri.getHost() == null) p.add(field, "'" + text + "' has no host");
        } catch (URISyntaxException e) {
            p.add(field, "'" + text + "' is not a web address (" + e.getReason() + ")");
        }
    }
}
