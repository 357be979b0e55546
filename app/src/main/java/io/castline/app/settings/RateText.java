package io.castline.app.settings;

import java.util.Locale;

/** Reads what a host types into number fields: rates as 2500, 2500k or 2.5M (kbps), plain integers and decimals. */
final class RateText {
    private RateText() {}

    /** kbps, or null when it is not a rate. Empty counts as 0 ("not set") where {@code emptyIsZero}. */
    static Integer kilo(String text, boolean emptyIsZero) {
        String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (v.isEmpty()) return emptyIsZero ? 0 : null;
        if (v.endsWith("kbps") || v.endsWith("kbit")) v = v.substring(0, v.length() - 4) + "k";
        if (v.endsWith("mbps") || v.endsWith("mbit")) v = v.substring(0, v.length() - 4) + "m";
        double factor = 1;
        if (v.endsWith("k")) {
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1000;
            v = v.substring(0, v.length() - 1);
        }
        if (!v.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) return null;
        double d = Double.parseDouble(v) * factor;
        return d > Integer.MAX_VALUE ? null : (int) Math.round(d);
    }

    static Integer integer(String text) {
        String v = text == null ? "" : text.trim();
        if (!v.matches("-?[0-9]{1,9}")) return null;
        return Integer.parseInt(v);
    }

    static Double decimal(String text) {
        String v = text == null ? "" : text.trim().replace(',', '.');
        if (!v.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) return null;
        return Double.parseDouble(v);
    }

    /** 2500 → "2500k": how rates are shown back in the fields. */
    static String show(int kbps) { return kbps + "k"; }
}
