package io.castline.engine.show;

import io.castline.engine.commerce.Product;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.source.SourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A countdown about a product: its product, deal price and end action, each problem named by its path. */
class ShowValidatorCountdownTest {
    @TempDir Path dir;

    private static final Product TEE = new Product("TEE", "Classic Tee", "Black / M", new BigDecimal("25.00"), null, "USD",
            null, 3, null);
    private static final Product YEN = new Product("CUP", "Tea cup", null, new BigDecimal("1200"), null, "JPY", null, null, null);

    private Show flashSale(List<Product> products) throws IOException {
        Path f = dir.resolve("flash-sale.json");
        Files.writeString(f, ShowFileTest.FLASH_SALE);
        return ShowFile.parse(f).withProducts(products);
    }

    private List<String> problems(Show show, Object... settings) {
        Object[] all = new Object[settings.length + 2];
        all[0] = "duration";
        all[1] = 60;
        System.arraycopy(settings, 0, all, 2, settings.length);
        Show with = ShowEdits.addSource(show, SourceConfig.of("Deal", "countdown", all));
        return ShowValidator.pictureProblems(with, null).stream().map(SettingsProblem::toString)
                .filter(s -> s.startsWith("sources[7]")).toList();
    }

    @Test
    void aDealAndItsEndAreFine() throws IOException {
        Show show = flashSale(List.of(TEE, YEN));
        assertThat(problems(show, "product", "TEE", "deal_price", "19.99", "at_end", "sold_out")).isEmpty();
        assertThat(problems(show, "product", "TEE", "deal_price", 19, "at_end", "restore_price")).isEmpty();
        assertThat(problems(show, "deal_price", "19.99", "at_end", "restore_price")).as("the pinned product's, checked at start")
                .isEmpty();
        assertThat(problems(show, "at_end", "sold_out")).isEmpty();
        assertThat(problems(show, "product", "CUP", "deal_price", "999")).isEmpty();
    }

    @Test
    void everyProblemOfTheProductAndTheDealIsNamedByItsPath() throws IOException {
        Show show = flashSale(List.of(TEE, YEN));
        assertThat(problems(show, "product", "NOPE", "deal_price", "19.99")).containsExactly(
                "sources[7].product: no product has the SKU 'NOPE'");
        assertThat(problems(show, "product", "TEE", "deal_price", "25.00")).containsExactly(
                "sources[7].deal_price: 25.00 is not below the price of 'TEE' (25.00 USD)");
        assertThat(problems(show, "product", "TEE", "deal_price", "30")).containsExactly(
                "sources[7].deal_price: 30 is not below the price of 'TEE' (25.00 USD)");
        assertThat(problems(show, "product", "TEE", "deal_price", "19.999")).containsExactly(
                "sources[7].deal_price: 19.999 has more decimals than USD has (2)");
        assertThat(problems(show, "product", "CUP", "deal_price", "999.5")).containsExactly(
                "sources[7].deal_price: 999.5 has more decimals than JPY has (0)");
        assertThat(problems(show, "product", "TEE", "deal_price", "19,99 €", "at_end", "explode")).containsExactly(
                "sources[7].at_end: 'explode' is not stay, hide, scene, sold_out or restore_price",
                "sources[7].deal_price: '19,99 €' is not an amount (\"19.99\")");
        assertThat(problems(show, "product", "TEE", "deal_price", "-1")).containsExactly(
                "sources[7].deal_price: must be 0 or more");
        assertThat(problems(show, "product", "TEE", "at_end", "restore_price")).containsExactly(
                "sources[7].at_end: 'restore_price' ends a deal price: give the countdown a deal_price");
    }

    @Test
    void anEndOrADealThatNeedsAProductWhenTheShowHasNone() throws IOException {
        Show none = flashSale(List.of());
        assertThat(problems(none, "at_end", "sold_out")).containsExactly(
                "sources[7].at_end: 'sold_out' needs a product, and the show has none: add products, or give the countdown a product (a SKU)");
        assertThat(problems(none, "deal_price", "5", "at_end", "restore_price")).containsExactly(
                "sources[7].deal_price: a deal price needs a product, and the show has none: add products, or give the countdown a product (a SKU)");
        assertThat(problems(none, "at_end", "hide")).isEmpty();
    }
}
