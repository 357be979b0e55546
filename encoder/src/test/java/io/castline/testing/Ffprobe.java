package io.castline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the bundled {@code ffprobe} (see {@link BundledTools}) on a media file and returns what it found:
 * the first video and audio stream, the container duration and every video/audio packet.
 */
public final class Ffprobe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Ffprobe() {
    }

    /** Video stream properties as ffprobe reports them. */
    public record VideoStream(String codecName, String profile, int width, int height,
                              String rFrameRate, String avgFrameRate) {
        /** {@code r_frame_rate} as a number (NaN if unknown, e.g. "0/0"). */
        public double rFps() {
            return rational(rFrameRate);
        }

        /** {@code avg_frame_rate} as a number (NaN if unknown). */
        public double avgFps() {
            return rational(avgFrameRate);
        }
    }

    /** Audio stream properties as ffprobe reports them. */
    public record AudioStream(String codecName, int sampleRate, int channels) {
    }

    /** One packet; times in seconds (NaN when ffprobe reports N/A), {@code key} = keyframe flag. */
    public record Packet(double ptsTime, double dtsTime, int size, boolean key) {
    }

    /**
     * What ffprobe found in a file. {@code video}/{@code audio} are the first stream of that type, or null;
     * {@code durationSeconds} is the container duration (NaN if unknown); the packet lists are in file
     * (decode) order and only contain packets of the first video/audio stream.
     */
    public record Probe(VideoStream video, AudioStream audio, double durationSeconds,
                        List<Packet> videoPackets, List<Packet> audioPackets) {

        public Probe {
            videoPackets = List.copyOf(videoPackets);
            audioPackets = List.copyOf(audioPackets);
        }

        /** Number of video packets (= frames for H.264/HEVC in FLV/MP4). */
        public int videoFrameCount() {
            return videoPackets.size();
        }

        /** Whether the first video packet in decode order is a keyframe (0 video packets: false). */
        public boolean firstVideoPacketIsKey() {
            return !videoPackets.isEmpty() && videoPackets.get(0).key();
        }

        /**
         * Frames per second actually present: {@code (n - 1) / (last pts - first pts)} over the n video
         * packets sorted by pts. NaN with fewer than 2 packets.
         */
        public double measuredFps() {
            double[] pts = sortedVideoPts();
            if (pts.length < 2 || pts[pts.length - 1] <= pts[0]) {
                return Double.NaN;
            }
            return (pts.length - 1) / (pts[pts.length - 1] - pts[0]);
        }

        /**
         * Distance, in frames, between consecutive keyframes in decode order: for keyframes at packet
         * indices 0, 25, 50 this is [25, 25]. The frames before the first keyframe and after the last one
         * are not counted. Empty with fewer than 2 keyframes.
         */
        public List<Integer> keyframeIntervals() {
            List<Integer> intervals = new ArrayList<>();
            int previous = -1;
            for (int i = 0; i < videoPackets.size(); i++) {
                if (videoPackets.get(i).key()) {
                    if (previous >= 0) {
                        intervals.add(i - previous);
                    }
                    previous = i;
                }
            }
            return List.copyOf(intervals);
        }

        /**
         * Largest gap in seconds between consecutive video frames in presentation order (pts sorted):
         * about 1/fps for a smooth stream, larger where frames are missing. 0 with fewer than 2 packets.
         */
        public double maxVideoGapSeconds() {
            double[] pts = sortedVideoPts();
            double max = 0;
            for (int i = 1; i < pts.length; i++) {
                max = Math.max(max, pts[i] - pts[i - 1]);
            }
            return max;
        }

        /**
         * Video bitrate in kbit/s (1 kbit = 1000 bit), computed as follows:
         * <ol>
         *   <li>sort the video packets by pts; let {@code frame} be the median pts step (one frame time);</li>
         *   <li>the video lasts {@code span = last pts - first pts + frame};</li>
         *   <li>if {@code span > 4 s}, ignore the packets with {@code pts < first pts + 1 s}, so the large
         *       first keyframe and encoder start-up do not skew the figure;</li>
         *   <li>result = sum of the remaining packet sizes * 8 / 1000 / (their last pts - their first pts
         *       + frame), i.e. each counted packet stands for exactly one frame time.</li>
         * </ol>
         * Payload only (FLV/RTMP framing and audio not included). NaN with fewer than 2 video packets.
         */
        public double videoKbps() {
            List<Packet> byPts = videoPackets.stream()
                    .filter(p -> !Double.isNaN(p.ptsTime()))
                    .sorted(Comparator.comparingDouble(Packet::ptsTime))
                    .toList();
            if (byPts.size() < 2) {
                return Double.NaN;
            }
            double frame = medianStep(byPts);
            double first = byPts.get(0).ptsTime();
            double last = byPts.get(byPts.size() - 1).ptsTime();
            double from = (last - first + frame) > 4.0 ? first + 1.0 : first;

            long bytes = 0;
            double start = Double.NaN;
            for (Packet p : byPts) {
                // tolerance: pts are printed with microsecond precision, frame times are not exact in ms
                if (p.ptsTime() >= from - 1e-6) {
                    if (Double.isNaN(start)) {
                        start = p.ptsTime();
                    }
                    bytes += p.size();
                }
            }
            double seconds = last - start + frame;
            return bytes * 8 / 1000.0 / seconds;
        }

        private double[] sortedVideoPts() {
            return videoPackets.stream().mapToDouble(Packet::ptsTime).filter(t -> !Double.isNaN(t)).sorted().toArray();
        }

        private static double medianStep(List<Packet> byPts) {
            double[] steps = new double[byPts.size() - 1];
            for (int i = 1; i < byPts.size(); i++) {
                steps[i - 1] = byPts.get(i).ptsTime() - byPts.get(i - 1).ptsTime();
            }
            Arrays.sort(steps);
            return steps[steps.length / 2];
        }
    }

    /**
     * Probes {@code file}: streams, format and all packets.
     *
     * @throws IOException if ffprobe fails (message carries its stderr) or its output cannot be parsed
     */
    public static Probe probe(Path file) throws IOException {
        JsonNode root = runJson(List.of(
                "-v", "error",
                "-of", "json",
                "-show_format",
                "-show_streams",
                "-show_packets",
                "-show_entries", "packet=stream_index,codec_type,pts_time,dts_time,duration_time,size,flags",
                file.toAbsolutePath().toString()));

        VideoStream video = null;
        AudioStream audio = null;
        int videoIndex = -1;
        int audioIndex = -1;
        for (JsonNode s : root.path("streams")) {
            String type = s.path("codec_type").asText();
            if (video == null && "video".equals(type)) {
                videoIndex = s.path("index").asInt();
                video = new VideoStream(text(s, "codec_name"), text(s, "profile"),
                        s.path("width").asInt(), s.path("height").asInt(),
                        text(s, "r_frame_rate"), text(s, "avg_frame_rate"));
            } else if (audio == null && "audio".equals(type)) {
                audioIndex = s.path("index").asInt();
                // sample_rate is a JSON string ("48000"); asInt parses numeric text
                audio = new AudioStream(text(s, "codec_name"), s.path("sample_rate").asInt(), s.path("channels").asInt());
            }
        }

        List<Packet> videoPackets = new ArrayList<>();
        List<Packet> audioPackets = new ArrayList<>();
        for (JsonNode p : root.path("packets")) {
            int index = p.path("stream_index").asInt(-2);
            Packet packet = new Packet(seconds(p, "pts_time"), seconds(p, "dts_time"),
                    p.path("size").asInt(), p.path("flags").asText("").indexOf('K') >= 0);
            if (index == videoIndex) {
                videoPackets.add(packet);
            } else if (index == audioIndex) {
                audioPackets.add(packet);
            }
        }
        return new Probe(video, audio, seconds(root.path("format"), "duration"), videoPackets, audioPackets);
    }

    /**
     * What a player gets out of a file: the presentation times (s) of every frame ffprobe could
     * decode, video and audio, in decode order. A file cut off mid-packet decodes up to the cut.
     */
    public record Decoded(List<Double> videoTimes, List<Double> audioTimes) {
        public Decoded {
            videoTimes = List.copyOf(videoTimes);
            audioTimes = List.copyOf(audioTimes);
        }

        /** End of the last decoded video frame: its time plus one frame (median step); NaN if none. */
        public double videoEnd() {
            return end(videoTimes);
        }

        /** End of the last decoded audio frame; NaN if none. */
        public double audioEnd() {
            return end(audioTimes);
        }

        private static double end(List<Double> times) {
            double[] t = times.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).sorted().toArray();
            if (t.length < 2) return t.length == 1 ? t[0] : Double.NaN;
            double[] steps = new double[t.length - 1];
            for (int i = 1; i < t.length; i++) steps[i - 1] = t[i] - t[i - 1];
            Arrays.sort(steps);
            return t[t.length - 1] + steps[steps.length / 2];
        }
    }

    /** Decodes every frame of {@code file} (errors at a cut-off end are tolerated, as a player does). */
    public static Decoded decode(Path file) throws IOException {
        JsonNode root = runJson(List.of(
                "-v", "quiet",
                "-of", "json",
                "-show_entries", "frame=media_type,best_effort_timestamp_time",
                file.toAbsolutePath().toString()));
        List<Double> video = new ArrayList<>();
        List<Double> audio = new ArrayList<>();
        for (JsonNode f : root.path("frames")) {
            double t = seconds(f, "best_effort_timestamp_time");
            switch (f.path("media_type").asText()) {
                case "video" -> video.add(t);
                case "audio" -> audio.add(t);
                default -> { }
            }
        }
        return new Decoded(video, audio);
    }

    /** A chapter as ffprobe reads it from a file: seconds, and its title. */
    public record Chapter(double start, double end, String title) {}

    /** The chapters of {@code file} ({@code -show_chapters}). */
    public static List<Chapter> chapters(Path file) throws IOException {
        JsonNode root = runJson(List.of("-v", "error", "-show_chapters", "-of", "json", file.toString()));
        List<Chapter> out = new java.util.ArrayList<>();
        for (JsonNode c : root.path("chapters")) {
            out.add(new Chapter(c.path("start_time").asDouble(), c.path("end_time").asDouble(), c.path("tags").path("title").asText(null)));
        }
        return out;
    }

    /** One decoded video frame's time (s) and the mean luma of a region ({@code crop} as FFmpeg's crop filter: w:h:x:y). */
    public record Luma(double time, double mean) {}

    /** Every video frame of {@code file}, on the file's own timestamps, with the mean luma of {@code crop}. */
    public static List<Luma> regionLuma(Path file, String crop) throws IOException {
        String movie = "movie=" + file.toString().replace("\\", "/").replace(":", "\\:") + ",crop=" + crop + ",signalstats";
        JsonNode root = runJson(List.of("-v", "error", "-f", "lavfi", "-i", movie, "-show_entries",
                "frame=pts_time:frame_tags=lavfi.signalstats.YAVG", "-of", "json"));
        List<Luma> out = new java.util.ArrayList<>();
        for (JsonNode f : root.path("frames")) {
            out.add(new Luma(f.path("pts_time").asDouble(), f.path("tags").path("lavfi.signalstats.YAVG").asDouble()));
        }
        return out;
    }

    /** Runs ffprobe with {@code args} and parses its stdout as JSON. */
    private static JsonNode runJson(List<String> args) throws IOException {
        // stdout/stderr go to files, not pipes: a large packet dump must not block the child on a full pipe
        Path out = Files.createTempFile("ffprobe", ".json");
        Path err = Files.createTempFile("ffprobe", ".err");
        try {
            Process p = BundledTools.command(BundledTools.ffprobe(), args)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean done;
            try {
                done = p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running ffprobe", e);
            }
            if (!done) {
                p.destroyForcibly();
                throw new IOException("ffprobe did not finish within " + TIMEOUT + ": " + args);
            }
            if (p.exitValue() != 0) {
                throw new IOException("ffprobe exited with " + p.exitValue() + " for " + args + ": "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return JSON.readTree(out.toFile());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A time field ("1.234000", or "N/A"/absent -> NaN). */
    private static double seconds(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    /** "25/1" -> 25.0; "0/0", null or garbage -> NaN. */
    static double rational(String r) {
        if (r == null) {
            return Double.NaN;
        }
        int slash = r.indexOf('/');
        try {
            if (slash < 0) {
                return Double.parseDouble(r);
            }
            double num = Double.parseDouble(r.substring(0, slash));
            double den = Double.parseDouble(r.substring(slash + 1));
            return den == 0 ? Double.NaN : num / den;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
