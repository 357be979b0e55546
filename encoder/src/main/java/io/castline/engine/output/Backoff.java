package io.castline.engine.output;

import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential (×1.5 per attempt, as OBS's output_reconnect), with jitter so that
 * many broadcasters do not retry in lock-step, and a cap so that an ingest that comes back is used
 * again within seconds.
 */
public final class Backoff {
    public static final double FACTOR = 1.5;

    private final long initialMillis;
    private final long capMillis;
    private final double jitter;
    private final RandomGenerator random;

    /** @param jitter fraction of the delay added or removed at random, e.g. 0.15 for ±15% */
    public Backoff(long initialMillis, long capMillis, double jitter, RandomGenerator random) {
        if (initialMillis <= 0 || capMillis < initialMillis) throw new IllegalArgumentException("need 0 < initial <= cap");
        if (!(jitter >= 0 && jitter < 1)) throw new IllegalArgumentException("jitter must be in [0, 1)");
        this.initialMillis = initialMillis;
        this.capMillis = capMillis;
        this.jitter = jitter;
        this.random = random;
    }

    /** 0.5 s, ×1.5, capped at 3 s, ±15%: back within ~3.5 s of an ingest returning. */
    public static Backoff standard() {
        return new Backoff(500, 3000, 0.15, RandomGenerator.getDefault());
    }

    /** Delay before attempt {@code attempt} (1-based). */
    public long delayMillis(int attempt) {
        double base = initialMillis * Math.pow(FACTOR, Math.max(0, attempt - 1));
        double capped = Math.min(base, capMillis);
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Math.max(1, Math.round(capped * factor));
    }

    public long capMillis() { return capMillis; }
    public double jitter() { return jitter; }
}
