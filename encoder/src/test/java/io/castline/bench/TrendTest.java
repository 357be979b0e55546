package io.castline.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrendTest {

    @Test
    void slopeOfAStraightLine() {
        assertThat(Trend.slope(List.of(0.0, 10.0, 20.0, 30.0), List.of(100.0, 101.0, 102.0, 103.0))).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void oneOddSampleMovesTheSlopeLessThanLastMinusFirstWould() {
        // flat at 200 MB with a last sample 6 MB up: last - first says +6 over the 40 s, the fit +4.8
        double slope = Trend.slope(List.of(0.0, 10.0, 20.0, 30.0, 40.0), List.of(200.0, 200.0, 200.0, 200.0, 206.0));
        assertThat(slope * 40).isCloseTo(4.8, within(1e-9));
    }

    @Test
    void tooFewPointsOrNoSpreadIsNotASlope() {
        assertThat(Trend.slope(List.of(0.0, 1.0), List.of(1.0, 2.0))).isNaN();
        assertThat(Trend.slope(List.of(5.0, 5.0, 5.0), List.of(1.0, 2.0, 3.0))).isNaN();
    }
}
