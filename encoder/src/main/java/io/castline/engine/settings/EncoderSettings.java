package io.castline.engine.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the encoders are asked to do. Field names and meanings follow the ffmpeg CLI. Immutable:
 * change a copy with the {@code withXxx} methods or a {@link Builder}.
 *
 * @param bufsizeKbits VBV buffer in kilobits; 0 means "same as the bitrate" (one second)
 * @param maxrateKbps  0 means "same as the bitrate"
 * @param tune         null for none
 * @param profile      null for the encoder's default
 * @param bframes      B-frames between reference frames; tune zerolatency means none (see
 *                     {@link #effectiveBframes()})
 */
public record EncoderSettings(
        VideoCodec codec,
        String preset,
        String tune,
        String profile,
        RateControl rateControl,
        int bitrateKbps,
        int maxrateKbps,
        int bufsizeKbits,
        int crf,
        double gopSeconds,
        int bframes,
        int fps,
        int width,
        int height,
        int audioBitrateKbps) {

    public static final int AUDIO_SAMPLE_RATE = 48_000;
    public static final int AUDIO_CHANNELS = 2;

    public static EncoderSettings defaults() {
        return new EncoderSettings(VideoCodec.X264, "veryfast", null, null, RateControl.CBR,
                2500, 0, 0, 23, 2.0, 2, 30, 1280, 720, 128);
    }

    public int effectiveMaxrateKbps() {
        if (rateControl == RateControl.CBR) return bitrateKbps;
        return maxrateKbps > 0 ? maxrateKbps : bitrateKbps;
    }

    public int effectiveBufsizeKbits() {
        return bufsizeKbits > 0 ? bufsizeKbits : effectiveMaxrateKbps();
    }

    /**
     * The B-frames the encoder is given. With tune zerolatency none: the tune exists to send each
     * frame as soon as it is encoded, and a B-frame holds back the frames before it (x264 and x265
     * set bframes=0 for that tune, but an explicit value would override it, as libavcodec applies
     * {@code bframes} after the tune).
     */
    public int effectiveBframes() {
        return isZeroLatency() ? 0 : bframes;
    }

    public boolean isZeroLatency() {
        return tune != null && java.util.Arrays.asList(tune.split("[,+]")).contains("zerolatency");
    }

    /** Keyframe interval in frames: regular keyframes are what ingests and players expect. */
    public int gopFrames() {
        return Math.max(1, (int) Math.round(gopSeconds * fps));
    }

    /** Every problem with these settings, each naming its field; empty when they can go live. */
    public List<SettingsProblem> problems() {
        List<SettingsProblem> p = new ArrayList<>();
        if (codec == null) {
            p.add(new SettingsProblem("codec", "is required"));
            return p;
        }
        if (!codec.presets().isEmpty() && (preset == null || !codec.presets().contains(preset))) {
            p.add(new SettingsProblem("preset", "'" + preset + "' is not a " + codec.id() + " preset; use one of "
                    + String.join(", ", codec.presets())));
        }
        if (tune != null && !tune.isBlank() && !codec.tunes().isEmpty() && !codec.tunes().contains(tune)) {
            p.add(new SettingsProblem("tune", "'" + tune + "' is not a " + codec.id() + " tune; use one of "
                    + String.join(", ", sorted(codec.tunes()))));
        }
        if (profile != null && !profile.isBlank() && !codec.profiles().contains(profile)) {
            p.add(new SettingsProblem("profile", "'" + profile + "' is not a " + codec.family() + " profile; use one of "
                    + String.join(", ", sorted(codec.profiles()))));
        }
        if (rateControl == null) p.add(new SettingsProblem("rate-control", "is required (cbr, vbr or crf)"));
        if (bitrateKbps < 100 || bitrateKbps > 100_000) {
            p.add(new SettingsProblem("bitrate", bitrateKbps + " kbps is outside 100 to 100000 kbps"));
        }
        if (maxrateKbps < 0 || maxrateKbps > 200_000) {
            p.add(new SettingsProblem("maxrate", maxrateKbps + " kbps is outside 0 to 200000 kbps"));
        } else if (rateControl == RateControl.VBR && maxrateKbps > 0 && maxrateKbps < bitrateKbps) {
            p.add(new SettingsProblem("maxrate", maxrateKbps + " kbps is below the bitrate " + bitrateKbps + " kbps"));
        } else if (rateControl == RateControl.CBR && maxrateKbps > 0 && maxrateKbps != bitrateKbps) {
            p.add(new SettingsProblem("maxrate", "must equal the bitrate with CBR (or be left out)"));
        }
        if (bufsizeKbits < 0 || bufsizeKbits > 400_000) {
            p.add(new SettingsProblem("bufsize", bufsizeKbits + " kbit is outside 0 to 400000 kbit"));
        }
        if (crf < 0 || crf > 51) p.add(new SettingsProblem("crf", crf + " is outside 0 to 51"));
        if (!(gopSeconds >= 0.1 && gopSeconds <= 20)) {
            p.add(new SettingsProblem("gop", gopSeconds + " s is outside 0.1 to 20 seconds"));
        }
        if (bframes < 0 || bframes > 16) p.add(new SettingsProblem("bframes", bframes + " is outside 0 to 16"));
        if ("baseline".equals(profile) && effectiveBframes() > 0) {
            p.add(new SettingsProblem("bframes", "the baseline profile allows no B-frames; set bframes to 0"));
        }
        if (fps < 1 || fps > 120) p.add(new SettingsProblem("fps", fps + " is outside 1 to 120"));
        if (width < 16 || width > 7680 || width % 2 != 0) {
            p.add(new SettingsProblem("canvas", "width " + width + " must be even and between 16 and 7680"));
        }
        if (height < 16 || height > 4320 || height % 2 != 0) {
            p.add(new SettingsProblem("canvas", "height " + height + " must be even and between 16 and 4320"));
        }
        if (audioBitrateKbps < 32 || audioBitrateKbps > 512) {
            p.add(new SettingsProblem("audio-bitrate", audioBitrateKbps + " kbps is outside 32 to 512 kbps"));
        }
        return p;
    }

    /** The H.264 profiles a WebRTC receiver is sure to decode (browsers: constrained baseline and main). */
    public static final Set<String> WEBRTC_PROFILES = Set.of("baseline", "main");

    /**
     * What a WebRTC (WHIP) output needs of the video, each problem naming its field: H.264, no
     * B-frames (WebRTC sends each frame as it is made: the muxer refuses a stream with reordering),
     * and the baseline or main profile, said explicitly (x264's default is high). {@code who} names
     * the output in the messages ("WHIP output 'web'").
     */
    public List<SettingsProblem> webRtcProblems(String who) {
        List<SettingsProblem> p = new ArrayList<>();
        if (codec == null) return p;
        if (codec.family() != VideoCodec.Family.H264) {
            p.add(new SettingsProblem("codec", who + " takes H.264 only; choose x264 or an H.264 hardware encoder"));
            return p;
        }
        if (effectiveBframes() > 0) {
            p.add(new SettingsProblem("bframes", who + " takes no B-frames; set bframes to 0 (or tune zerolatency)"));
        }
        if (profile == null || profile.isBlank() || !WEBRTC_PROFILES.contains(profile)) {
            p.add(new SettingsProblem("profile", who + " takes the baseline or main H.264 profile; set the profile to "
                    + "baseline or main" + (profile == null || profile.isBlank() ? " (the encoder's default is high)" : "")));
        }
        return p;
    }

    /** Throws {@link InvalidSettingsException} naming every bad field. */
    public EncoderSettings validated() {
        List<SettingsProblem> p = problems();
        if (!p.isEmpty()) throw new InvalidSettingsException(p);
        return this;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    public Builder toBuilder() { return new Builder(this); }

    /** Mutable builder for CLI flags and profiles; {@link #build()} does not validate. */
    public static final class Builder {
        public VideoCodec codec; public String preset; public String tune; public String profile;
        public RateControl rateControl; public int bitrateKbps; public int maxrateKbps; public int bufsizeKbits;
        public int crf; public double gopSeconds; public int bframes; public int fps; public int width;
        public int height; public int audioBitrateKbps;

        Builder(EncoderSettings s) {
            codec = s.codec; preset = s.preset; tune = s.tune; profile = s.profile; rateControl = s.rateControl;
            bitrateKbps = s.bitrateKbps; maxrateKbps = s.maxrateKbps; bufsizeKbits = s.bufsizeKbits; crf = s.crf;
            gopSeconds = s.gopSeconds; bframes = s.bframes; fps = s.fps; width = s.width; height = s.height;
            audioBitrateKbps = s.audioBitrateKbps;
        }

        public EncoderSettings build() {
            return new EncoderSettings(codec, preset, tune, profile, rateControl, bitrateKbps, maxrateKbps,
                    bufsizeKbits, crf, gopSeconds, bframes, fps, width, height, audioBitrateKbps);
        }
    }
}
