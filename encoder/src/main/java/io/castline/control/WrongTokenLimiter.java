package io.castline.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Refuses an address that gave a wrong token too often: after {@value #MAX_FAILURES} within a
 * minute it is refused outright (HTTP 429) until the oldest of them is a minute old, so guessing a
 * 256-bit token is slower still. A right token does not clear the count.
 */
final class WrongTokenLimiter {
    static final int MAX_FAILURES = 5;
    static final long WINDOW_NANOS = 60_000_000_000L;

    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    WrongTokenLimiter(LongSupplier clock) {
        this.clock = clock;
    }

    /** Seconds until {@code address} may try again, or 0 when it may now. */
    long blockedSeconds(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) return 0;
        synchronized (times) {
            long now = clock.getAsLong();
            while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_NANOS) times.pollFirst();
            if (times.size() < MAX_FAILURES) return 0;
            return Math.max(1, (times.peekFirst() + WINDOW_NANOS - now + 999_999_999L) / 1_000_000_000L);
        }
    }

    void failed(String address) {
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.getAsLong());
            while (times.size() > MAX_FAILURES) times.pollFirst();
        }
    }
}
