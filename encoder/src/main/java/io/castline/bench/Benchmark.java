package io.castline.bench;

import io.castline.engine.settings.EncoderSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code castline bench}: holds the pipeline against bare FFmpeg on the same frames.
 *
 * <ol>
 *   <li><b>Live</b> (first, so memory is measured in a fresh process): real-time pace, primary and
 *       backup RTMP to a local ingest plus a recording; latency and resident memory.</li>
 *   <li><b>Throughput</b>: {@code runs} times, interleaved so drift hits both alike: Castline
 *       free-running with {@code outputs} outputs, then bare FFmpeg with the same settings and output
 *       count, then Castline with the other of 1 and 2 outputs for the dual-output CPU figure.</li>
 * </ol>
 * Nothing here judges a figure; it measures and reports.
 */
public final class Benchmark {

    /**
     * @param latencyTune  encoder tune for the live run ("zerolatency" also means no B-frames, as
     *                     in x264); null to keep the settings' tune
     * @param receiver     "auto", "nginx-rtmp" or "ffmpeg-listen"
     * @param sourceWidth  size of the test pattern; other than the canvas, the compositor scales it
     *                     (the single scaled layer) and bare FFmpeg scales it the same way
     */
    public record Plan(EncoderSettings settings, long frames, int runs, int outputs, double liveSeconds,
                       String latencyTune, boolean liveAudio, boolean liveSrt, boolean liveWhip, String receiver, int sourceWidth,
                       int sourceHeight) {}

    /** Everything measured, for {@link BenchReport}. */
    record Measurements(Plan plan, List<FreeRun.Result> castline, List<FfmpegReference.Result> ffmpeg,
                        List<FreeRun.Result> oneOutput, List<FreeRun.Result> twoOutputs, LiveRun.Result live,
                        int repeatedRuns) {}

    /** How often a disturbed throughput run is measured again. */
    static final int REPEATS_WHEN_DISTURBED = 2;

    private final Plan plan;
    private final PrintStream progress;
    private int repeatedRuns;

