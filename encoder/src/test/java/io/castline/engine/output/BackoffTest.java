package io.castline.engine.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    /** A generator whose nextDouble() is always {@code value} (0.5 means "no jitter"). */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override public long nextLong() { return 0; }
            @Override public double nextDouble() { return value; }
        };
    }

    @Test
    void delaysGrowByOneAndAHalfFromTheInitialValueWithoutJitter() {
        Backoff b = new Backoff(1000, 1_000_000, 0.0, new Random(1));
        assertThat(b.delayMillis(1)).isEqualTo(1000);
        assertThat(b.delayMillis(2)).isEqualTo(1500);
        assertThat(b.delayMillis(3)).isEqualTo(2250);
        assertThat(b.delayMillis(4)).isEqualTo(3375);
        assertThat(b.delayMillis(5)).isEqualTo(5063); // 5062.5 rounded
        assertThat(Backoff.FACTOR).isEqualTo(1.5);
    }

    @Test
    void midpointRandomMeansNoJitter() {
        Backoff b = new Backoff(500, 3000, 0.15, fixed(0.5));
        assertThat(b.delayMillis(1)).isEqualTo(500);
        assertThat(b.delayMillis(2)).isEqualTo(750);
        assertThat(b.delayMillis(3)).isEqualTo(1125);
        assertThat(b.delayMillis(4)).isEqualTo(1688); // 1687.5
        assertThat(b.delayMillis(5)).isEqualTo(2531); // 2531.25
        assertThat(b.delayMillis(6)).isEqualTo(3000); // 3796.875 capped
        assertThat(b.delayMillis(7)).isEqualTo(3000);
        assertThat(b.delayMillis(1000)).isEqualTo(3000);
        assertThat(b.delayMillis(Integer.MAX_VALUE)).isEqualTo(3000);
    }

    @Test
    void attemptsBelowOneAreTreatedAsTheFirst() {
        Backoff b = new Backoff(500, 3000, 0.15, fixed(0.5));
        assertThat(b.delayMillis(0)).isEqualTo(500);
        assertThat(b.delayMillis(-5)).isEqualTo(500);
    }

    @Test
    void lowestRandomGivesMinusJitter() {
        Backoff b = new Backoff(500, 3000, 0.15, fixed(0.0));
        assertThat(b.delayMillis(1)).isEqualTo(425);   // 500 * 0.85
        assertThat(b.delayMillis(3)).isEqualTo(956);   // 1125 * 0.85 = 956.25
        assertThat(b.delayMillis(10)).isEqualTo(2550); // 3000 * 0.85
    }

    @Test
    void highestRandomGivesAlmostPlusJitter() {
        Backoff b = new Backoff(500, 3000, 0.15, fixed(0.999));
        // factor = 1 + 0.15 * 0.998 = 1.1497
        assertThat(b.delayMillis(1)).isEqualTo(575);   // 574.85
        assertThat(b.delayMillis(10)).isEqualTo(3449); // 3449.1
        assertThat(b.delayMillis(10)).isLessThanOrEqualTo(Math.round(3000 * 1.15));
    }

    @Test
    void seededJitterStaysWithinBoundsAndActuallyVaries() {
        double jitter = 0.2;
        Backoff b = new Backoff(400, 5000, jitter, new Random(42));
        Set<Long> firstDelays = new HashSet<>();
        boolean below = false;
        boolean above = false;
        for (int round = 0; round < 200; round++) {
            for (int attempt = 1; attempt <= 12; attempt++) {
                double base = Math.min(400 * Math.pow(1.5, attempt - 1), 5000);
                long d = b.delayMillis(attempt);
                assertThat(d).as("attempt %d", attempt)
                        .isBetween(Math.round(base * (1 - jitter)), Math.round(base * (1 + jitter)));
                if (d < base) below = true;
                if (d > base) above = true;
                if (attempt == 1) firstDelays.add(d);
            }
        }
        assertThat(below).isTrue();
        assertThat(above).isTrue();
        assertThat(firstDelays).hasSizeGreaterThan(20);
    }

    @Test
    void sameSeedGivesSameDelays() {
        Backoff a = new Backoff(500, 3000, 0.15, new Random(7));
        Backoff c = new Backoff(500, 3000, 0.15, new Random(7));
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(a.delayMillis(attempt)).isEqualTo(c.delayMillis(attempt));
        }
    }

    @Test
    void delayIsNeverBelowOneMillisecond() {
        Backoff b = new Backoff(1, 1, 0.9, fixed(0.0));
        assertThat(b.delayMillis(1)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"0, 1000, 0.1", "-1, 1000, 0.1", "1000, 999, 0.1", "500, 3000, -0.01", "500, 3000, 1.0",
            "500, 3000, 1.5"})
    void constructorRejectsBadArguments(long initial, long cap, double jitter) {
        assertThatThrownBy(() -> new Backoff(initial, cap, jitter, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Regression: jitter NaN passes both range checks and every delay then becomes 1 ms. */
    @Test
    void constructorRejectsNanJitter() {
        assertThatThrownBy(() -> new Backoff(500, 3000, Double.NaN, new Random(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorAcceptsEqualInitialAndCapAndZeroJitter() {
        Backoff b = new Backoff(800, 800, 0.0, new Random(3));
        assertThat(b.delayMillis(1)).isEqualTo(800);
        assertThat(b.delayMillis(9)).isEqualTo(800);
        assertThat(b.capMillis()).isEqualTo(800);
        assertThat(b.jitter()).isEqualTo(0.0);
    }

    @Test
    void standardDelaysNeverExceedCapPlusJitter() {
        Backoff b = Backoff.standard();
        assertThat(b.capMillis()).isEqualTo(3000);
        assertThat(b.jitter()).isEqualTo(0.15);
        long max = Math.round(b.capMillis() * (1 + b.jitter()));
        for (int round = 0; round < 500; round++) {
            for (int attempt = 1; attempt <= 30; attempt++) {
                long d = b.delayMillis(attempt);
                assertThat(d).isLessThanOrEqualTo(max).isGreaterThanOrEqualTo(Math.round(500 * 0.85));
            }
        }
        // the first retry is quick: 0.5 s ±15%
        for (int i = 0; i < 200; i++) assertThat(b.delayMillis(1)).isBetween(425L, 575L);
    }
}
