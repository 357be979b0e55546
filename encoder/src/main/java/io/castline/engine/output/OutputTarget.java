package io.castline.engine.output;

import io.castline.engine.destination.Destination;
import io.castline.engine.destination.TlsTrust;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What an output writes to: a network destination (FLV over RTMP/RTMPS, MPEG-TS over SRT, WebRTC over WHIP) or a
 * local recording. The output does not know the platform behind a destination.
 *
 * @param muxerOptions options for avformat_write_header (e.g. fragmented MP4 flags)
 * @param trust        the certificates a TLS connection ({@code rtmps://}) accepts; null when the
 *                     target is not TLS
 * @param role         what a network destination is for (the primary's uplink is the one dynamic
 *                     bitrate protects); null for a recording
 */
public record OutputTarget(String name, String publishUrl, String maskedUrl, String formatName,
                           boolean network, Map<String, String> muxerOptions, String peerHost, int peerPort,
                           TlsTrust trust, OutputRole role) {

    /** A target without TLS. */
    public OutputTarget(String name, String publishUrl, String maskedUrl, String formatName, boolean network,
                        Map<String, String> muxerOptions, String peerHost, int peerPort) {
        this(name, publishUrl, maskedUrl, formatName, network, muxerOptions, peerHost, peerPort, null,
                network ? OutputRole.forName(name) : null);
    }

    /** A target of this role (a network destination's; a recording has none). */
    public OutputTarget withRole(OutputRole r) {
        return new OutputTarget(name, publishUrl, maskedUrl, formatName, network, muxerOptions, peerHost, peerPort, trust, r);
    }

    /** True when the connection is TLS ({@code rtmps://}): its certificate is verified against {@link #trust}. */
    public boolean tls() { return trust != null; }

    /**
     * MPEG-TS on a live connection: each picture's PES says its length (FFmpeg leaves it out for
     * video, so a receiver knows a picture is whole only when the next one starts: a frame later),
     * and each audio packet goes out as its own PES (not gathered to 2930 bytes, ~170 ms of AAC).
     */
    private static final Map<String, String> LIVE_TS_OPTIONS = Map.of("omit_video_pes_length", "0", "pes_payload_size", "0");

    public static OutputTarget network(Destination destination) {
        return network(destination.name(), destination.publishUrl(), destination);
    }

    /** A network target with another publish URL of the same destination (e.g. its bandwidth-test URL). */
    public static OutputTarget network(String name, String publishUrl, Destination destination) {
        String lower = publishUrl.toLowerCase(Locale.ROOT);
        String format = lower.startsWith("srt:") ? "mpegts" : lower.startsWith("whip:") || lower.startsWith("whips:") ? WhipTransport.FORMAT : "flv";
        return new OutputTarget(name, publishUrl, destination.maskedUrl(), format, true,
                format.equals("mpegts") ? LIVE_TS_OPTIONS : Map.of(),
                destination.host(), destination.port(), destination.tls() ? destination.trust() : null,
                OutputRole.forName(name));
    }

    /**
     * A local recording. MKV (default) and fragmented MP4 stay readable if the program dies
     * mid-stream; FLV and TS are accepted too.
     */
    public static OutputTarget recording(String name, Path file) {
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.') + 1) : "";
        String format;
        Map<String, String> options = Map.of();
        switch (ext) {
            case "mkv" -> format = "matroska";
            case "mp4", "mov" -> {
                format = "mp4";
                // fragmented: every GOP is a complete fragment on disk, no moov needed at the end
                options = Map.of("movflags", "frag_keyframe+empty_moov+default_base_moof");
            }
            case "flv" -> format = "flv";
            case "ts" -> format = "mpegts";
            default -> throw new IllegalArgumentException(
                    "record: unsupported file type '." + ext + "' (use .mkv, .mp4, .flv or .ts)");
        }
        String path = file.toAbsolutePath().toString();
        return new OutputTarget(name, path, path, format, false, options, null, -1);
    }

    /** This recording written to another file of the same type (a numbered one, see {@link RecordingFiles}). */
    OutputTarget inFile(Path file) {
        if (network) throw new IllegalStateException(name + " is not a recording");
        String path = file.toAbsolutePath().toString();
        return new OutputTarget(name, path, path, formatName, false, muxerOptions, null, -1);
    }
}
