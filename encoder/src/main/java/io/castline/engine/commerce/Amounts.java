package io.castline.engine.commerce;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Reading prices as people and shops write them in files: "19.99", "19", "1234.5". */
public final class Amounts {
    // digits with an optional decimal point; no thousands separators, no currency signs (the currency is a field of its own)
    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,12}(\\.\\d{1,6})?");

    private Amounts() {}

    /** The amount, or null when {@code text} is not one. */
    public static BigDecimal parse(String text) {
        String s = text == null ? "" : text.strip();
        return AMOUNT.matcher(s).matches() ? new BigDecimal(s) : null;
    }
}
