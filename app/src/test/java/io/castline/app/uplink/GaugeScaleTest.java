package io.castline.app.uplink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GaugeScaleTest {
    @Test
    void marksSitAtCapacityOver1point3AndAt80PercentOfCapacity() {
        GaugeScale g = GaugeScale.of(5000, 10000.0, 5100);
        assertThat(g.maxKbps()).isEqualTo(11000, within(1e-9));
        assertThat(g.capacity()).isCloseTo(10000 / 11000.0, within(1e-9));
        assertThat(g.redundancyLine()).isCloseTo(10000 / 1.3 / 11000, within(1e-9));
        assertThat(g.utilisationLine()).isCloseTo(8000 / 11000.0, within(1e-9));
        assertThat(g.required()).isCloseTo(5000 / 11000.0, within(1e-9));
        assertThat(g.egress()).isCloseTo(5100 / 11000.0, within(1e-9));
    }

    @Test
    void withoutCapacityTheScaleFitsRequiredPlusReserveAndDrawsNoMarks() {
        GaugeScale g = GaugeScale.of(5000, null, 0);
        assertThat(g.maxKbps()).isCloseTo(5000 * 1.3 * 1.1, within(1e-9));
        assertThat(g.capacity()).isNull();
        assertThat(g.redundancyLine()).isNull();
        assertThat(g.utilisationLine()).isNull();
    }

    @Test
    void aTooSmallCapacityShowsRequiredPastIt() {
        GaugeScale g = GaugeScale.of(5000, 3000.0, 2900);
        assertThat(g.required()).isGreaterThan(g.capacity());
        assertThat(g.required()).isLessThan(1.0);
    }
}
