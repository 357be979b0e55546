package io.castline.app.ui;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RateInputTest {
    @ParameterizedTest
    @CsvSource({"2500, 2500", "2500k, 2500", "2500 kbps, 2500", "2500kbit, 2500", "2.5M, 2500", "2.5 Mbps, 2500",
            "6m, 6000", "1G, 1000000", ".5M, 500"})
    void ratesAsHostsTypeThem(String typed, double kbps) {
        assertThat(RateInput.kbps(typed)).isEqualTo(kbps);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "-5", "2,5M", "2500x", "k"})
    void anythingElseIsUnreadable(String typed) {
        assertThat(RateInput.kbps(typed)).isNull();
    }

    @ParameterizedTest
    @CsvSource(value = {"1.5|1.5", "1,5|1.5", ".25|0.25"}, delimiter = '|')
    void decimalsWithAPointOrAComma(String typed, double value) {
        assertThat(RateInput.decimal(typed)).isEqualTo(value);
    }
}
