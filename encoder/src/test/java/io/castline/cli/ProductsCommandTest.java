package io.castline.cli;

import io.castline.engine.commerce.Product;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code castline products import|list} on real files: the Shopify export of the engine's tests and a show. */
class ProductsCommandTest {
    @TempDir Path dir;

    private Path show(String products) throws IOException {
        Path f = dir.resolve("show.json");
        Files.writeString(f, """
                {"version": 2, "canvas": {"width": 1280, "height": 720, "fps": 30},
                 "sources": [{"name": "Back", "kind": "color", "color": "#101820"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"}]}],
                 "program": "Main", "recording": {"path": "show.mkv"}%s}
                """.formatted(products));
        return f;
    }

    private Path export() throws Exception {
        return Path.of(getClass().getResource("/catalogue/shopify-products-export.csv").toURI());
    }

    @Test
    void aShopifyExportGoesIntoTheShowAndItsBadRowsAreNamed() throws Exception {
        Path show = show(", \"products\": [{\"sku\": \"MUG-01\", \"title\": \"Old mug\", \"price\": \"9.00\", \"currency\": \"USD\"},"
                + " {\"sku\": \"KEEP\", \"title\": \"Kept\", \"price\": \"1.00\", \"currency\": \"USD\"}]");
        CliRun.Result r = CliRun.run("products", "import", export().toString(), "--show", show.toString(),
                "--store", "https://shop.example");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 products read from shopify-products-export.csv (1 replaced, 5 new), 5 rows left out",
                "has 7 products");
        assertThat(r.err()).contains("castline: shopify-products-export.csv: line 10, Variant Price: '12,99' is not a price",
                "line 13, Variant SKU: 'TEE-BLK-S' is also the SKU on line 2");
        Show back = ShowFile.parse(show);
        assertThat(back.products()).extracting(Product::sku)
                .containsExactly("MUG-01", "KEEP", "TEE-BLK-S", "TEE-BLK-M", "TEE-WHT-S", "gift-card", "SUN-CLR");
        assertThat(back.product("MUG-01").orElseThrow().price()).isEqualTo(new BigDecimal("14.5"));
        assertThat(back.product("TEE-BLK-S").orElseThrow().currency()).as("the show's own currency").isEqualTo("USD");
        assertThat(back.product("TEE-BLK-S").orElseThrow().url()).isEqualTo("https://shop.example/products/classic-tee");

        CliRun.Result list = CliRun.run("products", "list", "--show", show.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines()).hasSize(7);
        assertThat(list.out()).contains("Classic Tee — White / S", "sold out", "not tracked");
    }

    @Test
    void withoutACurrencyNothingIsImportedAndTheShowIsAsItWas() throws Exception {
        Path show = show("");
        String before = Files.readString(show);
        CliRun.Result r = CliRun.run("products", "import", export().toString(), "--show", show.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("name the currency of the prices with --currency", "no product could be read");
        assertThat(Files.readString(show)).isEqualTo(before);

        CliRun.Result dry = CliRun.run("products", "import", export().toString(), "--show", show.toString(), "--currency", "eur",
                "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("6 products read");
        assertThat(Files.readString(show)).as("a dry run writes nothing").isEqualTo(before);
    }

    @Test
    void aBrokenShowFileIsNamedAndLeftAlone() throws Exception {
        Path show = dir.resolve("broken.json");
        Files.writeString(show, "{\"version\": 2, \"scenes\": 3}");
        CliRun.Result r = CliRun.run("products", "import", export().toString(), "--show", show.toString(), "--currency", "USD");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("castline: scenes: expected a list");
        assertThat(Files.readString(show)).isEqualTo("{\"version\": 2, \"scenes\": 3}");
    }
}
