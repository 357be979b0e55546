package io.castline.control;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WrongTokenLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void fiveWrongTokensInAMinuteBlockTheAddressUntilTheOldestIsAMinuteOld() {
        AtomicLong now = new AtomicLong(1_000 * SECOND);
        WrongTokenLimiter limiter = new WrongTokenLimiter(now::get);
        for (int i = 0; i < 4; i++) {
            limiter.failed("10.0.0.2");
            now.addAndGet(SECOND);
        }
        assertThat(limiter.blockedSeconds("10.0.0.2")).as("four: still allowed").isZero();
        limiter.failed("10.0.0.2");
        assertThat(limiter.blockedSeconds("10.0.0.2")).isEqualTo(56);
        assertThat(limiter.blockedSeconds("10.0.0.3")).as("another address").isZero();
        now.addAndGet(56 * SECOND);
        assertThat(limiter.blockedSeconds("10.0.0.2")).as("the first is over a minute old").isZero();
    }

    @Test
    void theTokenIsComparedWholeAndNeverPrinted() {
        ControlToken t = ControlToken.random();
        assertThat(t.matches(t.reveal())).isTrue();
        assertThat(t.matches(t.reveal() + "x")).isFalse();
        assertThat(t.matches(t.reveal().substring(1))).isFalse();
        assertThat(t.matches(null)).isFalse();
        assertThat(t.toString()).doesNotContain(t.reveal());
        assertThat(t.reveal()).hasSize(43);
    }
}
