package io.castline.engine.commerce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV with one product per row and the show file's field names as its header ({@code sku, title,
 * variant, price, compare_at_price, currency, image, stock, url}; case, spaces and dashes do not
 * matter: "Compare at price" is {@code compare_at_price}). Only {@code sku}, {@code title} and
 * {@code price} are required; a missing currency is the import's.
 */
final class PlainCsv {
    private static final List<String> REQUIRED = List.of("sku", "title", "price");

    private PlainCsv() {}

    static Catalogue read(CsvTable table, CatalogueImport.Options options) {
        List<Product> products = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        // field → the file's own header for it
        Map<String, String> columns = new LinkedHashMap<>();
        for (String h : table.header) {
            String field = h.toLowerCase(Locale.ROOT).strip().replaceAll("[\\s-]+", "_");
            if (ProductJson.FIELDS.contains(field)) columns.put(field, h);
            else if (!h.isBlank()) problems.add(new ImportProblem(1, h, "is not a column Castline reads ("
                    + String.join(", ", ProductJson.FIELDS) + "); it is left out"));
        }
        List<String> missing = REQUIRED.stream().filter(f -> !columns.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            problems.add(new ImportProblem(1, null, "the header has no " + String.join(", ", missing)
                    + " column (a Shopify export has Handle and Variant Price)"));
            return new Catalogue(products, problems);
        }
        Map<String, Integer> skuLines = new HashMap<>();
        for (CsvTable.Row row : table.rows) {
            String sku = cell(row, columns, "sku");
            if (sku != null) {
                Integer first = skuLines.putIfAbsent(sku, row.line());
                if (first != null) {
                    problems.add(new ImportProblem(row.line(), columns.get("sku"), "'" + sku + "' is also the SKU on line "
                            + first + " (this row is left out)"));
                    continue;
                }
            }
            int before = problems.size();
            BigDecimal price = amount(row, columns, "price", problems);
            BigDecimal compareAt = amount(row, columns, "compare_at_price", problems);
            Integer stock = null;
            String stockText = cell(row, columns, "stock");
            if (stockText != null) {
                try {
                    stock = Integer.parseInt(stockText);
                } catch (NumberFormatException e) {
                    problems.add(new ImportProblem(row.line(), columns.get("stock"), "'" + stockText + "' is not a whole number"));
                }
            }
            if (problems.size() > before) continue;
            String currency = cell(row, columns, "currency");
            Product product = new Product(sku, cell(row, columns, "title"), cell(row, columns, "variant"), price, compareAt,
                    currency == null ? options.currency() : currency.toUpperCase(Locale.ROOT), cell(row, columns, "image"),
                    stock, cell(row, columns, "url"));
            CatalogueImport.keepIfValid(product, row.line(), columns, products, problems);
        }
        return new Catalogue(products, problems);
    }

    private static String cell(CsvTable.Row row, Map<String, String> columns, String field) {
        String column = columns.get(field);
        if (column == null) return null;
        String v = row.get(column);
        return v.isEmpty() ? null : v;
    }

    private static BigDecimal amount(CsvTable.Row row, Map<String, String> columns, String field, List<ImportProblem> problems) {
        String text = cell(row, columns, field);
        if (text == null) return null;
        BigDecimal amount = Amounts.parse(text);
        if (amount == null) problems.add(new ImportProblem(row.line(), columns.get(field), "'" + text + "' is not a price (write 19.99)"));
        return amount;
    }
}
