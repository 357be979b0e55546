package io.castline.engine.source;

import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How FFmpeg opens a source on this platform: input format, the "filename" and options. The one
 * place that knows v4l2 / dshow / avfoundation / x11grab / gdigrab.
 *
 * @param paced true when the input produces frames as fast as it is read (files, generated input):
 *              the source thread then plays it at its own timestamps, like a live device
 * @param holdAtEnd a file played once: at its end the source stops reading and keeps its last
 *              picture (no "no signal"), instead of opening it again
 */
public record CaptureInput(String format, String input, Map<String, String> options, boolean paced, boolean loop,
                           boolean holdAtEnd) {

    /** An input that, when it ends without looping, is opened again (a device that went away). */
    public CaptureInput(String format, String input, Map<String, String> options, boolean paced, boolean loop) {
        this(format, input, options, paced, loop, false);
    }

    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);

    public static CaptureInput forVideo(SourceSpec spec, EncoderSettings s) {
        return forVideo(spec, Canvas.of(s));
    }

    public static CaptureInput forVideo(SourceSpec spec, Canvas s) {
        Map<String, String> options = new LinkedHashMap<>();
        return switch (spec.kind()) {
            case TESTSRC -> new CaptureInput("lavfi",
                    "testsrc2=size=" + s.width() + "x" + s.height() + ":rate=" + s.fps(), options, true, false);
            case FILE -> new CaptureInput(spec.inputFormat(), spec.device(), options, true, true);
            case CAMERA -> {
                String format = spec.inputFormat() != null ? spec.inputFormat() : cameraFormat();
                String device = spec.device() != null ? spec.device() : defaultCamera();
                if (spec.inputFormat() == null && OS.contains("win") && !device.startsWith("video=")) device = "video=" + device;
                yield new CaptureInput(format, device, options, false, false);
            }
            case SCREEN -> {
                String format = spec.inputFormat() != null ? spec.inputFormat() : screenFormat();
                String device = spec.device() != null ? spec.device() : defaultScreen();
                if (spec.inputFormat() == null) {
                    options.put("framerate", Integer.toString(s.fps()));
                    if (format.equals("x11grab")) options.put("draw_mouse", "1");
                    if (format.equals("avfoundation")) options.put("capture_cursor", "1");
                }
                yield new CaptureInput(format, device, options, false, false);
            }
            default -> throw new IllegalArgumentException("not a video source: " + spec);
        };
    }

    /**
     * What a host calls the source this opens: "camera /dev/video0", "screen :0.0", "file
     * show.mp4", "the test pattern"; generated audio is "the test tone".
     */
    public static String label(SourceSpec spec, CaptureInput in) {
        String device = in.input() == null ? "" : in.input().replaceFirst("^(video|audio)=", "");
        return switch (spec.kind()) {
            case TESTSRC -> "the test pattern";
            case SINE -> "the test tone";
            case CAMERA -> "camera " + device;
            case SCREEN -> "screen " + device;
            case MIC -> "microphone " + device;
            case FILE -> "file " + java.nio.file.Path.of(device).getFileName();
            case NONE -> "no source";
        };
    }

    public static CaptureInput forAudio(SourceSpec spec) {
        Map<String, String> options = new LinkedHashMap<>();
        return switch (spec.kind()) {
            // a 440 Hz tone with a beep every second: easy to hear and to check A/V sync by
            case SINE -> new CaptureInput("lavfi", "sine=frequency=440:beep_factor=4:sample_rate=48000", options, true, false);
            case FILE -> new CaptureInput(spec.inputFormat(), spec.device(), options, true, true);
            case MIC -> {
                String format = spec.inputFormat() != null ? spec.inputFormat() : micFormat();
                String device = spec.device() != null ? spec.device() : defaultMic();
                if (spec.inputFormat() == null && OS.contains("win") && !device.startsWith("audio=")) device = "audio=" + device;
                yield new CaptureInput(format, device, options, false, false);
            }
            default -> throw new IllegalArgumentException("not an audio source: " + spec);
        };
    }

    static String cameraFormat() {
        if (OS.contains("win")) return "dshow";
        if (OS.contains("mac")) return "avfoundation";
        return "v4l2";
    }

    private static String defaultCamera() {
        if (OS.contains("mac")) return "0";
        if (OS.contains("win")) return "video=Integrated Camera";
        return "/dev/video0";
    }

    static String screenFormat() {
        if (OS.contains("win")) return "gdigrab";
        if (OS.contains("mac")) return "avfoundation";
        return "x11grab";
    }

    private static String defaultScreen() {
        if (OS.contains("win")) return "desktop";
        if (OS.contains("mac")) return "Capture screen 0";
        String display = System.getenv("DISPLAY");
        return display == null || display.isBlank() ? ":0" : display;
    }

    static String micFormat() {
        if (OS.contains("win")) return "dshow";
        if (OS.contains("mac")) return "avfoundation";
        return "pulse";
    }

    private static String defaultMic() {
        if (OS.contains("mac")) return ":0";
        if (OS.contains("win")) return "audio=Microphone";
        return "default";
    }
}
