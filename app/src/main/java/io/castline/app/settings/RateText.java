package io.castline.app.settings;

import io.castline.app.ui.RateInput;

/** Reads what a host types into number fields: rates as 2500, 2500k or 2.5M (kbps), plain integers and decimals. */
final class RateText {
    private RateText() {}

    /** kbps, or null when it is not a rate. Empty counts as 0 ("not set") where {@code emptyIsZero}. */
    static Integer kilo(String text, boolean emptyIsZero) {
        if (text == null || text.isBlank()) return emptyIsZero ? 0 : null;
        Double kbps = RateInput.kbps(text);
        return kbps == null || kbps > Integer.MAX_VALUE ? null : (int) Math.round(kbps);
    }

    static Integer integer(String text) {
        String v = text == null ? "" : text.trim();
        if (!v.matches("-?[0-9]{1,9}")) return null;
        return Integer.parseInt(v);
    }

    static Double decimal(String text) { return RateInput.decimal(text); }

    /** 2500 → "2500k": how rates are shown back in the fields. */
    static String show(int kbps) { return kbps + "k"; }
}
