package io.castline.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.castline.app.profile.ProfileStore;
import io.castline.app.show.ShowImport;
import io.castline.app.show.ShowStore;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.app.profile.StudioProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code castline studio-bench}: what the studio costs a host's machine. Starts the real studio
 * {@code --runs} times as a fresh process and times process start → JavaFX up → window shown →
 * first preview picture drawn; in the last run it then switches the preview on and off
 * ({@code --phases} phases of {@code --seconds}) and measures process CPU per thread group, the
 * pictures drawn and the engine's scaling time in each. The difference is the preview's cost.
 * Needs a display (on a headless Linux box: {@code xvfb-run -a castline studio-bench}).
 */
@Command(name = "studio-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the studio: start-to-preview time over fresh processes, and the CPU cost of the program "
                + "preview (on/off phases) in the last one. Progress goes to stderr; the figures (or with --json one JSON "
                + "object) to stdout."})
public final class StudioBench implements Callable<Integer> {

    @Option(names = "--canvas", paramLabel = "WxH", description = "program canvas (default ${DEFAULT-VALUE})", defaultValue = "1920x1080")
    String canvas;
    @Option(names = "--fps", paramLabel = "N", description = "canvas frame rate (default ${DEFAULT-VALUE})", defaultValue = "30")
    int fps;
    @Option(names = "--runs", paramLabel = "N", description = "studio starts to time (default ${DEFAULT-VALUE})", defaultValue = "3")
    int runs;
    @Option(names = "--phases", paramLabel = "N", description = "preview on/off phases in the last run, starting with on; 0 skips the CPU "
            + "measurement (default ${DEFAULT-VALUE})", defaultValue = "4")
    int phases;
    @Option(names = "--seconds", paramLabel = "SECONDS", description = "length of each phase (default ${DEFAULT-VALUE})", defaultValue = "10")
    double seconds;
    @Option(names = "--warmup", paramLabel = "SECONDS", description = "before the first phase (default ${DEFAULT-VALUE})",
            defaultValue = "5")
    double warmup;
    @Option(names = "--live", paramLabel = "SECONDS", description = "then, in the last run, go live (a local test: the "
            + "receivers are processes of their own) for this long and sample the studio's memory every second; 0 skips it "
            + "(default ${DEFAULT-VALUE})", defaultValue = "60")
    double live;
    @Option(names = "--show", paramLabel = "FILE", description = "play this show file (its canvas, encoder and scenes) "
            + "instead of the default test pattern; --canvas and --fps are then the show's")
    Path show;
    @Option(names = "--record", description = "record while live too (a local file in the bench's folder)")
    boolean record;
    @Option(names = "--live-preview", description = "keep the preview on while live (by default it is off, as a host "
            + "short of CPU has it)")
    boolean livePreview;
    @Option(names = "--headless", description = "run the studios on JavaFX's headless Monocle platform (software "
            + "rendering, no display; needs openjfx-monocle on the class path, as the tests have)")
    boolean headless;
    @Option(names = "--json", description = "print one JSON object instead of the figures")
    boolean json;

    /** One measured phase: CPU as % of one core, per thread group too; pictures per second. */
    public record Phase(boolean previewOn, double seconds, double processCpuPct, Map<String, Double> threadCpuPct,
                        double drawnFps, double scaledFps, double scaleMsPerFrame) {}

    /** What one studio process reports; times are epoch milliseconds. */
    public record ProbeResult(long jvmStartMs, long fxStartMs, long windowShownMs, long firstPictureMs, String pipeline,
                              String previewSize, List<Phase> phases, long rssBytes, LiveMemory.Result live,
                              String error) {}

    /** One start, as seconds since the process was spawned. */
    public record Start(double jvmStarted, double fxStarted, double windowShown, double firstPicture) {}

    /** Preview on minus preview off, averaged over the phases of each kind; per thread group too. */
    public record PreviewCost(double cpuOnPct, double cpuOffPct, double costPct, double costPctOfMachine,
                              Map<String, Double> threadOnPct, Map<String, Double> threadOffPct,
                              Map<String, Double> threadCostPct, double drawnFps, double scaleMsPerFrame) {}

