package io.castline.cli;

import io.castline.engine.settings.Rates;
import io.castline.bench.BenchException;
import io.castline.bench.SoakReport;
import io.castline.bench.SoakRun;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.VideoCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code castline soak}: a long dual-output run of the real engine, reporting memory, threads,
 * frames lost on the way to each receiver and A/V drift. A benchmark: it prints figures, judging
 * them is for people (docs/performance.md).
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Long run of the engine with two outputs and a recording: memory, threads, frames lost on the "
                + "way, A/V drift.",
                "Runs as 'castline live' does (testsrc + sine, primary and backup RTMP to a local ingest, MKV recording) "
                + "and at the end reads back what each receiver wrote.",
                "A progress line every --interval goes to stderr; the table (or with --json one JSON object) to stdout."})
public final class SoakCommand implements Callable<Integer> {

    @Option(names = "--minutes", paramLabel = "N", description = "length of the run (default ${DEFAULT-VALUE})", defaultValue = "30")
    double minutes;
    /** For tests: a run of a few seconds. */
    @Option(names = "--seconds", hidden = true, description = "length of the run in seconds (overrides --minutes)")
    Double seconds;
    @Option(names = "--interval", paramLabel = "SECONDS", description = "progress line every this often (default ${DEFAULT-VALUE})",
            defaultValue = "10")
    double interval;
    @Option(names = "--canvas", paramLabel = "WxH", description = "canvas size (default ${DEFAULT-VALUE})", defaultValue = "1280x720")
    String canvas;
    @Option(names = "--fps", paramLabel = "N", description = "frame rate (default ${DEFAULT-VALUE})", defaultValue = "30")
    int fps;
    @Option(names = "--codec", paramLabel = "CODEC", description = "x264 | x265 | a working hardware encoder (default ${DEFAULT-VALUE})", defaultValue = "x264")
    String codec;
    @Option(names = "--preset", paramLabel = "PRESET", description = "encoder preset (default ${DEFAULT-VALUE})", defaultValue = "veryfast")
    String preset;
    @Option(names = "--tune", paramLabel = "TUNE", description = "encoder tune, e.g. zerolatency (default none)")
    String tune;
    @Option(names = "--bitrate", paramLabel = "RATE", description = "video bitrate (default ${DEFAULT-VALUE})", defaultValue = "2500k")
    String bitrate;
    @Option(names = "--receiver", paramLabel = "RECEIVER", description = "local RTMP ingest: auto (nginx-rtmp when installed, else ffmpeg-listen), "
            + "nginx-rtmp, ffmpeg-listen (default ${DEFAULT-VALUE})", defaultValue = "auto")
    String receiver;
    @Option(names = "--keep", description = "keep what the receivers wrote (the ingest's recordings, the MKV) and print where")
    boolean keep;
    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;
    @Option(names = {"-v", "--verbose"}, description = "keep the engine's log (connections, state changes) on stderr")
    boolean verbose;

    @Override public Integer call() {
        SoakRun.Plan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            System.err.println("castline: invalid setting: " + e.getMessage());
            return Main.EXIT_BAD_ARGUMENTS;
        }
        if (!verbose) BenchCommand.quietEngineLog();
        try {
            SoakReport report = SoakRun.run(plan, System.err);
            System.out.print(json ? report.json() + System.lineSeparator() : report.table());
            System.out.flush();
            return Main.EXIT_OK;
        } catch (BenchException e) {
            System.err.println("castline: soak failed: " + e.getMessage());
            return 1;
        }
    }

    SoakRun.Plan plan() {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.codec = VideoCodec.byName(codec).orElseThrow(() -> new InvalidSettingsException("codec", "unknown codec '" + codec + "'"));
        b.preset = preset;
        b.tune = tune;
        b.bitrateKbps = Rates.kilo(bitrate, "bitrate");
        int[] wh = Rates.size(canvas, "canvas");
        b.width = wh[0];
        b.height = wh[1];
        b.fps = fps;
        EncoderSettings settings = b.build().validated();
        double length = seconds != null ? seconds : minutes * 60;
        if (seconds != null && !(seconds >= 2 && seconds <= 86_400)) {
            throw new InvalidSettingsException("seconds", "must be 2 to 86400");
        }
        if (seconds == null && !(minutes >= 0.05 && minutes <= 1440)) {
            throw new InvalidSettingsException("minutes", "must be 0.05 to 1440");
        }
        if (!(interval >= 1 && interval <= 3600)) throw new InvalidSettingsException("interval", "must be 1 to 3600 seconds");
        if (!List.of("auto", "nginx-rtmp", "ffmpeg-listen").contains(receiver)) {
            throw new InvalidSettingsException("receiver", "'" + receiver + "' is not auto, nginx-rtmp or ffmpeg-listen");
        }
        return new SoakRun.Plan(settings, length, interval, receiver, keep);
    }
}
