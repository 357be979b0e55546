package io.castline.engine.destination;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stream key the process has seen, so that any text leaving the engine (logs, FFmpeg's own
 * messages, errors, stats) can be scrubbed of them. Keys are registered when a {@link Destination}
 * is parsed; masking is a plain substring replace because FFmpeg may quote a key anywhere.
 */
public final class Secrets {
    public static final String MASK = "••••";
    private static final Set<String> KEYS = ConcurrentHashMap.newKeySet();

    private Secrets() {}

    public static void register(String secret) {
        // very short strings would mask ordinary words; real stream keys are longer than this
        if (secret != null && secret.length() >= 3) KEYS.add(secret);
    }

    public static String mask(String text) {
        if (text == null || KEYS.isEmpty()) return text;
        String out = text;
        // longest first: a key that contains a shorter one must not be left half-masked
        for (String key : KEYS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (out.contains(key)) out = out.replace(key, MASK);
        }
        return out;
    }
}
