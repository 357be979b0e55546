package io.castline.engine.commerce;

import io.castline.engine.settings.Problems;
import io.castline.engine.settings.SettingsProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a product catalogue from a file: a Shopify product CSV export, a plain CSV with the show
 * file's field names as its header, or JSON (an array of products, or {@code {"products": […]}}).
 * Every product is checked by {@link ProductRules}; a bad row is reported by line and column and
 * left out, the good ones are kept.
 */
public final class CatalogueImport {

    /**
     * @param currency the currency of files that have none (a Shopify export's prices are in the
     *                 store's currency, which the file does not say)
     * @param storeUrl the shop's address ("https://shop.example"); a Shopify product's page is then
     *                 {@code storeUrl/products/HANDLE}. Null for none.
     */
    public record Options(String currency, String storeUrl) {
        public static Options of(String currency) {
            return new Options(currency, null);
        }
    }

    /** What kind of file it is, from its name and header. */
    public enum Format { SHOPIFY_CSV, PLAIN_CSV, JSON }

    private CatalogueImport() {}

    public static Catalogue read(Path file, Options options) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return JsonCatalogue.read(file, options);
        }
        List<ImportProblem> problems = new ArrayList<>();
        CsvTable table = CsvTable.read(file, problems::add);
        Catalogue read = ShopifyCsv.isShopify(table.header)
                ? ShopifyCsv.read(table, options) : PlainCsv.read(table, options);
        problems.addAll(read.problems());
        problems.sort(java.util.Comparator.comparingInt(ImportProblem::line));
        return new Catalogue(read.products(), problems);
    }

    /** The format {@link #read} takes {@code file} to be in. */
    public static Format formatOf(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) return Format.JSON;
        CsvTable table = CsvTable.read(file, p -> { });
        return ShopifyCsv.isShopify(table.header) ? Format.SHOPIFY_CSV : Format.PLAIN_CSV;
    }

    /**
     * Checks {@code product} by the rules and, when it passes, adds it; otherwise each problem goes
     * to the row's line under the file's own name for the field ({@code columns}: show field → column).
     */
    static boolean keepIfValid(Product product, int line, Map<String, String> columns, List<Product> products,
                               List<ImportProblem> problems) {
        Problems p = new Problems();
        ProductRules.check(product, p);
        for (SettingsProblem problem : p.all()) {
            problems.add(new ImportProblem(line, columns.getOrDefault(problem.field(), problem.field()), problem.message()));
        }
        if (p.isEmpty()) products.add(product);
        return p.isEmpty();
    }
}
