package io.castline.engine.commerce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Shopify product CSV export: several rows per product, grouped by {@code Handle}. The first row of
 * a handle holds the product (its {@code Title}, its first {@code Image Src}); each row with variant
 * cells is a variant, one product of the catalogue; rows with only an image add a picture. Column
 * names are Shopify's own.
 */
final class ShopifyCsv {
    static final String HANDLE = "Handle";
    static final String TITLE = "Title";
    static final String SKU = "Variant SKU";
    static final String PRICE = "Variant Price";
    static final String COMPARE_AT = "Variant Compare At Price";
    static final String QUANTITY = "Variant Inventory Qty";
    static final String TRACKER = "Variant Inventory Tracker";
    static final String IMAGE = "Image Src";
    static final String VARIANT_IMAGE = "Variant Image";
    static final List<String> OPTIONS = List.of("Option1 Value", "Option2 Value", "Option3 Value");
    /** Shopify's option value for a product that has no variants. */
    static final String DEFAULT_TITLE = "Default Title";

    private static final Map<String, String> COLUMNS = Map.of("sku", SKU, "title", TITLE, "price", PRICE,
            "compare_at_price", COMPARE_AT, "stock", QUANTITY, "image", IMAGE, "currency", "currency (the import's)",
            "url", "url (the store's address + Handle)");

    private ShopifyCsv() {}

    static boolean isShopify(List<String> header) {
        return header.contains(HANDLE) && (header.contains(PRICE) || header.contains(SKU));
    }

    static Catalogue read(CsvTable table, CatalogueImport.Options options) {
        List<Product> products = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        if (!table.header.contains(PRICE)) {
            problems.add(new ImportProblem(1, PRICE, "the column is missing: a product without a price cannot be sold on air"));
            return new Catalogue(products, problems);
        }
        Map<String, ProductRow> byHandle = new HashMap<>();
        Set<String> badHandles = new HashSet<>();
        Map<String, Integer> skuLines = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            String handle = row.get(HANDLE);
            if (handle.isEmpty()) {
                problems.add(new ImportProblem(row.line(), HANDLE, "is empty: the row belongs to no product"));
                continue;
            }
            if (badHandles.contains(handle)) continue;
            ProductRow product = byHandle.get(handle);
            if (product == null) {
                if (row.get(TITLE).isEmpty()) {
                    problems.add(new ImportProblem(row.line(), TITLE, "is empty on the first row of '" + handle
                            + "' (the product's rows are left out)"));
                    badHandles.add(handle);
                    continue;
                }
                product = new ProductRow(row.get(TITLE), row.get(IMAGE));
                byHandle.put(handle, product);
            } else if (product.image.isEmpty()) {
                product.image = row.get(IMAGE);
            }
            if (!isVariant(row)) continue; // an image row

            String variant = variantName(row);
            String sku = row.get(SKU);
            if (sku.isEmpty()) sku = variant == null ? handle : handle + "/" + slug(variant);
            Integer firstLine = skuLines.putIfAbsent(sku, row.line());
            if (firstLine != null) {
                problems.add(new ImportProblem(row.line(), SKU, "'" + sku + "' is also the SKU on line " + firstLine
                        + " (this row is left out)"));
                continue;
            }
            int before = problems.size();
            BigDecimal price = amount(row, PRICE, true, problems);
            BigDecimal compareAt = amount(row, COMPARE_AT, false, problems);
            if (compareAt != null && compareAt.signum() == 0) compareAt = null; // some exports write 0 for none
            Integer stock = stock(row, problems);
            if (problems.size() > before) continue;
            String image = row.get(VARIANT_IMAGE).isEmpty() ? emptyToNull(product.image) : row.get(VARIANT_IMAGE);
            String url = options.storeUrl() == null ? null
                    : options.storeUrl().replaceFirst("/+$", "") + "/products/" + handle;
            CatalogueImport.keepIfValid(new Product(sku, product.title, variant, price, compareAt, options.currency(), image,
                    stock, url), row.line(), COLUMNS, products, problems);
        }
        return new Catalogue(products, problems);
    }

    /** What the product's first row gave: its title and first picture. */
    private static final class ProductRow {
        final String title;
        String image;

        ProductRow(String title, String image) {
            this.title = title;
            this.image = image;
        }
    }

    private static boolean isVariant(CsvTable.Row row) {
        return !row.get(SKU).isEmpty() || !row.get(PRICE).isEmpty() || !row.get(OPTIONS.get(0)).isEmpty();
    }

    /** "Black / M", or null for a product without variants ("Default Title"). */
    private static String variantName(CsvTable.Row row) {
        List<String> values = new ArrayList<>();
        for (String column : OPTIONS) {
            String v = row.get(column);
            if (!v.isEmpty() && !v.equals(DEFAULT_TITLE)) values.add(v);
        }
        return values.isEmpty() ? null : String.join(" / ", values);
    }

    private static BigDecimal amount(CsvTable.Row row, String column, boolean required, List<ImportProblem> problems) {
        String text = row.get(column);
        if (text.isEmpty()) {
            if (required) problems.add(new ImportProblem(row.line(), column, "is empty"));
            return null;
        }
        BigDecimal amount = Amounts.parse(text);
        if (amount == null) problems.add(new ImportProblem(row.line(), column, "'" + text + "' is not a price (write 19.99)"));
        return amount;
    }

    /**
     * Units left: null where the export does not track them (no quantity column, or no inventory
     * tracker on the row). An oversold variant (Shopify lets stock go below 0) is sold out.
     */
    private static Integer stock(CsvTable.Row row, List<ImportProblem> problems) {
        String text = row.get(QUANTITY);
        if (text.isEmpty()) return null;
        if (row.cells().containsKey(TRACKER) && row.get(TRACKER).isEmpty()) return null;
        try {
            return Math.max(0, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            problems.add(new ImportProblem(row.line(), QUANTITY, "'" + text + "' is not a whole number"));
            return null;
        }
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
