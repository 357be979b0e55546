package io.castline.app.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one local test receiver got, as the bundled ffprobe read it from the receiver's file: the
 * video codec, size, frame rate measured from the timestamps, keyframe spacing (median, in frames
 * and seconds), video bitrate and the audio stream. {@code problem} is set (and the figures empty)
 * when nothing usable arrived.
 *
 * @param output         the output's name (primary, backup)
 * @param url            where the output published, key masked
 * @param fps            frames per second from the packet timestamps (NaN if unknown)
 * @param keyframeFrames median distance between keyframes in frames, or null with fewer than two keyframes
 * @param keyframeSeconds the same in seconds of presentation time, or null
 * @param videoKbps      video payload bitrate (NaN if unknown)
 * @param audioCodec     null without audio
 */
public record ReceivedStream(String output, String url, long fileBytes, String videoCodec, String videoProfile,
                             int width, int height, double fps, int videoFrames, int keyframes, Integer keyframeFrames,
                             Double keyframeSeconds, double videoKbps, String audioCodec, int audioSampleRate,
                             int audioChannels, double durationSeconds, String problem) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ok() { return problem == null; }

    public static ReceivedStream failed(String output, String url, long fileBytes, String problem) {
        return new ReceivedStream(output, url, fileBytes, null, null, 0, 0, Double.NaN, 0, 0, null, null, Double.NaN,
                null, 0, 0, Double.NaN, problem);
    }

    /** ffprobe arguments for {@code file} whose JSON {@link #parse} reads. */
    public static List<String> ffprobeArgs(String file) {
        return List.of("-v", "error", "-of", "json", "-show_format", "-show_streams", "-show_packets",
                "-show_entries", "packet=stream_index,pts_time,size,flags", file);
    }

    /** Reads ffprobe's JSON ({@link #ffprobeArgs}); a file without video becomes a {@link #failed} result. */
    public static ReceivedStream parse(String output, String url, long fileBytes, String ffprobeJson) throws IOException {
        JsonNode root = JSON.readTree(ffprobeJson);
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode s : root.path("streams")) {
            String type = s.path("codec_type").asText();
            if (video == null && type.equals("video")) video = s;
            else if (audio == null && type.equals("audio")) audio = s;
        }
        if (video == null) return failed(output, url, fileBytes, "no video arrived");
        int videoIndex = video.path("index").asInt();

        List<double[]> packets = new ArrayList<>(); // {pts, size, key}
        for (JsonNode p : root.path("packets")) {
            if (p.path("stream_index").asInt(-1) != videoIndex) continue;
            packets.add(new double[]{number(p, "pts_time"), p.path("size").asDouble(0),
                    p.path("flags").asText("").indexOf('K') >= 0 ? 1 : 0});
        }
        if (packets.isEmpty()) return failed(output, url, fileBytes, "the video stream has no frames");

        double[] pts = packets.stream().mapToDouble(p -> p[0]).filter(t -> !Double.isNaN(t)).sorted().toArray();
        double fps = pts.length >= 2 && pts[pts.length - 1] > pts[0] ? (pts.length - 1) / (pts[pts.length - 1] - pts[0])
                : rational(video.path("avg_frame_rate").asText(""));
        double frame = pts.length >= 2 ? medianStep(pts) : Double.NaN;

        List<Integer> gapFrames = new ArrayList<>();
        List<Double> keyPts = new ArrayList<>();
        int previous = -1;
        int keyframes = 0;
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i)[2] == 0) continue;
            keyframes++;
            if (previous >= 0) gapFrames.add(i - previous);
            previous = i;
            if (!Double.isNaN(packets.get(i)[0])) keyPts.add(packets.get(i)[0]);
        }
        Integer keyframeFrames = gapFrames.isEmpty() ? null : median(gapFrames);
        Double keyframeSeconds = null;
        if (keyPts.size() >= 2) {
            double[] steps = new double[keyPts.size() - 1];
            for (int i = 1; i < keyPts.size(); i++) steps[i - 1] = keyPts.get(i) - keyPts.get(i - 1);
            Arrays.sort(steps);
            keyframeSeconds = steps[steps.length / 2];
        }

        double kbps = Double.NaN;
        if (pts.length >= 2) {
            // each frame stands for one frame time; the first second (big first keyframe, start-up) is left out of long streams
            double first = pts[0];
            double last = pts[pts.length - 1];
            double from = last - first + frame > 4.0 ? first + 1.0 : first;
            long bytes = 0;
            double start = Double.NaN;
            for (double[] p : packets) {
                if (Double.isNaN(p[0]) || p[0] < from - 1e-6) continue;
                bytes += (long) p[1];
                start = Double.isNaN(start) ? p[0] : Math.min(start, p[0]);
            }
            kbps = bytes * 8 / 1000.0 / (last - start + frame);
        }

        double duration = number(root.path("format"), "duration");
        if (Double.isNaN(duration) && pts.length >= 2) duration = pts[pts.length - 1] - pts[0] + frame;
        return new ReceivedStream(output, url, fileBytes, text(video, "codec_name"), text(video, "profile"),
                video.path("width").asInt(), video.path("height").asInt(), fps, packets.size(), keyframes,
                keyframeFrames, keyframeSeconds, kbps,
                audio == null ? null : text(audio, "codec_name"), audio == null ? 0 : audio.path("sample_rate").asInt(),
                audio == null ? 0 : audio.path("channels").asInt(), duration, null);
    }

    private static double medianStep(double[] sorted) {
        double[] steps = new double[sorted.length - 1];
        for (int i = 1; i < sorted.length; i++) steps[i - 1] = sorted[i] - sorted[i - 1];
        Arrays.sort(steps);
        return steps[steps.length / 2];
    }

    private static int median(List<Integer> values) {
        List<Integer> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static double number(JsonNode n, String field) {
        String s = n.path(field).asText("");
        try {
            return s.isEmpty() || s.equals("N/A") ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double rational(String r) {
        int slash = r.indexOf('/');
        try {
            if (slash < 0) return r.isEmpty() ? Double.NaN : Double.parseDouble(r);
            double d = Double.parseDouble(r.substring(slash + 1));
            return d == 0 ? Double.NaN : Double.parseDouble(r.substring(0, slash)) / d;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
