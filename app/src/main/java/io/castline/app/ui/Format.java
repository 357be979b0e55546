package io.castline.app.ui;

import java.util.Locale;

/** How figures read in the studio: short, with units, the same everywhere. */
public final class Format {
    private Format() {}

    /** 3725 s → "01:02:05". */
    public static String clock(double seconds) {
        long s = Math.max(0, (long) Math.floor(seconds));
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** 2671.2 → "2671 kbps"; 12500 → "12.5 Mbps". */
    public static String kbps(double kbps) {
        if (kbps >= 10_000) return String.format(Locale.ROOT, "%.1f Mbps", kbps / 1000);
        return String.format(Locale.ROOT, "%.0f kbps", kbps);
    }

    /** Always in Mbps with one decimal, for the uplink where figures are compared. */
    public static String mbps(double kbps) {
        return String.format(Locale.ROOT, "%.1f Mbps", kbps / 1000);
    }

    public static String bytes(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }

    /** 1200 ms → "1.2 s"; 80 → "80 ms". */
    public static String millis(long ms) {
        if (ms >= 1000) return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        return ms + " ms";
    }

    /** 1234 ms → "1.2 s" for countdowns ("reconnecting in 1.2 s"). */
    public static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", Math.max(0, ms) / 1000.0);
    }

    public static String pct(double pct) {
        return String.format(Locale.ROOT, "%.0f%%", pct);
    }

    /** A recording's file and what it holds: "show.mkv (241 frames, 8.0 s, 1.2 MB)", as the engine's reasons say it. */
    public static String file(io.castline.engine.output.RecordingStatus.RecordedFile f) {
        return String.format(Locale.ROOT, "%s (%d frames, %.1f s, %.1f MB)", f.file().getFileName(), f.videoFrames(),
                f.seconds(), f.bytes() / 1e6);
    }

    /** "show.mkv (241 frames, 8.0 s, 1.2 MB), show-2.mkv (…)". */
    public static String files(java.util.List<io.castline.engine.output.RecordingStatus.RecordedFile> files) {
        return String.join(", ", files.stream().map(Format::file).toList());
    }

    /**
     * An engine reason as a host reads it: secrets masked, the engine's "; retry in …" tail dropped
     * (the card counts down itself), and FFmpeg's internal detail such as
     * "([rtmp @ 0x7ff9e008c880] Cannot open connection tcp://…)" left out.
     */
    public static String reason(String reason) {
        if (reason == null || reason.isBlank()) return "";
        String r = io.castline.engine.destination.Secrets.mask(reason);
        int retry = r.indexOf("; retry in ");
        if (retry >= 0) r = r.substring(0, retry);
        r = r.replaceAll("\\s*\\(\\[[^\\]]*@ 0x[0-9a-fA-F]+\\][^)]*\\)", "");
        r = r.replaceAll("\\[[^\\]]*@ 0x[0-9a-fA-F]+\\]\\s*", "");
        return r.trim();
    }
}
