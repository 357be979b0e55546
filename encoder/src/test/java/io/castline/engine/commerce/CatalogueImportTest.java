package io.castline.engine.commerce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CatalogueImportTest {
    private static final String CDN = "https://cdn.shopify.com/s/files/1/0000/0001/products/";

    @TempDir Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CatalogueImportTest.class.getResource("/catalogue/" + name).toURI());
    }

    @Test
    void aShopifyExportGivesOneProductPerVariantAndNamesEachBadRowByLineAndColumn() throws Exception {
        Path export = resource("shopify-products-export.csv");
        assertThat(CatalogueImport.formatOf(export)).isEqualTo(CatalogueImport.Format.SHOPIFY_CSV);

        Catalogue c = CatalogueImport.read(export, new CatalogueImport.Options("USD", "https://shop.example/"));

        assertThat(c.products()).extracting(Product::sku, Product::title, Product::variant, Product::price,
                Product::compareAtPrice, Product::stock, Product::image).containsExactly(
                tuple("TEE-BLK-S", "Classic Tee", "Black / S", new BigDecimal("25.00"), new BigDecimal("35.00"), 12, CDN + "tee-black.jpg"),
                tuple("TEE-BLK-M", "Classic Tee", "Black / M", new BigDecimal("25.00"), new BigDecimal("35.00"), 3, CDN + "tee-black.jpg"),
                tuple("TEE-WHT-S", "Classic Tee", "White / S", new BigDecimal("22.00"), null, 0, CDN + "tee-white.jpg"),
                // "Default Title" is no variant; Shopify lets stock go below 0 when it sells on: sold out here
                tuple("MUG-01", "Ceramic Mug", null, new BigDecimal("14.5"), null, 0, CDN + "mug.jpg"),
                // no SKU: the handle; no inventory tracker: stock not tracked; a compare-at of 0.00 is none
                tuple("gift-card", "Gift Card", null, new BigDecimal("50.00"), null, null, null),
                tuple("SUN-CLR", "Sunglasses", "Clear", new BigDecimal("45.00"), new BigDecimal("60.00"), 9, null));
        assertThat(c.products()).allSatisfy(p -> assertThat(p.currency()).isEqualTo("USD"));
        assertThat(c.products().get(0).url()).isEqualTo("https://shop.example/products/classic-tee");
        assertThat(c.products().get(3).url()).isEqualTo("https://shop.example/products/ceramic-mug");

        // the description's line break moves every later row one line down from its row number
        assertThat(c.problems()).extracting(ImportProblem::line, ImportProblem::column).containsExactly(
                tuple(10, "Variant Price"),
                tuple(11, "Title"),
                tuple(13, "Variant SKU"),
                tuple(14, "Variant Inventory Qty"),
                tuple(15, "Variant Price"));
        assertThat(c.problems()).extracting(ImportProblem::toString).containsExactly(
                "line 10, Variant Price: '12,99' is not a price (write 19.99)",
                "line 11, Title: is empty on the first row of 'mystery-box' (the product's rows are left out)",
                "line 13, Variant SKU: 'TEE-BLK-S' is also the SKU on line 2 (this row is left out)",
                "line 14, Variant Inventory Qty: 'lots' is not a whole number",
                "line 15, Variant Price: must be 0 or more");
    }

    @Test
    void withoutAStoreAddressShopifyProductsHaveNoPage() throws Exception {
        Catalogue c = CatalogueImport.read(resource("shopify-products-export.csv"), CatalogueImport.Options.of("EUR"));
        assertThat(c.products()).allSatisfy(p -> {
            assertThat(p.url()).isNull();
            assertThat(p.currency()).isEqualTo("EUR");
        });
    }

    @Test
    void aPlainCsvSavedByASpreadsheetIsReadWithItsOwnHeaderNames() throws IOException {
        // Excel's "CSV UTF-8": a byte-order mark and CRLF line ends
        Path csv = dir.resolve("products.csv");
        Files.write(csv, ("\uFEFFSKU,Title,Variant,Price,Compare at price,Currency,Stock,URL,Notes\r\n"
                + "BAG-01,Tote bag,,18.00,24.00,,5,https://shop.example/tote,bestseller\r\n"
                + "BAG-02,Weekender,Olive,89.99,,gbp,,,\r\n"
                + "BAG-03,,,10.00,,,,,\r\n"
                + "BAG-04,Backpack,,abc,,,,,\r\n"
                + "BAG-05,Belt bag,,30.00,,XYZ,2,,\r\n"
                + "BAG-06,Pouch,,9.999,,,1,ftp://shop.example/pouch,\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(CatalogueImport.formatOf(csv)).isEqualTo(CatalogueImport.Format.PLAIN_CSV);

        Catalogue c = CatalogueImport.read(csv, CatalogueImport.Options.of("USD"));

        assertThat(c.products()).extracting(Product::sku, Product::title, Product::variant, Product::price,
                Product::compareAtPrice, Product::currency, Product::stock, Product::url).containsExactly(
                tuple("BAG-01", "Tote bag", null, new BigDecimal("18.00"), new BigDecimal("24.00"), "USD", 5, "https://shop.example/tote"),
                tuple("BAG-02", "Weekender", "Olive", new BigDecimal("89.99"), null, "GBP", null, null));
        assertThat(c.problems()).extracting(ImportProblem::toString).containsExactly(
                "line 1, Notes: is not a column Castline reads (sku, title, variant, price, compare_at_price, currency, image, stock, url); it is left out",
                "line 4, Title: is required",
                "line 5, Price: 'abc' is not a price (write 19.99)",
                "line 6, Currency: 'XYZ' is not a currency this Castline knows",
                "line 7, Price: 9.999 has more decimals than USD has (2)",
                "line 7, URL: 'ftp://shop.example/pouch' is not an http(s) address");
    }

    @Test
    void aCsvWithoutTheRequiredColumnsImportsNothingAndSaysWhich() throws IOException {
        Path csv = dir.resolve("stock.csv");
        Files.writeString(csv, "name,cost\nTote,18\n");
        Catalogue c = CatalogueImport.read(csv, CatalogueImport.Options.of("USD"));
        assertThat(c.products()).isEmpty();
        assertThat(c.problems()).extracting(ImportProblem::toString).contains(
                "line 1: the header has no sku, title, price column (a Shopify export has Handle and Variant Price)");
    }

    @Test
    void aCsvThatBreaksPartWayKeepsTheRowsBeforeIt() throws IOException {
        Path csv = dir.resolve("broken.csv");
        Files.writeString(csv, "sku,title,price\nA-1,First,1.00\nA-2,Second,2.00\nA-3,\"Never closed,3.00\nA-4,Fourth,4.00\n");
        Catalogue c = CatalogueImport.read(csv, CatalogueImport.Options.of("USD"));
        assertThat(c.products()).extracting(Product::sku).containsExactly("A-1", "A-2");
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isGreaterThanOrEqualTo(4);
            assertThat(p.message()).startsWith("the file is not valid CSV from here").endsWith("the rows before it are read");
        });
    }

    @Test
    void aJsonCatalogueNamesTheLineOfEachBadProduct() throws IOException {
        Path json = dir.resolve("products.json");
        Files.writeString(json, """
                {"store": "demo",
                 "products": [
                  {"sku": "CAP-1", "title": "Cap", "price": "19.99", "stock": 4, "image": "images/cap.png"},
                  {"sku": "CAP-2", "title": "Cap, red",
                   "price": 21.5, "currency": "EUR"},
                  {"sku": "CAP-3", "title": "Cap, blue", "price": "cheap"},
                  {"sku": "CAP-1", "title": "Cap again", "price": "1.00"},
                  {"sku": "CAP-4", "title": "Cap, green", "price": "5.00", "colour": "green", "stock": -1}
                 ]}
                """);
        Catalogue c = CatalogueImport.read(json, CatalogueImport.Options.of("USD"));
        assertThat(c.products()).extracting(Product::sku, Product::price, Product::currency, Product::stock).containsExactly(
                tuple("CAP-1", new BigDecimal("19.99"), "USD", 4),
                tuple("CAP-2", new BigDecimal("21.5"), "EUR", null));
        assertThat(c.problems()).extracting(ImportProblem::toString).containsExactly(
                "line 6, price: 'cheap' is not an amount (write 19.99)",
                "line 7, sku: 'CAP-1' is also the SKU on line 3 (this product is left out)",
                "line 8, colour: is not a product field (sku, title, variant, price, compare_at_price, currency, image, stock, url)");
    }

    @Test
    void aJsonFileThatIsNotACatalogueSaysWhatItExpected() throws IOException {
        Path json = dir.resolve("show.json");
        Files.writeString(json, "{\"version\": 2, \"scenes\": []}");
        assertThat(CatalogueImport.read(json, CatalogueImport.Options.of("USD")).problems()).extracting(ImportProblem::toString)
                .containsExactly("line 1: expected an array of products, or an object with one under \"products\"");
        Files.writeString(json, "[{\"sku\": \"A\", \"title\": \"A\", \"price\": \"1.00\"},\n{\"sku\": ");
        Catalogue c = CatalogueImport.read(json, CatalogueImport.Options.of("USD"));
        assertThat(c.products()).extracting(Product::sku).containsExactly("A");
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).startsWith("not valid JSON from here");
        });
    }

    @Test
    void aNewImportUpdatesTheProductsWithItsSkusWhereTheyStandAndAddsTheRest() {
        Product a = new Product("A", "A", null, new BigDecimal("1.00"), null, "USD", null, 5, null);
        Product b = new Product("B", "B", null, new BigDecimal("2.00"), null, "USD", null, 5, null);
        Product b2 = b.withPrice(new BigDecimal("1.50")).withStock(1);
        Product c = new Product("C", "C", null, new BigDecimal("3.00"), null, "USD", null, null, null);
        assertThat(new Catalogue(List.of(c, b2), List.of()).mergeInto(List.of(a, b))).containsExactly(a, b2, c);
    }
}