    public Benchmark(Plan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public BenchReport run() throws BenchException {
        Path dir;
        try {
            dir = Files.createTempDirectory("castline-bench");
        } catch (IOException e) {
            throw new BenchException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        try {
            LiveRun.Result live = null;
            if (plan.liveSeconds() > 0) {
                EncoderSettings s = liveSettings();
                say("live: %.0f s at %dx%d@%d, tune %s, primary + backup RTMP + recording%s", plan.liveSeconds(),
                        s.width(), s.height(), s.fps(), s.tune() == null ? "none" : s.tune(),
                        (plan.liveSrt() ? " + SRT" : "") + (plan.liveWhip() ? " + WHIP" : ""));
                live = undisturbed(() -> LiveRun.run(s, plan.sourceWidth(), plan.sourceHeight(), plan.liveSeconds(),
                        plan.liveAudio(), plan.liveSrt(), plan.liveWhip(), plan.receiver(), dir.resolve("live")), LiveRun.Result::otherCores);
                say("live: latency p50 %.1f ms, p95 %.1f ms over %d packets (%s); rss %.0f MB", live.latencyMs(50),
                        live.latencyMs(95), live.latencyNanos().length, live.receiver(),
                        live.rssMedianMb() == null ? Double.NaN : live.rssMedianMb());
            }
            List<FreeRun.Result> castline = new ArrayList<>();
            List<FfmpegReference.Result> ffmpeg = new ArrayList<>();
            List<FreeRun.Result> one = new ArrayList<>();
            List<FreeRun.Result> two = new ArrayList<>();
            if (plan.runs() > 0) {
                EncoderSettings s = plan.settings();
                // warm-up: JIT, native libraries, page cache, fonts of the no-signal card; not counted
                int sw = plan.sourceWidth();
                int sh = plan.sourceHeight();
                FreeRun.run(s, sw, sh, Math.min(plan.frames(), 30), 1, dir);
                FfmpegReference.run(s, sw, sh, Math.min(plan.frames(), 10), 1, dir);
                for (int r = 1; r <= plan.runs(); r++) {
                    FreeRun.Result c = undisturbed(() -> FreeRun.run(s, sw, sh, plan.frames(), plan.outputs(), dir),
                            FreeRun.Result::otherCores);
                    castline.add(c);
                    sort(c, one, two);
                    say("run %d/%d: castline %.1f fps, %.2f ms CPU/frame (%d output%s)%s", r, plan.runs(), c.fps(),
                            c.cpuMsPerFrame(), c.outputs(), c.outputs() == 1 ? "" : "s", busyNote(c.otherCores()));
                    FfmpegReference.Result f = undisturbed(() -> FfmpegReference.run(s, sw, sh, plan.frames(), plan.outputs(), dir),
                            FfmpegReference.Result::otherCores);
                    ffmpeg.add(f);
                    say("run %d/%d: ffmpeg   %.1f fps, %.2f ms CPU/frame%s", r, plan.runs(), f.fps(), f.cpuMsPerFrame(),
                            busyNote(f.otherCores()));
                    for (int k : new int[] {1, 2}) {
                        if (k == plan.outputs()) continue;
                        FreeRun.Result extra = undisturbed(() -> FreeRun.run(s, sw, sh, plan.frames(), k, dir),
                                FreeRun.Result::otherCores);
                        sort(extra, one, two);
                        say("run %d/%d: castline %.1f fps, %.2f ms CPU/frame (%d output%s)%s", r, plan.runs(), extra.fps(),
                                extra.cpuMsPerFrame(), k, k == 1 ? "" : "s", busyNote(extra.otherCores()));
                    }
                }
            }
            return new BenchReport(new Measurements(plan, castline, ffmpeg, one, two, live, repeatedRuns));
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Checks the live run's settings up front (throws InvalidSettingsException naming the field). */
    public void liveSettingsForValidation() {
        liveSettings();
    }

    /** The settings of the live run: the plan's, with the latency tune. */
    EncoderSettings liveSettings() {
        EncoderSettings s = plan.settings();
        String tune = plan.latencyTune();
        // WebRTC takes H.264's main profile at most (the rules refuse a WHIP output anything else):
        // all the run's outputs get it, so the kinds are compared on the same stream
        boolean whipProfile = plan.liveWhip() && s.profile() == null;
        if (tune == null && !whipProfile) return s;
        EncoderSettings.Builder b = s.toBuilder();
        if (tune != null) b.tune = tune; // zerolatency brings no B-frames with it (EncoderSettings.effectiveBframes)
        if (whipProfile) b.profile = "main";
        return b.build().validated();
    }

    /** One measurement of a throughput run. */
    @FunctionalInterface
    private interface Measurement<R> {
        R run() throws BenchException;
    }

    /**
     * Runs a measurement again (up to {@value #REPEATS_WHEN_DISTURBED} times) while other processes
     * took a noticeable share of the CPU during it (a live run's latency suffers as much): on a two-core machine a build beside the
     * benchmark halves its figures. The last attempt counts whatever happened.
     */
    private <R> R undisturbed(Measurement<R> measurement, java.util.function.ToDoubleFunction<R> otherCores)
            throws BenchException {
        R result = measurement.run();
        for (int i = 0; i < REPEATS_WHEN_DISTURBED && otherCores.applyAsDouble(result) >= BenchReport.BUSY_CORES; i++) {
            say("other processes used %.2f cores during that run: measuring it again", otherCores.applyAsDouble(result));
            repeatedRuns++;
            sleepQuietly(5_000); // let a short burst pass
            result = measurement.run();
        }
        return result;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Says so when other processes took a noticeable share of the machine during a run. */
    static String busyNote(double otherCores) {
        return otherCores >= BenchReport.BUSY_CORES
                ? String.format(Locale.ROOT, "  [other processes used %.2f cores: figures disturbed]", otherCores) : "";
    }

    private static void sort(FreeRun.Result r, List<FreeRun.Result> one, List<FreeRun.Result> two) {
        if (r.outputs() == 1) one.add(r);
        if (r.outputs() == 2) two.add(r);
    }

    private void say(String format, Object... args) {
        if (progress != null) progress.println("castline bench: " + String.format(Locale.ROOT, format, args));
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp directory: what is left is left to the OS
        }
    }
}
