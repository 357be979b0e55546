package io.castline.engine.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source as the show names it: a unique name, a kind from {@link SourceKinds} and the kind's own
 * settings (libobs's {@code obs_data_t}): plain values only — text, numbers, booleans and lists of
 * numbers — so that a show compares, copies and saves as data.
 */
public record SourceConfig(String name, String kind, Map<String, Object> settings) {
    public SourceConfig {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public static SourceConfig of(String name, String kind, Object... keyValues) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) s.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new SourceConfig(name, kind, s);
    }

    public SourceConfig withName(String n) { return new SourceConfig(n, kind, settings); }

    /** A copy with {@code key} set to {@code value} (removed when null). */
    public SourceConfig with(String key, Object value) {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        if (value == null) s.remove(key);
        else s.put(key, value);
        return new SourceConfig(name, kind, s);
    }

    public boolean has(String key) { return settings.containsKey(key); }

    /** The text at {@code key}, or {@code fallback} when absent (a value of another type counts as absent). */
    public String string(String key, String fallback) {
        return settings.get(key) instanceof String s ? s : fallback;
    }

    public int integer(String key, int fallback) {
        return settings.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    public double number(String key, double fallback) {
        return settings.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    public boolean flag(String key, boolean fallback) {
        return settings.get(key) instanceof Boolean b ? b : fallback;
    }

    /** The list of whole numbers at {@code key}, or null when absent or not such a list. */
    public int[] integers(String key) {
        if (!(settings.get(key) instanceof List<?> list)) return null;
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) return null;
            out[i] = n.intValue();
        }
        return out;
    }
}
