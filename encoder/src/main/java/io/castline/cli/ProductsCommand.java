package io.castline.cli;

import io.castline.engine.commerce.Catalogue;
import io.castline.engine.commerce.CatalogueImport;
import io.castline.engine.commerce.ImportProblem;
import io.castline.engine.commerce.Product;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code castline products}: the show's product catalogue. */
@Command(name = "products", mixinStandardHelpOptions = true,
        description = "The show's product catalogue (what product cards show and pins pick from).",
        subcommands = {ProductsCommand.Import.class, ProductsCommand.ListProducts.class})
public final class ProductsCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The show in {@code file}, or null when it cannot be read (its problems are printed, each with its field). */
    static Show readShow(Path file) {
        try {
            return ShowFile.parse(file);
        } catch (InvalidSettingsException e) {
            for (SettingsProblem p : e.problems()) System.err.println("castline: " + p);
            return null;
        }
    }

    /** {@code castline products import FILE --show SHOW}: merges a catalogue into the show file. */
    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Reads a Shopify product CSV export, a CSV with the show's product fields as its header "
                    + "(sku, title, variant, price, compare_at_price, currency, image, stock, url) or JSON, and puts its "
                    + "products into the show: a product with a SKU the show has replaces it, the others are added.",
                    "Bad rows are named by line and column and left out; the good ones are kept. The show file is "
                            + "written whole or not at all."})
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the catalogue (.csv or .json)")
        Path file;
        @Option(names = "--show", paramLabel = "SHOW", required = true, description = "the show file to put the products in")
        Path show;
        @Option(names = "--currency", paramLabel = "CODE",
                description = "the currency of prices the file does not give one for (a Shopify export's are the store's): USD, EUR…")
        String currency;
        @Option(names = "--store", paramLabel = "URL",
                description = "the shop's address (https://shop.example): a Shopify product's page, for the card's QR code, is URL/products/HANDLE")
        String store;
        @Option(names = "--dry-run", description = "read and report, write nothing")
        boolean dryRun;

        @Override public Integer call() {
            Show current = readShow(show);
            if (current == null) return Main.EXIT_BAD_ARGUMENTS;
            String code = currency != null ? currency.toUpperCase(Locale.ROOT) : showsCurrency(current);
            Catalogue catalogue;
            try {
                catalogue = CatalogueImport.read(file, new CatalogueImport.Options(code, store));
            } catch (IOException e) {
                System.err.println("castline: " + e.getMessage());
                return Main.EXIT_BAD_ARGUMENTS;
            }
            for (ImportProblem p : catalogue.problems()) System.err.println("castline: " + file.getFileName() + ": " + p);
            if (code == null && catalogue.problems().stream().anyMatch(p -> p.message().startsWith("is required (an ISO 4217"))) {
                System.err.println("castline: name the currency of the prices with --currency (USD, EUR, GBP…)");
            }
            if (catalogue.products().isEmpty()) {
                System.err.println("castline: no product could be read from " + file);
                return Main.EXIT_BAD_ARGUMENTS;
            }
            List<Product> merged = catalogue.mergeInto(current.products());
            int replaced = current.products().size() + catalogue.products().size() - merged.size();
            System.out.printf("%d products read from %s (%d replaced, %d new), %d rows left out%n", catalogue.products().size(),
                    file.getFileName(), replaced, catalogue.products().size() - replaced, catalogue.problems().size());
            if (dryRun) return Main.EXIT_OK;
            try {
                ShowFile.write(current.withProducts(merged), show);
            } catch (IOException e) {
                System.err.println("castline: could not write " + show + " (it is as it was): " + e.getMessage());
                return 1;
            }
            System.out.println("the show " + show + " has " + merged.size() + " products");
            return Main.EXIT_OK;
        }

        /** The one currency the show's products are in, or null when there are none or several. */
        private static String showsCurrency(Show show) {
            List<String> codes = show.products().stream().map(Product::currency).distinct().toList();
            return codes.size() == 1 ? codes.get(0) : null;
        }
    }

    /** {@code castline products list --show SHOW}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the show's products: SKU, title, price, stock.")
    static final class ListProducts implements Callable<Integer> {
        @Option(names = "--show", paramLabel = "SHOW", required = true, description = "the show file")
        Path show;

        @Override public Integer call() {
            Show current = readShow(show);
            if (current == null) return Main.EXIT_BAD_ARGUMENTS;
            for (Product p : current.products()) {
                String price = p.price() == null || p.currency() == null ? "?" : p.format(p.price(), Locale.getDefault());
                String stock = p.stock() == null ? "not tracked" : p.soldOut() ? "sold out" : p.stock() + " left";
                System.out.printf("%-20s %-40s %12s  %s%n", p.sku(), p.displayTitle(), price, stock);
            }
            return Main.EXIT_OK;
        }
    }
}
