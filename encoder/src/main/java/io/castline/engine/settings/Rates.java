package io.castline.engine.settings;


import java.util.Locale;

/** Parses rates and sizes the way the ffmpeg CLI writes them: 2500k, 2.5M, or plain kbps. */
public final class Rates {
    private Rates() {}

    /** "2500k" → 2500, "2.5M" → 2500, "2500" → 2500 (kilo-units); the field names the error. */
    public static int kilo(String value, String field) {
        if (value == null) throw new InvalidSettingsException(field, "is empty");
        String v = value.trim().toLowerCase(Locale.ROOT);
        double factor = 1;
        if (v.endsWith("k")) {
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1000;
            v = v.substring(0, v.length() - 1);
        }
        try {
            // plain decimals only: Double.parseDouble would also take "2500f" or "0x1p10"
            if (!v.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) throw new NumberFormatException();
            double d = Double.parseDouble(v) * factor;
            if (d < 0 || d > Integer.MAX_VALUE || Double.isNaN(d)) throw new NumberFormatException();
            return (int) Math.round(d);
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(field, "'" + value + "' is not a rate (e.g. 2500k or 2.5M)");
        }
    }

    /** "1280x720" → {1280, 720}. */
    public static int[] size(String value, String field) {
        String[] parts = value == null ? new String[0] : value.trim().toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (parts.length != 2) throw new NumberFormatException();
            return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(field, "'" + value + "' is not a size (e.g. 1280x720)");
        }
    }
}
