package io.castline.bench;

import io.castline.engine.ffmpeg.BundledTools;
import java.util.stream.Stream;

import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.settings.EncoderSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yardstick: the bundled {@code ffmpeg} CLI encoding the same {@code testsrc2} frames with the
 * same encoder and the same settings Castline gives libavcodec (the codec's private options come
 * from {@link VideoEncoder#codecOptions} itself), muxing FLV to the same number of local files.
 * Timed by ffmpeg's own {@code -benchmark}: real and CPU time of the transcode, not process start.
 */
final class FfmpegReference {
    private static final Pattern TIMES = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");
    private static final Pattern MAXRSS = Pattern.compile("bench: maxrss=([0-9]+)KiB");

    /** One ffmpeg run: real (wall) and CPU time of its transcode, its peak resident memory (KiB, 0 if not told). */
    record Result(long frames, long wallNanos, long cpuNanos, double otherCores, long maxRssKib) {
        double fps() { return frames * 1e9 / wallNanos; }
        double cpuMsPerFrame() { return cpuNanos / 1e6 / frames; }
    }

    private FfmpegReference() {}

    static Result run(EncoderSettings s, int sourceWidth, int sourceHeight, long frames, int outputs, Path dir)
            throws BenchException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= outputs; i++) files.add(dir.resolve("ffmpeg-out" + i + ".flv"));
        Path log = dir.resolve("ffmpeg.log");
        try {
            long busy0 = MachineLoad.busyNanos();
            long own0 = ProcessStats.cpuNanos();
            long children0 = ProcessStats.endedChildrenCpuNanos();
            long t0 = System.nanoTime();
            Process p = BundledTools.command(BundledTools.ffmpeg(),
                    Stream.concat(Stream.of("-nostdin"), args(s, sourceWidth, sourceHeight, frames, files).stream()).toList())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(60 + frames, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new BenchException("ffmpeg did not finish " + frames + " frames in time");
            }
            long busy1 = MachineLoad.busyNanos();
            long window = System.nanoTime() - t0;
            long own = ProcessStats.cpuNanos() - own0;
            long child = ProcessStats.endedChildrenCpuNanos() - children0;
            String text = Files.readString(log);
            if (p.exitValue() != 0) throw new BenchException("ffmpeg failed (exit " + p.exitValue() + "): " + tail(text));
            Matcher m = TIMES.matcher(text);
            if (!m.find()) throw new BenchException("ffmpeg printed no -benchmark times: " + tail(text));
            long cpu = seconds(m.group(1)) + seconds(m.group(2));
            // all of ffmpeg's CPU, its start and exit included (its -benchmark times cover the transcode only)
            long ffmpegCpu = child > 0 ? child : cpu;
            Matcher rss = MAXRSS.matcher(text);
            return new Result(frames, seconds(m.group(3)), cpu, MachineLoad.otherCores(busy0, busy1, ffmpegCpu + own, window),
                    rss.find() ? Long.parseLong(rss.group(1)) : 0);
        } catch (IOException e) {
            throw new BenchException("cannot run ffmpeg: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while ffmpeg ran", e);
        } finally {
            for (Path f : files) deleteQuietly(f);
            deleteQuietly(log);
        }
    }

    /** The command line, mirroring what {@link VideoEncoder} sets on the codec context and its options. */
    static List<String> args(EncoderSettings s, int sourceWidth, int sourceHeight, long frames, List<Path> outputs) {
        List<String> a = new ArrayList<>(List.of("-loglevel", "info", "-nostats", "-benchmark",
                "-f", "lavfi", "-i", BenchVideoSource.lavfiGraph(sourceWidth, sourceHeight, s.fps()),
                "-frames:v", Long.toString(frames), "-an", "-map", "0:v",
                "-c:v", s.codec().encoderName()));
        for (Map.Entry<String, String> o : VideoEncoder.codecOptions(s.codec(), s).entrySet()) {
            a.add("-" + o.getKey() + ":v");
            a.add(o.getValue());
        }
        a.addAll(List.of("-pix_fmt", "yuv420p", "-g", Integer.toString(s.gopFrames()),
                "-keyint_min", Integer.toString(s.gopFrames()), "-bf", Integer.toString(s.effectiveBframes())));
        long bitrate = s.bitrateKbps() * 1000L;
        long maxrate = s.effectiveMaxrateKbps() * 1000L;
        long bufsize = s.effectiveBufsizeKbits() * 1000L;
        switch (s.rateControl()) {
            case CBR -> a.addAll(List.of("-b:v", Long.toString(bitrate), "-minrate", Long.toString(bitrate),
                    "-maxrate", Long.toString(bitrate), "-bufsize", Long.toString(bufsize)));
            case VBR -> a.addAll(List.of("-b:v", Long.toString(bitrate), "-maxrate", Long.toString(maxrate),
                    "-bufsize", Long.toString(bufsize)));
            case CRF -> {
                if (s.maxrateKbps() > 0) a.addAll(List.of("-maxrate", Long.toString(maxrate), "-bufsize", Long.toString(bufsize)));
            }
        }
        // Castline only labels its stream (VUI: limited range, BT.709 from 720 lines up); the same
        // output options here would make ffmpeg convert every untagged testsrc2 frame through RGB
        // ("YUV color matrix differs"), so the frames are labelled instead, which costs nothing
        a.addAll(List.of("-flags", "+global_header", "-vf", fit(sourceWidth, sourceHeight, s.width(), s.height())
                + "setparams=range=tv:colorspace=" + (s.height() >= 720 ? "bt709" : "smpte170m")));
        if (outputs.size() == 1) {
            a.addAll(List.of("-f", "flv", outputs.get(0).toString()));
        } else {
            // tee: one encode, N muxers, like Castline's fan-out
            StringBuilder tee = new StringBuilder();
            for (Path o : outputs) tee.append(tee.length() == 0 ? "" : "|").append("[f=flv]").append(o);
            a.addAll(List.of("-f", "tee", tee.toString()));
        }
        return a;
    }

    /**
     * The compositor's placement of a source on the canvas (aspect kept, even size and position,
     * black bars, bilinear libswscale) as filters; nothing when the source is the canvas size.
     */
    static String fit(int sw, int sh, int width, int height) {
        if (sw == width && sh == height) return "";
        int w = width;
        int h = height;
        if ((long) sw * height > (long) sh * width) h = ((int) ((long) width * sh / sw)) & ~1;
        else w = ((int) ((long) height * sw / sh)) & ~1;
        w = Math.max(2, w);
        h = Math.max(2, h);
        int x = ((width - w) / 2) & ~1;
        int y = ((height - h) / 2) & ~1;
        return "scale=" + w + ":" + h + ":flags=bilinear,format=yuv420p,pad=" + width + ":" + height + ":" + x + ":" + y
                + ":black,";
    }

    private static long seconds(String s) {
        return (long) (Double.parseDouble(s) * 1e9);
    }

    private static String tail(String log) {
        String t = log.strip();
        return t.length() <= 600 ? t : "…" + t.substring(t.length() - 600);
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
