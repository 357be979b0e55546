package io.castline.engine.commerce;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ProductTest {
    private static Product priced(String price, String compareAt, Integer stock, String currency) {
        return new Product("SKU", "Title", null, new BigDecimal(price), compareAt == null ? null : new BigDecimal(compareAt),
                currency, null, stock, null);
    }

    @Test
    void theBadgeRoundsTheDiscountDownAndNeedsACompareAtPriceAboveThePrice() {
        assertThat(priced("25.00", "35.00", null, "USD").discountPercent()).hasValue(28); // 28.57 %
        assertThat(priced("50", "100", null, "USD").discountPercent()).hasValue(50);
        assertThat(priced("99.99", "100.00", null, "USD").discountPercent()).isEmpty(); // 0.01 %: no badge
        assertThat(priced("25.00", "25.00", null, "USD").discountPercent()).isEmpty();
        assertThat(priced("25.00", "20.00", null, "USD").discountPercent()).isEmpty();
        assertThat(priced("25.00", null, null, "USD").discountPercent()).isEmpty();
    }

    @Property
    void theBadgeNeverPromisesMoreThanThePricesGive(@ForAll @IntRange(min = 1, max = 1_000_000) int priceCents,
                                                    @ForAll @IntRange(min = 1, max = 1_000_000) int extraCents) {
        Product p = priced(BigDecimal.valueOf(priceCents, 2).toPlainString(),
                BigDecimal.valueOf(priceCents + (long) extraCents, 2).toPlainString(), null, "USD");
        double exact = 100.0 * extraCents / (priceCents + (double) extraCents);
        p.discountPercent().ifPresentOrElse(
                off -> assertThat((double) off).isLessThanOrEqualTo(exact + 1e-9).isGreaterThan(exact - 1),
                () -> assertThat(exact).isLessThan(1));
    }

    @Test
    void stockTellsSoldOutAndLowStockOnlyWhereItIsTracked() {
        assertThat(priced("1", null, 0, "USD").soldOut()).isTrue();
        assertThat(priced("1", null, 0, "USD").lowStock(5)).isFalse();
        assertThat(priced("1", null, 4, "USD").lowStock(5)).isTrue();
        assertThat(priced("1", null, 5, "USD").lowStock(5)).isFalse();
        assertThat(priced("1", null, null, "USD").soldOut()).isFalse();
        assertThat(priced("1", null, null, "USD").lowStock(5)).isFalse();
    }

    @Test
    void pricesAreWrittenTheWayTheViewersLocaleWritesThem() {
        assertThat(priced("1234.5", null, null, "USD").format(new BigDecimal("1234.5"), Locale.US)).isEqualTo("$1,234.50");
        assertThat(priced("19.99", null, null, "EUR").format(new BigDecimal("19.99"), Locale.GERMANY))
                .isEqualTo("19,99\u00a0€");
        assertThat(priced("1500", null, null, "JPY").format(new BigDecimal("1500"), Locale.JAPAN)).isEqualTo("￥1,500");
    }

    @Test
    void aVariantIsPartOfTheTitleShown() {
        assertThat(new Product("S", "Classic Tee", "Black / M", BigDecimal.ONE, null, "USD", null, null, null).displayTitle())
                .isEqualTo("Classic Tee — Black / M");
        assertThat(priced("1", null, null, "USD").displayTitle()).isEqualTo("Title");
    }
}
