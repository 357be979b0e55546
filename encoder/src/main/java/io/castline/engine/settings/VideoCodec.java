package io.castline.engine.settings;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A video encoder Castline can drive, by its user-facing id and the libavcodec encoder name. */
public enum VideoCodec {
    X264("x264", "libx264", Family.H264, false),
    X265("x265", "libx265", Family.HEVC, false),
    NVENC_H264("nvenc", "h264_nvenc", Family.H264, true),
    NVENC_HEVC("nvenc-hevc", "hevc_nvenc", Family.HEVC, true),
    QSV_H264("qsv", "h264_qsv", Family.H264, true),
    QSV_HEVC("qsv-hevc", "hevc_qsv", Family.HEVC, true),
    AMF_H264("amf", "h264_amf", Family.H264, true),
    VIDEOTOOLBOX_H264("videotoolbox", "h264_videotoolbox", Family.H264, true),
    VIDEOTOOLBOX_HEVC("videotoolbox-hevc", "hevc_videotoolbox", Family.HEVC, true);

    public enum Family { H264, HEVC }

    private static final List<String> X26X_PRESETS = List.of("ultrafast", "superfast", "veryfast", "faster",
            "fast", "medium", "slow", "slower", "veryslow", "placebo");

    private final String id;
    private final String encoderName;
    private final Family family;
    private final boolean hardware;

    VideoCodec(String id, String encoderName, Family family, boolean hardware) {
        this.id = id;
        this.encoderName = encoderName;
        this.family = family;
        this.hardware = hardware;
    }

    public String id() { return id; }
    public String encoderName() { return encoderName; }
    public Family family() { return family; }
    public boolean hardware() { return hardware; }

    /** Accepts the id ("x264"), the libavcodec name ("libx264") or the family ("h264", "hevc"). */
    public static Optional<VideoCodec> byName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("h264") || n.equals("avc")) return Optional.of(X264);
        if (n.equals("hevc") || n.equals("h265")) return Optional.of(X265);
        for (VideoCodec c : values()) {
            if (c.id.equals(n) || c.encoderName.equals(n)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** Presets this encoder understands; empty means "no preset check" (hardware encoders differ). */
    public List<String> presets() { return hardware ? List.of() : X26X_PRESETS; }

    public Set<String> tunes() {
        return switch (this) {
            case X264 -> Set.of("film", "animation", "grain", "stillimage", "psnr", "ssim", "fastdecode", "zerolatency");
            case X265 -> Set.of("psnr", "ssim", "grain", "zerolatency", "fastdecode", "animation");
            default -> Set.of();
        };
    }

    public Set<String> profiles() {
        return switch (family) {
            case H264 -> Set.of("baseline", "main", "high");
            case HEVC -> Set.of("main", "main10");
        };
    }
}
