package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks source kinds share: present, a type, a range, a colour, a readable file. */
final class Checks {
    private static final Pattern COLOR = Pattern.compile("#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})");

    private Checks() {}

    static void text(SourceConfig c, String key, boolean required, Problems p) {
        Object v = c.settings().get(key);
        if (v == null) {
            if (required) p.add(key, "is required");
        } else if (!(v instanceof String s)) {
            p.add(key, "must be text");
        } else if (required && s.isBlank()) {
            p.add(key, "must not be empty");
        }
    }

    static void flag(SourceConfig c, String key, Problems p) {
        Object v = c.settings().get(key);
        if (v != null && !(v instanceof Boolean)) p.add(key, "must be true or false");
    }

    static void number(SourceConfig c, String key, double min, double max, Problems p) {
        Object v = c.settings().get(key);
        if (v == null) return;
        if (!(v instanceof Number n)) {
            p.add(key, "must be a number");
        } else if (!(n.doubleValue() >= min && n.doubleValue() <= max)) {
            p.add(key, "must be between " + plain(min) + " and " + plain(max) + " (is " + plain(n.doubleValue()) + ")");
        }
    }

    static void color(SourceConfig c, String key, boolean required, Problems p) {
        Object v = c.settings().get(key);
        if (v == null) {
            if (required) p.add(key, "is required (\"#RRGGBB\", or \"#RRGGBBAA\" with opacity)");
        } else if (!(v instanceof String s) || !COLOR.matcher(s).matches()) {
            p.add(key, "'" + v + "' is not a colour (\"#RRGGBB\", or \"#RRGGBBAA\" with opacity)");
        }
    }

    /** "#RRGGBB" → 0xFFRRGGBB, "#RRGGBBAA" → 0xAARRGGBB; {@code fallback} when absent or malformed. */
    static int argb(String value, int fallback) {
        if (value == null || !COLOR.matcher(value).matches()) return fallback;
        long v = Long.parseLong(value.substring(1), 16);
        if (value.length() == 7) return (int) (0xff000000L | v);
        return (int) (((v & 0xff) << 24) | (v >>> 8));
    }

    static void readableFile(SourceConfig c, String key, SourceKind.Context context, Problems p) {
        Object v = c.settings().get(key);
        if (v == null) {
            p.add(key, "is required (a file)");
            return;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            p.add(key, "must be a file's path");
            return;
        }
        Path file = context.resolve(s);
        if (Files.isDirectory(file)) p.add(key, s + " is a folder, not a file");
        else if (!Files.isRegularFile(file)) p.add(key, "no such file: " + file);
        else if (!Files.isReadable(file)) p.add(key, "cannot read " + file + " (permission denied)");
    }

    static boolean isOs(String name) {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains(name);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
