package io.castline.app.ui;

import java.util.Locale;

/**
 * Rates and numbers as hosts type them, for every field that takes one (settings, planner):
 * kbps from 2500, 2500k, 2.5M, 2.5 Mbps, 1G; decimals with a point or a comma. Null means
 * "not readable"; the field says why.
 */
public final class RateInput {
    private static final String DECIMAL = "[0-9]+(\\.[0-9]+)?|\\.[0-9]+";

    private RateInput() {}

    /** kbps, or null when unreadable. */
    public static Double kbps(String text) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (v.endsWith("bps")) v = v.substring(0, v.length() - 3);
        else if (v.endsWith("bit")) v = v.substring(0, v.length() - 3);
        double factor = 1;
        if (v.endsWith("k")) {
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1e3;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("g")) {
            factor = 1e6;
            v = v.substring(0, v.length() - 1);
        }
        if (!v.matches(DECIMAL)) return null;
        return Double.parseDouble(v) * factor;
    }

    /** A plain non-negative decimal (1.5, or 1,5 as some keyboards write it); null when unreadable. */
    public static Double decimal(String text) {
        String v = text == null ? "" : text.trim().replace(',', '.');
        if (!v.matches(DECIMAL)) return null;
        return Double.parseDouble(v);
    }
}
