package io.castline.bench;

/** The benchmark could not measure what it was asked to (the message says what failed). */
public final class BenchException extends Exception {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
