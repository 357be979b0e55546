package io.castline.engine.show;

import io.castline.engine.commerce.Product;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The show's product catalogue in the show file: written, read back, and checked by the one validator. */
class ShowProductsTest {
    @TempDir Path dir;

    private static final Product TEE = new Product("TEE-BLK-M", "Classic Tee", "Black / M", new BigDecimal("25.00"),
            new BigDecimal("35.00"), "USD", "https://cdn.example/tee.jpg", 3, "https://shop.example/products/classic-tee");
    private static final Product GIFT = new Product("gift-card", "Gift Card", null, new BigDecimal("50"), null, "EUR",
            null, null, null);

    /** The shared example show with these products. */
    private Show showWith(List<Product> products) throws IOException {
        Path f = dir.resolve("flash-sale.json");
        Files.writeString(f, ShowFileTest.FLASH_SALE);
        return ShowFile.parse(f).withProducts(products);
    }

    @Test
    void productsSurviveTheRoundTripWithTheirPricesExact() throws IOException {
        Show show = showWith(List.of(TEE, GIFT));
        Path out = dir.resolve("saved.json");
        ShowFile.write(show, out);
        Show back = ShowFile.parse(out);
        assertThat(back.products()).containsExactly(TEE, GIFT);
        assertThat(back).isEqualTo(show);
        // prices as text: "25.00" stays "25.00", never 25.0 or a binary fraction
        String text = Files.readString(out);
        assertThat(text).contains("\"price\" : \"25.00\"", "\"compare_at_price\" : \"35.00\"", "\"price\" : \"50\"");
        assertThat(back.product("gift-card")).contains(GIFT);
    }

    @Test
    void aShowWithoutProductsWritesNoProductsField() throws IOException {
        assertThat(ShowFile.toJsonText(showWith(List.of()))).doesNotContain("products");
    }

    @Test
    void productProblemsAreNamedByTheirPathInTheShow() throws IOException {
        String json = ShowFile.toJsonText(showWith(List.of(TEE, GIFT)))
                .replace("\"price\" : \"50\"", "\"price\" : \"fifty\"")
                .replace("\"currency\" : \"USD\"", "\"currency\" : \"usd\", \"colour\" : \"black\"");
        Path f = dir.resolve("bad.json");
        Files.writeString(f, json);
        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> ShowFile.parse(f)).problems())
                .extracting(SettingsProblem::toString).containsExactly(
                        "products[0].colour: is not a product field (sku, title, variant, price, compare_at_price, currency, image, stock, url)",
                        "products[1].price: 'fifty' is not an amount (write 19.99)");
    }

    @Test
    void theValidatorChecksEveryProductAndThatSkusAreUnique() throws IOException {
        Show show = showWith(List.of(TEE, TEE.withPrice(new BigDecimal("-1")),
                new Product(" ", null, null, null, null, "usd", null, -1, "shop.example/tee")));
        assertThat(ShowValidator.pictureProblems(show, null)).extracting(SettingsProblem::toString)
                .filteredOn(s -> s.startsWith("products"))
                .containsExactly(
                        "products[1].price: must be 0 or more",
                        "products[1].sku: 'TEE-BLK-M' is also the SKU of products[0]",
                        "products[2].sku: is required",
                        "products[2].title: is required",
                        "products[2].currency: 'usd' is not an ISO 4217 code (three capital letters: USD, EUR, GBP)",
                        "products[2].price: is required",
                        "products[2].stock: must be 0 or more (0 is sold out)",
                        "products[2].url: 'shop.example/tee' is not an http(s) address");
    }
}
