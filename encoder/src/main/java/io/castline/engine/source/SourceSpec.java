package io.castline.engine.source;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed {@code --video} or {@code --audio} value: {@code testsrc}, {@code sine}, {@code none},
 * {@code camera[:NAME]}, {@code screen[:DISPLAY]}, {@code mic[:NAME]} or {@code file:PATH}.
 *
 * @param device       device name, display, or file path; null for the platform default
 * @param inputFormat  overrides the platform's capture format (e.g. "lavfi" so that tests drive the
 *                     camera path with FFmpeg's generated input); null for the platform default
 */
public record SourceSpec(Kind kind, String device, String inputFormat) {

    public enum Kind { TESTSRC, SINE, NONE, CAMERA, SCREEN, MIC, FILE }

    public static SourceSpec parseVideo(String value, String inputFormat) {
        SourceSpec s = parse(value, inputFormat, "video");
        if (s.kind == Kind.SINE || s.kind == Kind.MIC || s.kind == Kind.NONE) {
            throw new IllegalArgumentException("video: '" + value + "' is not a video source; use testsrc, "
                    + "camera[:NAME], screen[:DISPLAY] or file:PATH");
        }
        return s;
    }

    public static SourceSpec parseAudio(String value, String inputFormat) {
        SourceSpec s = parse(value, inputFormat, "audio");
        if (s.kind == Kind.TESTSRC || s.kind == Kind.CAMERA || s.kind == Kind.SCREEN) {
            throw new IllegalArgumentException("audio: '" + value + "' is not an audio source; use sine, "
                    + "mic[:NAME], file:PATH or none");
        }
        return s;
    }

    private static SourceSpec parse(String value, String inputFormat, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + ": is empty");
        int colon = value.indexOf(':');
        String head = (colon < 0 ? value : value.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? null : value.substring(colon + 1);
        if (rest != null && rest.isEmpty()) rest = null;
        Kind kind = switch (head) {
            case "testsrc" -> Kind.TESTSRC;
            case "sine" -> Kind.SINE;
            case "none" -> Kind.NONE;
            case "camera" -> Kind.CAMERA;
            case "screen" -> Kind.SCREEN;
            case "mic" -> Kind.MIC;
            case "file" -> Kind.FILE;
            default -> throw new IllegalArgumentException(field + ": unknown source '" + head + "'");
        };
        if (kind == Kind.FILE) {
            if (rest == null) throw new IllegalArgumentException(field + ": file: needs a path (file:PATH)");
            if (!Path.of(rest).toFile().isFile()) throw new IllegalArgumentException(field + ": no such file: " + rest);
        }
        if (kind == Kind.SCREEN && rest != null && rest.matches("\\d+(\\.\\d+)?")) rest = ":" + rest;
        return new SourceSpec(kind, rest, inputFormat == null || inputFormat.isBlank() ? null : inputFormat);
    }

    @Override public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + (device == null ? "" : ":" + device);
    }
}
