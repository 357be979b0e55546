package io.castline.app.layers;

import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the add-source dialog asks for each setting of a kind, and how what was typed becomes the
 * show file's value: the same names and types as the file, so the engine's checks (and their
 * words) apply unchanged. No JavaFX here: the dialog only lays the fields out.
 */
public final class SourceForm {
    /** How a setting is entered; a camera's or microphone's device is picked from those found. */
    public enum Input { TEXT, NUMBER, FLAG, FILE, REGION, CAMERA, MICROPHONE }

    /** One setting's field: its key in the file, its label, how it is entered, what it starts with, a hint. */
    public record Field(String key, String label, Input input, String initial, String hint) {}

    /** The settings the form shows first, in this order; any other key of the kind follows. */
    private static final List<String> ORDER = List.of("device", "display", "region", "window", "path", "text", "font", "size",
            "color", "bold", "outline_color", "outline_width", "background", "padding", "loop", "audio", "video", "cursor",
            "video_size", "framerate", "input_format", "frequency", "template", "qr", "low_stock", "locale", "accent",
            "duration", "label", "at_end");
    private static final Set<String> NUMBERS = Set.of("size", "outline_width", "padding", "framerate", "frequency", "low_stock", "duration");
    private static final Set<String> FLAGS = Set.of("bold", "loop", "audio", "video", "cursor", "qr");
    private static final Pattern PROBLEM_FIELD = Pattern.compile("sources\\[\\d+]\\.([a-z_]+).*");

    private SourceForm() {}

    public static List<Field> fields(SourceKind kind) {
        List<String> keys = new ArrayList<>();
        for (String k : ORDER) if (kind.settingKeys().contains(k)) keys.add(k);
        kind.settingKeys().stream().filter(k -> !keys.contains(k)).sorted().forEach(keys::add);
        List<Field> fields = new ArrayList<>();
        for (String k : keys) fields.add(field(kind.id(), k));
        return fields;
    }

    private static Field field(String kind, String key) {
        Input input = FLAGS.contains(key) ? Input.FLAG : NUMBERS.contains(key) ? Input.NUMBER
                : key.equals("path") ? Input.FILE : key.equals("region") ? Input.REGION
                : key.equals("device") && kind.equals("camera") ? Input.CAMERA
                : key.equals("device") && kind.equals("mic") ? Input.MICROPHONE : Input.TEXT;
        String initial = switch (key) {
            case "loop", "audio", "video", "cursor", "qr" -> "true";
            case "template" -> "lower_third";
            case "duration" -> "300";
            case "at_end" -> "stay";
            case "bold" -> "false";
            case "color" -> kind.equals("text") ? "#FFFFFF" : "#202830";
            case "text" -> "Flash sale: today only";
            case "size" -> "48";
            default -> "";
        };
        String hint = switch (key) {
            case "region" -> "x, y, width, height (empty: the whole display)";
            case "color", "outline_color" -> "#RRGGBB";
            case "background" -> "#RRGGBBAA (empty: none)";
            case "display" -> "empty: the main display";
            case "device" -> "empty: the first one";
            case "window" -> "a window's title (Windows) or id (X11)";
            case "video_size" -> "1280x720";
            case "template" -> "lower_third, side or vertical";
            case "low_stock" -> "under it the card says \"only N left\" (empty: 10)";
            case "locale" -> "how prices are written: de-DE, en-US… (empty: the system's)";
            case "accent" -> "#RRGGBB (the badge's colour)";
            case "duration" -> "seconds (300 is 05:00)";
            case "label" -> "a line above the time, e.g. Deal ends in";
            case "at_end" -> "stay (00:00) or hide";
            default -> "";
        };
        return new Field(key, label(key), input, initial, hint);
    }

    /** "outline_color" → "Outline color". */
    static String label(String key) {
        String words = key.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * The source the form describes. An empty field is left out (the kind's default); a number is
     * a number, a flag true or false, a region four numbers: anything else stays text, and the
     * engine's checks name what is wrong with it.
     */
    public static SourceConfig config(String name, String kind, Map<String, String> values) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = e.getValue() == null ? "" : e.getValue().strip();
            if (v.isEmpty()) continue;
            settings.put(e.getKey(), value(e.getKey(), v));
        }
        return new SourceConfig(name, kind, settings);
    }

    private static Object value(String key, String v) {
        if (FLAGS.contains(key) && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
        }
        if (NUMBERS.contains(key)) {
            try {
                double d = Double.parseDouble(v);
                return d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE ? (Object) (int) d : (Object) d;
            } catch (NumberFormatException notANumber) {
                return v;
            }
        }
        if (key.equals("region")) {
            String[] parts = v.replace("[", "").replace("]", "").split("[,\\s]+");
            List<Integer> out = new ArrayList<>();
            try {
                for (String p : parts) if (!p.isEmpty()) out.add(Integer.parseInt(p));
                return out;
            } catch (NumberFormatException notNumbers) {
                return v;
            }
        }
        return v;
    }

    /** The setting a problem is about ("sources[3].path: no such file" → "path"), or null for the source as a whole. */
    public static String fieldOf(SettingsProblem p) {
        Matcher m = PROBLEM_FIELD.matcher(p.field());
        return m.matches() ? m.group(1) : null;
    }

    /** A problem's words without its field path: the dialog shows them under the field. */
    public static String message(SettingsProblem p) { return p.message(); }
}
