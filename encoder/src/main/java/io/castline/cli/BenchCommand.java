package io.castline.cli;

import io.castline.engine.settings.Rates;
import ch.qos.logback.classic.Level;
import io.castline.bench.BenchException;
import io.castline.bench.BenchReport;
import io.castline.bench.Benchmark;
import io.castline.bench.LayersBench;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.RateControl;
import io.castline.engine.settings.VideoCodec;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code castline bench}: the real pipeline against bare FFmpeg on the same frames, plus latency
 * and memory at real-time pace. Prints figures; judging them is for people (docs/performance.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the pipeline (testsrc2 -> compositor -> encoder -> outputs) against the bundled ffmpeg "
                + "with the same frames and settings, and latency and memory live against a local RTMP ingest.",
                "Progress goes to stderr; the table (or with --json one JSON object) to stdout."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--canvas", paramLabel = "WxH", description = "canvas size (default ${DEFAULT-VALUE})", defaultValue = "1280x720")
    String canvas;
    @Option(names = "--source-size", paramLabel = "WxH",
            description = "size of the test pattern (default: the canvas); another size makes the compositor scale it")
    String sourceSize;
    @Option(names = "--fps", paramLabel = "N", description = "frame rate (default ${DEFAULT-VALUE})", defaultValue = "30")
    int fps;
    @Option(names = "--codec", paramLabel = "CODEC", description = "x264 | x265 | a working hardware encoder (default ${DEFAULT-VALUE})", defaultValue = "x264")
    String codec;
    @Option(names = "--preset", paramLabel = "PRESET", description = "encoder preset (default ${DEFAULT-VALUE})", defaultValue = "veryfast")
    String preset;
    @Option(names = "--tune", paramLabel = "TUNE", description = "encoder tune for the throughput runs (default none)")
    String tune;
    @Option(names = "--rate-control", paramLabel = "MODE", description = "cbr | vbr | crf (default ${DEFAULT-VALUE})", defaultValue = "cbr")
    String rateControl;
    @Option(names = "--bitrate", paramLabel = "RATE", description = "video bitrate (default ${DEFAULT-VALUE})", defaultValue = "2500k")
    String bitrate;
    @Option(names = "--gop", paramLabel = "SECONDS", description = "keyframe interval (default ${DEFAULT-VALUE})", defaultValue = "2")
    double gop;
    @Option(names = "--bframes", paramLabel = "N", description = "B-frames (default ${DEFAULT-VALUE})", defaultValue = "2")
    int bframes;
    @Option(names = "--frames", paramLabel = "N", description = "frames per throughput run (default ${DEFAULT-VALUE})", defaultValue = "600")
    long frames;
    @Option(names = "--runs", paramLabel = "N", description = "throughput runs of each kind; medians are reported; 0 skips them (default ${DEFAULT-VALUE})",
            defaultValue = "3")
    int runs;
    @Option(names = "--outputs", paramLabel = "N", description = "outputs (FLV files) in the throughput runs (default ${DEFAULT-VALUE})", defaultValue = "1")
    int outputs;
    @Option(names = "--live-seconds", paramLabel = "SECONDS",
            description = "length of the real-time run for latency and memory; 0 skips it (default ${DEFAULT-VALUE})", defaultValue = "10")
    double liveSeconds;
    @Option(names = "--latency-tune", paramLabel = "TUNE",
            description = "tune of the real-time run; zerolatency also sets 0 B-frames; 'none' keeps --tune and --bframes "
                    + "(default ${DEFAULT-VALUE})", defaultValue = "zerolatency")
    String latencyTune;
    @Option(names = "--live-audio", negatable = true, description = "include the sine tone and AAC in the real-time run (default on)",
            defaultValue = "true", fallbackValue = "true")
    boolean liveAudio;
    @Option(names = "--live-srt", negatable = true, description = "add an SRT output to FFmpeg's SRT listener to the real-time "
            + "run and measure its latency too (default on)", defaultValue = "true", fallbackValue = "true")
    boolean liveSrt;
    @Option(names = "--live-whip", negatable = true, description = "add a WHIP output to the real-time run, received and "
            + "decoded by a headless Chromium, and measure composed -> shown there (default on; skipped without Chromium)",
            defaultValue = "true", fallbackValue = "true")
    boolean liveWhip;
    @Option(names = "--receiver", paramLabel = "RECEIVER", description = "local RTMP ingest of the real-time run: auto (nginx-rtmp when installed, "
            + "else ffmpeg-listen), nginx-rtmp, ffmpeg-listen (default ${DEFAULT-VALUE})", defaultValue = "auto")
    String receiver;
    @Option(names = "--layers", paramLabel = "N[,N…]", split = ",", description = "instead of the runs above: the compositor "
            + "on the clock with N layers (camera-like video and stills with alpha) at --canvas, x264 encoding beside it; "
            + "milliseconds per composed frame, lagged frames and allocation per frame, e.g. --layers 1,4,8 --canvas 1920x1080")
    List<Integer> layers;
    @Option(names = "--overlays", description = "with --layers: a pinned product card (lower third), a running countdown, "
            + "a scrolling ticker and a host's lower third on top of each scene, as a flash sale has them")
    boolean overlays;
    @Option(names = "--layers-seconds", paramLabel = "SECONDS", defaultValue = "15",
            description = "measured seconds of each layers run (default ${DEFAULT-VALUE})")
    double layersSeconds;
    @Option(names = "--layers-repeats", paramLabel = "N", defaultValue = "3",
            description = "repeats of the layer counts, interleaved (default ${DEFAULT-VALUE})")
    int layersRepeats;
    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;
    @Option(names = {"-v", "--verbose"}, description = "keep the engine's log (connections, state changes) on stderr")
    boolean verbose;

    @Override public Integer call() {
        Benchmark.Plan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            System.err.println("castline: invalid setting: " + e.getMessage());
            return Main.EXIT_BAD_ARGUMENTS;
        }
        if (!verbose) quietEngineLog();
        if (layers != null) return runLayers(plan.settings());
        try {
            BenchReport report = new Benchmark(plan, System.err).run();
            System.out.print(json ? report.json() + System.lineSeparator() : report.table());
            System.out.flush();
            return Main.EXIT_OK;
        } catch (BenchException e) {
            System.err.println("castline: bench failed: " + e.getMessage());
            return 1;
        }
    }

    private int runLayers(EncoderSettings settings) {
        if (layers.isEmpty() || layers.stream().anyMatch(n -> n < 1 || n > 32)) {
            System.err.println("castline: invalid setting: layers: each count must be 1 to 32");
            return Main.EXIT_BAD_ARGUMENTS;
        }
        if (!(layersSeconds >= 1) || layersRepeats < 1) {
            System.err.println("castline: invalid setting: layers-seconds must be at least 1 and layers-repeats at least 1");
            return Main.EXIT_BAD_ARGUMENTS;
        }
        try {
            List<LayersBench.Result> results = new LayersBench(settings, layersSeconds, System.err, overlays).run(layers, layersRepeats);
            if (json) {
                System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(results));
            } else {
                System.out.printf(Locale.ROOT, "compositor at %dx%d@%d with %s %s encoding beside it, %d s per run%s:%n",
                        settings.width(), settings.height(), settings.fps(), settings.codec().id(), settings.preset(),
                        (long) layersSeconds, overlays ? ", a product card, a countdown, a ticker and a lower third on top" : "");
                for (int n : layers) {
                    List<LayersBench.Result> of = results.stream().filter(r -> r.layers() == n).toList();
                    System.out.printf(Locale.ROOT, "  %d layer(s): %s ms/frame composed, %s lagged, %s skipped, %s B/frame allocated%n",
                            n, range(of, LayersBench.Result::composeMsPerFrame, "%.2f"),
                            range(of, r -> (double) r.lagged(), "%.0f"), range(of, r -> (double) r.skipped(), "%.0f"),
                            range(of, LayersBench.Result::allocatedBytesPerFrame, "%.0f"));
                }
            }
            return Main.EXIT_OK;
        } catch (BenchException | com.fasterxml.jackson.core.JsonProcessingException e) {
            System.err.println("castline: bench failed: " + e.getMessage());
            return 1;
        }
    }

    private static String range(List<LayersBench.Result> results, java.util.function.ToDoubleFunction<LayersBench.Result> f, String format) {
        double min = results.stream().mapToDouble(f).min().orElse(Double.NaN);
        double max = results.stream().mapToDouble(f).max().orElse(Double.NaN);
        String a = String.format(Locale.ROOT, format, min);
        String b = String.format(Locale.ROOT, format, max);
        return a.equals(b) ? a : a + "–" + b;
    }

    Benchmark.Plan plan() {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.codec = VideoCodec.byName(codec).orElseThrow(() -> new InvalidSettingsException("codec", "unknown codec '" + codec + "'"));
        b.preset = preset;
        b.tune = tune;
        b.rateControl = RateControl.byName(rateControl).orElseThrow(() ->
                new InvalidSettingsException("rate-control", "'" + rateControl + "' is not cbr, vbr or crf"));
        b.bitrateKbps = Rates.kilo(bitrate, "bitrate");
        int[] wh = Rates.size(canvas, "canvas");
        b.width = wh[0];
        b.height = wh[1];
        b.fps = fps;
        b.gopSeconds = gop;
        b.bframes = bframes;
        EncoderSettings settings = b.build().validated();
        if (frames < 1) throw new InvalidSettingsException("frames", "must be at least 1");
        if (runs < 0) throw new InvalidSettingsException("runs", "must not be negative");
        if (outputs < 1 || outputs > 16) throw new InvalidSettingsException("outputs", outputs + " is outside 1 to 16");
        if (!(liveSeconds >= 0) || liveSeconds > 3600) throw new InvalidSettingsException("live-seconds", "must be 0 to 3600");
        String liveTune = latencyTune == null || latencyTune.isBlank() || latencyTune.equals("none") ? null : latencyTune;
        if (!java.util.List.of("auto", "nginx-rtmp", "ffmpeg-listen").contains(receiver)) {
            throw new InvalidSettingsException("receiver", "'" + receiver + "' is not auto, nginx-rtmp or ffmpeg-listen");
        }
        int[] source = sourceSize == null ? wh : Rates.size(sourceSize, "source-size");
        if (source[0] < 16 || source[1] < 16 || source[0] > 7680 || source[1] > 4320) {
            throw new InvalidSettingsException("source-size", sourceSize + " is outside 16x16 to 7680x4320");
        }
        Benchmark.Plan plan = new Benchmark.Plan(settings, frames, runs, outputs, liveSeconds, liveTune, liveAudio, liveSrt, liveWhip, receiver,
                source[0], source[1]);
        if (liveTune != null && liveSeconds > 0) {
            try {
                new Benchmark(plan, null).liveSettingsForValidation();
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException("latency-tune", e.getMessage());
            }
        }
        return plan;
    }

    /** The engine logs every connection and state change at INFO: noise between the progress lines. */
    static void quietEngineLog() {
        FFmpegLog.install();
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