    /** @param program what the studio played: "test pattern + tone", or the show file's name (and "+ recording") */
    public record Report(String canvas, int fps, String program, String pipeline, String previewSize, int cores, List<Start> starts,
                         double medianFirstPictureSeconds, List<Phase> phases, PreviewCost preview, long rssBytes,
                         LiveMemory.Result live) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new StudioBench()).execute(args));
    }

    @Override public Integer call() throws Exception {
        Report report;
        try {
            report = run(System.err);
        } catch (BenchFailure e) {
            System.err.println("castline studio-bench: " + e.getMessage());
            return 1;
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            System.out.print(text(report));
        }
        return 0;
    }

    /** A studio that would not start or measure; the message says why (with its log's tail). */
    static final class BenchFailure extends Exception {
        BenchFailure(String message) { super(message); }
    }

    Report run(PrintStream progress) throws IOException, InterruptedException, BenchFailure {
        String[] wh = canvas.toLowerCase(Locale.ROOT).split("x");
        if (wh.length != 2) throw new BenchFailure("--canvas: expected WxH, e.g. 1920x1080, got " + canvas);
        int width = Integer.parseInt(wh[0].trim());
        int height = Integer.parseInt(wh[1].trim());
        if (runs < 1) throw new BenchFailure("--runs: at least 1");
        String noDisplay = headless ? null : io.castline.app.DisplayCheck.problem("studio-bench");
        if (noDisplay != null) throw new BenchFailure(noDisplay);
        Path work = Files.createTempDirectory("castline-studio-bench");
        Path config = work.resolve("config");
        // the real default profile (test pattern and tone, no destination) at the canvas measured
        StudioProfile d = StudioProfile.defaults();
        StudioProfile.Recording recording = record
                ? new StudioProfile.Recording(true, work.resolve("recordings").toString(), "mkv") : d.recording();
        StudioProfile profile = new StudioProfile(d.version(), d.outputs(), d.sources(), d.encoder(),
                new StudioProfile.Canvas(width, height, fps), recording, null);
        if (show != null) {
            // what the studio's Show → Open show… does: the show's canvas and encoder become the settings
            Show opened;
            try {
                opened = ShowFile.parse(show);
            } catch (io.castline.engine.settings.InvalidSettingsException e) {
                throw new BenchFailure("--show: " + e.getMessage());
            }
            ShowImport.Result imported = ShowImport.of(opened, ShowFile.baseDirectory(show), profile);
            profile = new StudioProfile(d.version(), d.outputs(), d.sources(), imported.profile().encoder(),
                    imported.profile().canvas(), recording, null);
            new ShowStore(config).save(imported.show());
            canvas = opened.canvas().width() + "x" + opened.canvas().height();
            fps = opened.canvas().fps();
        }
        new ProfileStore(config).save(profile);

        List<Start> starts = new ArrayList<>();
        ProbeResult last = null;
        for (int i = 1; i <= runs; i++) {
            boolean measure = i == runs && phases > 0;
            boolean goLive = i == runs && live > 0;
            progress.printf(Locale.ROOT, "studio %d of %d%s%s…%n", i, runs,
                    measure ? String.format(Locale.ROOT, ", then %d preview phases of %.0f s", phases, seconds) : "",
                    goLive ? String.format(Locale.ROOT, ", then %.0f s live", live) : "");
            long spawned = System.currentTimeMillis();
            last = probe(config, work.resolve("studio-" + i + ".log"), measure ? phases : 0, goLive ? live : 0);
            Start s = new Start((last.jvmStartMs() - spawned) / 1e3, (last.fxStartMs() - spawned) / 1e3,
                    (last.windowShownMs() - spawned) / 1e3, (last.firstPictureMs() - spawned) / 1e3);
            progress.printf(Locale.ROOT, "  first preview picture %.2f s after the process was started%n", s.firstPicture());
            starts.add(s);
        }
        deleteTree(work);
        double median = median(starts.stream().map(Start::firstPicture).toList());
        String program = (show != null ? "show " + show.getFileName() : "test pattern + tone") + (record ? " + recording" : "");
        return new Report(canvas, fps, program, last.pipeline(), last.previewSize(),
                Runtime.getRuntime().availableProcessors(), starts, median, last.phases(), cost(last.phases()), last.rssBytes(),
                last.live());
    }

    private ProbeResult probe(Path config, Path log, int probePhases, double liveSeconds)
            throws IOException, InterruptedException, BenchFailure {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the JVM options this bench was given (the launcher gives the studio the same ones; with
        // CASTLINE_JAVA_OPTS=-XX:NativeMemoryTracking=summary the memory phase shows the JVM's own parts)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-X")).forEach(cmd::add);
        if (headless) {
            cmd.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-Dheadless.geometry=1920x1080-32"));
        }
        cmd.add("-Dcastline.config.dir=" + config);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StudioProbe.class.getName(),
                String.valueOf(probePhases), String.valueOf(seconds), String.valueOf(warmup), String.valueOf(liveSeconds),
                String.valueOf(livePreview)));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        // a studio that hangs must not hang the bench: it has 90 s to show a picture, then its phases
        long budgetSeconds = 120 + (long) (warmup + probePhases * (seconds + 5) + (liveSeconds > 0 ? liveSeconds + 60 : 0));
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(budgetSeconds, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }, "castline-studio-bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        ProbeResult result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(StudioProbe.RESULT_PREFIX)) {
                    result = new ObjectMapper().readValue(line.substring(StudioProbe.RESULT_PREFIX.length()), ProbeResult.class);
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        if (result == null) throw new BenchFailure("the studio reported nothing (exit " + exitOf(p) + "); " + log + " ends:\n" + tail(log));
        if (result.error() != null) throw new BenchFailure("the studio failed: " + result.error() + "; " + log + " ends:\n" + tail(log));
        return result;
    }

    /** The preview's cost: mean of the "on" phases minus mean of the "off" phases. */
    static PreviewCost cost(List<Phase> phases) {
        List<Phase> on = phases.stream().filter(Phase::previewOn).toList();
        List<Phase> off = phases.stream().filter(p -> !p.previewOn()).toList();
        if (on.isEmpty() || off.isEmpty()) return null;
        double cpuOn = mean(on, Phase::processCpuPct);
        double cpuOff = mean(off, Phase::processCpuPct);
        Map<String, Double> threadsOn = new java.util.LinkedHashMap<>();
        Map<String, Double> threadsOff = new java.util.LinkedHashMap<>();
        Map<String, Double> threads = new java.util.LinkedHashMap<>();
        for (String g : StudioProbe.GROUPS) {
            threadsOn.put(g, mean(on, p -> p.threadCpuPct().getOrDefault(g, 0.0)));
            threadsOff.put(g, mean(off, p -> p.threadCpuPct().getOrDefault(g, 0.0)));
            threads.put(g, threadsOn.get(g) - threadsOff.get(g));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return new PreviewCost(cpuOn, cpuOff, cpuOn - cpuOff, (cpuOn - cpuOff) / cores, threadsOn, threadsOff, threads,
                mean(on, Phase::drawnFps), mean(on, Phase::scaleMsPerFrame));
    }

    static String text(Report r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "castline studio-bench: canvas %s @ %d fps, %s, Prism %s pipeline, %d cores%n",
                r.canvas(), r.fps(), r.program(), r.pipeline(), r.cores()));
        b.append(String.format(Locale.ROOT, "%nstart to preview (seconds after the process was started):%n"));
        b.append(String.format(Locale.ROOT, "  %-6s %8s %8s %8s %14s%n", "run", "JVM", "JavaFX", "window", "first picture"));
        for (int i = 0; i < r.starts().size(); i++) {
            Start s = r.starts().get(i);
            b.append(String.format(Locale.ROOT, "  %-6d %8.2f %8.2f %8.2f %14.2f%n", i + 1, s.jvmStarted(), s.fxStarted(),
                    s.windowShown(), s.firstPicture()));
        }
        b.append(String.format(Locale.ROOT, "  median first picture: %.2f s%n", r.medianFirstPictureSeconds()));
        if (r.preview() != null) {
            PreviewCost c = r.preview();
            b.append(String.format(Locale.ROOT, "%npreview %s of the %s canvas (CPU in %% of one core, mean of the phases):%n",
                    r.previewSize(), r.canvas()));
            b.append(String.format(Locale.ROOT, "  %-16s %8s %8s %10s%n", "", "on", "off", "preview"));
            b.append(String.format(Locale.ROOT, "  %-16s %7.1f%% %7.1f%% %+9.1f%%   (%+.1f%% of the machine)%n", "process",
                    c.cpuOnPct(), c.cpuOffPct(), c.costPct(), c.costPctOfMachine()));
            for (String g : StudioProbe.GROUPS) {
                b.append(String.format(Locale.ROOT, "  %-16s %7.1f%% %7.1f%% %+9.1f%%%n", g, c.threadOnPct().get(g),
                        c.threadOffPct().get(g), c.threadCostPct().get(g)));
            }
            b.append(String.format(Locale.ROOT, "  pictures drawn   %6.1f/s, engine scaling %.2f ms a picture%n",
                    c.drawnFps(), c.scaleMsPerFrame()));
        }
        if (r.live() != null) b.append(liveText(r.live()));
        b.append(String.format(Locale.ROOT, "%nresident memory at the end: %d MB%n", r.rssBytes() >> 20));
        return b.toString();
    }

    static String liveText(LiveMemory.Result m) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nlive %.0f s (local test, preview %s), resident memory (MB):%n", m.seconds(),
                m.previewOn() ? "on" : "off"));
        b.append(String.format(Locale.ROOT, "  %8s %8s %8s %8s %8s   %s%n", "off air", "first", "median", "max", "last",
                "slope over the 2nd half"));
        b.append(String.format(Locale.ROOT, "  %8.1f %8.1f %8.1f %8.1f %8.1f   %s%n", m.offAirRssMb(),
                m.firstMb(), m.medianMb(), m.maxMb(), m.lastMb(), Double.isNaN(m.slopeMbPerMinute())
                        ? "- (too short: fewer than 3 samples in the 2nd half)"
                        : String.format(Locale.ROOT, "%+.1f MB per minute", m.slopeMbPerMinute())));
        LiveMemory.Breakdown e = m.atEnd();
        b.append(String.format(Locale.ROOT, "  where it is at the end: resident %.1f MB = anonymous %s + files %s%n", e.rssMb(),
                mbOrDash(e.anonMb()), mbOrDash(e.fileMb())));
        b.append(String.format(Locale.ROOT, "    Java heap %.1f MB committed, %.1f in use, %s after the last collection%n",
                e.heapCommittedMb(), e.heapUsedMb(), mbOrDash(e.heapAfterGcMb())));
        b.append(String.format(Locale.ROOT, "    metaspace and code %.1f MB, JavaCPP %.1f MB (%d pointers), direct buffers %.1f MB, "
                + "threads %s%n", e.nonHeapUsedMb(), e.javacppMb(), e.javacppPointers(), e.directMb(),
                e.threads() == null ? "-" : e.threads().toString()));
        if (e.nmtMb() != null) {
            b.append(String.format(Locale.ROOT, "    JVM native memory (NMT, committed) %.1f MB:", e.nmtTotalMb()));
            e.nmtMb().entrySet().stream().filter(c -> c.getValue() >= 0.5)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(c -> b.append(String.format(Locale.ROOT, " %s %.1f", c.getKey(), c.getValue())));
            b.append(String.format(Locale.ROOT, "%n    outside the JVM's account (FFmpeg, x264, JavaFX, GTK, malloc arenas, "
                    + "libraries): about %.1f MB%n", e.rssMb() - e.nmtTotalMb()));
        } else {
            b.append(String.format(Locale.ROOT, "    (the JVM's own native memory by kind: run with "
                    + "CASTLINE_JAVA_OPTS=-XX:NativeMemoryTracking=summary)%n"));
        }
        return b.toString();
    }

    private static String mbOrDash(Double mb) {
        return mb == null ? "-" : String.format(Locale.ROOT, "%.1f", mb);
    }

    private static double mean(List<Phase> phases, java.util.function.ToDoubleFunction<Phase> f) {
        return phases.stream().mapToDouble(f).average().orElse(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path f : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }

    private static String exitOf(Process p) {
        return p.isAlive() ? "still running" : String.valueOf(p.exitValue());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
