package io.castline.engine.destination;

/**
 * The process's one {@link SecretMasker}: every text that leaves the engine (logs, FFmpeg's own
 * messages, errors, stats, what the CLI prints, the studio's labels) goes through {@link #mask}.
 * Masking is by structure (the key part of a URL, secret query parameters, user-info); the few
 * exact secrets registered here are those a server may echo without a URL around them, and are
 * masked only as whole tokens (see {@link SecretMasker}).
 */
public final class Secrets {
    public static final String MASK = SecretMasker.MASK;
    private static final SecretMasker MASKER = new SecretMasker();

    private Secrets() {}

    /**
     * Remembers a secret that is about to be sent to a server (so that the server's own words
     * about it can be masked too). Only call it with a whole secret that is really used — never
     * with what a user is still typing. Short or word-like secrets are not kept: they are masked
     * wherever they stand in a URL, and nowhere else.
     */
    public static void register(String secret) {
        MASKER.register(secret);
    }

    public static String mask(String text) {
        return MASKER.mask(text);
    }
}
