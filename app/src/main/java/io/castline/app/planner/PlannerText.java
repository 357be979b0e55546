package io.castline.app.planner;

import io.castline.app.ui.RateInput;

import java.util.Locale;

/**
 * Reads the planner's inputs as a host types them and writes its figures back: audiences as
 * 100000, 100,000 or 100k; rates as 2500, 2500k or 2M (kbps); percentages as 30 or 30%.
 * Null means "not readable"; the view-model says why at the field.
 */
final class PlannerText {
    private PlannerText() {}

    private static final String DECIMAL = "[0-9]+(\\.[0-9]+)?|\\.[0-9]+";

    /** Viewers: digits with optional thousands separators (, _ space), or a k / M suffix. Null when unreadable. */
    static Long viewers(String text) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replaceAll("[,_ \\u00a0\\u202f']", "");
        double factor = 1;
        if (v.endsWith("k")) {
            factor = 1e3;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1e6;
            v = v.substring(0, v.length() - 1);
        }
        if (!v.matches(DECIMAL)) return null;
        double d = Double.parseDouble(v) * factor;
        if (d > 1e12 || d != Math.rint(d)) return null;
        return (long) d;
    }

    /** kbps from 2500, 2500k, 2.5M, 2.5 Mbps; null when unreadable. */
    static Double kbps(String text) { return RateInput.kbps(text); }

    /** A plain decimal (1.5, or 1,5 as some keyboards write it); null when unreadable. */
    static Double decimal(String text) { return RateInput.decimal(text); }

    /** 30 or 30% → 30.0; null when unreadable. */
    static Double percent(String text) {
        String v = text == null ? "" : text.trim();
        if (v.endsWith("%")) v = v.substring(0, v.length() - 1).trim();
        return decimal(v);
    }

    /** 300000000 kbps → "300 Gbps"; 2000 → "2 Mbps"; 5256 → "5.26 Mbps"; 128 → "128 kbps". */
    static String rate(double kbps) {
        if (kbps >= 1e9) return number(kbps / 1e9) + " Tbps";
        if (kbps >= 1e6) return number(kbps / 1e6) + " Gbps";
        if (kbps >= 1e3) return number(kbps / 1e3) + " Mbps";
        return number(kbps) + " kbps";
    }

    /** 100000 → "100,000". */
    static String count(long n) { return String.format(Locale.ROOT, "%,d", n); }

    /** Up to two decimals, trailing zeros dropped, thousands separated: 300.0 → "300", 2.5 → "2.5", 1234.5 → "1,234.5". */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%,.2f", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
