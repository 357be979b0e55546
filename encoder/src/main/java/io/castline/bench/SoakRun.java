package io.castline.bench;

import io.castline.engine.Broadcast;
import io.castline.engine.clock.MediaClock;
import io.castline.engine.destination.Destination;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.stats.StatsSnapshot;
import io.castline.engine.video.Compositor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One long run of the engine as {@code castline live} runs it: a {@link Broadcast} of the test
 * pattern and the sine tone to a primary and a backup RTMP ingest on loopback and an MKV
 * recording. Samples the process once a second (resident memory, the JVM's own memory figures,
 * threads), prints a progress line every interval, and at the end reads back what arrived at each
 * receiver (the ingest's recording of each key, and the MKV) to count the frames that really got
 * there and to measure A/V drift in them. It measures; {@link SoakReport} prints.
 */
public final class SoakRun {
    private static final List<String> KEYS = List.of("soak-primary", "soak-backup");
    private static final long SECOND = 1_000_000_000L;

    /**
     * What to run: encoder settings, length, progress interval, which local ingest ("auto",
     * "nginx-rtmp", "ffmpeg-listen"), and whether to keep the recordings afterwards.
     */
    public record Plan(EncoderSettings settings, double seconds, double intervalSeconds, String receiver, boolean keepFiles) {}

    /** One sample of the process, {@code t} seconds after the broadcast started encoding. */
    record Sample(double t, Double rssMb, JvmMemory jvm, Integer threads) {}

    /** One progress interval: the process's and other processes' CPU during it, in cores. */
    record Interval(double t, double cpuCores, double otherCores) {}

    /**
     * One output: how it stood at the end of the run (before the stop), its own counters, and what
     * arrived at its receiver.
     */
    record OutputFigures(String name, boolean network, String state, String reason, long droppedFrames,
                         int reconnects, ArrivedStream arrived) {}

    /**
     * @param expectedFrames  elapsed × fps, from the broadcast starting to encode until its stop
     * @param events          state changes of the outputs after the start, with the time they happened
     */
    record Result(Plan plan, String receiver, double seconds, List<Sample> samples, List<Interval> intervals,
                  long expectedFrames, long rendered, long lagged, long skipped, long encoded,
                  List<OutputFigures> outputs, double cpuCores, double ingestCores, double otherCores, List<String> events) {}

    private final Plan plan;
    private final PrintStream progress;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Interval> intervals = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile long startNanos;
    /** Set just before the stop: the outputs stopping then is not an event of the run. */
    private volatile boolean stopping;

    private SoakRun(Plan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * Runs the soak in a temporary directory (the ingest's recordings and the MKV; deleted at the
     * end unless the plan keeps them), printing progress to {@code progress} (null: none).
     */
    public static SoakReport run(Plan plan, PrintStream progress) throws BenchException {
        Path dir;
        try {
            dir = Files.createTempDirectory("castline-soak");
        } catch (IOException e) {
            throw new BenchException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        try {
            return new SoakReport(new SoakRun(plan, progress).run(dir));
        } finally {
            if (plan.keepFiles()) {
                if (progress != null) progress.println("castline soak: recordings kept in " + dir);
            } else {
                Benchmark.deleteRecursively(dir);
            }
        }
    }

    private Result run(Path dir) throws BenchException {
        EncoderSettings s = plan.settings();
        Path recordingDir = dir.resolve("recording");
        RtmpReceiver receiver = RtmpReceiver.start(dir, KEYS, plan.receiver(), RtmpReceiver.Use.RECORD);
        Broadcast broadcast = null;
        boolean receiverOpen = true;
        try {
            Files.createDirectories(recordingDir);
            List<String> urls = receiver.urls();
            List<OutputTarget> targets = List.of(
                    OutputTarget.network(Destination.parse("primary", urls.get(0))),
                    OutputTarget.network(Destination.parse("backup", urls.get(1))),
                    OutputTarget.recording("recording", recordingDir.resolve("soak.mkv")));
            Broadcast.Config config = new Broadcast.Config(s, SourceSpec.parseVideo("testsrc", null),
                    SourceSpec.parseAudio("sine", null), targets, Output.Config.standard());
            say("%.1f min at %dx%d@%d, %s %s %d kbps: primary + backup RTMP (%s) + MKV recording", plan.seconds() / 60,
                    s.width(), s.height(), s.fps(), s.codec().id(), s.preset(), s.bitrateKbps(), receiver.kind());
            broadcast = Broadcast.start(config, (name, from, to, reason) -> {
                if (startNanos == 0 || stopping) return; // connecting at the start and stopping at the end are not news
                String event = String.format(Locale.ROOT, "%s %s %s: %s", clock(System.nanoTime() - startNanos), name,
                        to.name().toLowerCase(Locale.ROOT), reason);
                events.add(event);
                say("%s", event);
            });
            long encodingFrom = System.nanoTime();
            awaitLive(broadcast);
            startNanos = encodingFrom;
            Measured m = measure(broadcast, receiver);
            stopping = true;
            broadcast.stop();
            // final counts: what the encoder took (and flushed into the outputs) until the stop
            long encoded = broadcast.encodedFrames();
            long rendered = broadcast.compositor().rendered();
            Map<String, OutputStatus> after = new LinkedHashMap<>();
            for (Output o : broadcast.outputs()) after.put(o.name(), o.status());
            broadcast = null;
            receiverOpen = false;
            receiver.close(); // lets it finish writing before its files are read

            say("reading back what arrived (ffprobe)");
            List<OutputFigures> outputs = new ArrayList<>();
            for (Map.Entry<String, OutputStatus> e : after.entrySet()) {
                OutputStatus end = e.getValue();
                OutputStatus live = m.beforeStop().get(e.getKey());
                List<Path> files = switch (e.getKey()) {
                    case "primary" -> receiver.recordings(KEYS.get(0));
                    case "backup" -> receiver.recordings(KEYS.get(1));
                    default -> recordings(recordingDir);
                };
                ArrivedStream arrived = files.isEmpty() ? ArrivedStream.nothing() : ArrivedStream.read(files, plan.intervalSeconds());
                outputs.add(new OutputFigures(e.getKey(), end.network(), live.state().name(), live.reason(),
                        end.droppedFrames(), end.reconnects(), arrived));
            }
            return new Result(plan, receiver.kind(), m.seconds(), List.copyOf(samples), List.copyOf(intervals),
                    Math.round(m.seconds() * s.fps()), rendered, m.lagged(), m.skipped(), encoded, outputs,
                    m.cpuCores(), m.ingestCores(), m.otherCores(), List.copyOf(events));
        } catch (AvException e) {
            throw new BenchException("cannot go live: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BenchException("cannot create " + recordingDir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BenchException("invalid setting: " + e.getMessage(), e);
        } finally {
            if (broadcast != null) broadcast.stop();
            if (receiverOpen) receiver.close();
        }
    }

    /** What the run measured up to the moment before the stop. */
    private record Measured(double seconds, long lagged, long skipped, Map<String, OutputStatus> beforeStop,
                            double cpuCores, double ingestCores, double otherCores) {}

    private Measured measure(Broadcast b, RtmpReceiver receiver) throws BenchException {
        long t0 = startNanos;
        long end = t0 + (long) (plan.seconds() * SECOND);
        long intervalNanos = (long) (plan.intervalSeconds() * SECOND);
        // CPU from here (the outputs are live); elapsed time and frames from the start of encoding
        long from = System.nanoTime();
        long cpu0 = ProcessStats.cpuNanos();
        long ingest0 = receiver.cpuNanos();
        long busy0 = MachineLoad.busyNanos();
        long nextSample = t0 + SECOND;
        long nextReport = t0 + intervalNanos;
        long[] window = {from, cpu0, ingest0, busy0}; // start of the current progress interval
        while (System.nanoTime() < end) {
            MediaClock.sleepUntil(Math.min(end, Math.min(nextSample, nextReport)));
            long now = System.nanoTime();
            if (b.pipelineFailure() != null) {
                throw new BenchException("the pipeline failed after " + clock(now - t0) + ": " + b.pipelineFailure().getMessage());
            }
            if (now >= nextSample) {
                samples.add(sample(now - t0));
                nextSample += SECOND;
            }
            if (now >= nextReport && now < end) {
                report(b, receiver, window, now);
                nextReport += intervalNanos;
            }
        }
        long now = System.nanoTime();
        samples.add(sample(now - t0));
        Compositor c = b.compositor();
        long lagged = c.lagged();
        long skipped = c.skipped();
        Map<String, OutputStatus> beforeStop = new LinkedHashMap<>();
        for (Output o : b.outputs()) beforeStop.put(o.name(), o.status());
        report(b, receiver, window, now);
        long cpu = ProcessStats.cpuNanos() - cpu0;
        long ingest = receiver.cpuNanos() - ingest0;
        long wall = now - from;
        return new Measured((now - t0) / 1e9, lagged, skipped, beforeStop, cpu / (double) wall, ingest / (double) wall,
                MachineLoad.otherCores(busy0, MachineLoad.busyNanos(), cpu + ingest, wall));
    }

    private static Sample sample(long sinceStartNanos) {
        return new Sample(sinceStartNanos / 1e9, ProcessStats.rssMb(), JvmMemory.now(), ProcessStats.osThreads());
    }

    /** One progress line, for the interval that started at {@code window} (then moved on to now). */
    private void report(Broadcast b, RtmpReceiver receiver, long[] window, long now) {
        long cpu = ProcessStats.cpuNanos();
        long ingest = receiver.cpuNanos();
        long busy = MachineLoad.busyNanos();
        long wall = now - window[0];
        double cpuCores = (cpu - window[1]) / (double) wall;
        double other = MachineLoad.otherCores(window[3], busy, cpu - window[1] + ingest - window[2], wall);
        window[0] = now;
        window[1] = cpu;
        window[2] = ingest;
        window[3] = busy;
        double t = (now - startNanos) / 1e9;
        intervals.add(new Interval(t, cpuCores, other));

        Sample last = samples.isEmpty() ? sample(now - startNanos) : samples.get(samples.size() - 1);
        JvmMemory jvm = last.jvm();
        Compositor c = b.compositor();
        StringBuilder line = new StringBuilder(clock(now - startNanos));
        line.append(String.format(Locale.ROOT, "  rss %s MB  heap %.1f MB  javacpp %.1f MB (%d)  direct %.1f MB  threads %s",
                last.rssMb() == null ? "?" : String.format(Locale.ROOT, "%.1f", last.rssMb()), jvm.heapUsedMb(),
                jvm.javacppMb(), jvm.javacppPointers(), jvm.directMb(), last.threads() == null ? "?" : last.threads()));
        line.append(String.format(Locale.ROOT, "  rendered %d lagged %d skipped %d encoded %d", c.rendered(),
                c.lagged(), c.skipped(), b.encodedFrames()));
        StatsSnapshot snapshot = b.lastSnapshot();
        for (Output o : b.outputs()) {
            OutputStatus st = o.status();
            line.append(String.format(Locale.ROOT, " | %s %s %.0f kbps dropped %d reconnects %d", st.name(), st.state(),
                    kbps(snapshot, st.name()), st.droppedFrames(), st.reconnects()));
        }
        line.append(String.format(Locale.ROOT, " | cpu %.2f other %s", cpuCores,
                Double.isNaN(other) ? "?" : String.format(Locale.ROOT, "%.2f", other)));
        say("%s", line);
    }

    private static double kbps(StatsSnapshot snapshot, String output) {
        if (snapshot == null) return 0;
        return snapshot.outputs().stream().filter(o -> o.name().equals(output)).mapToDouble(StatsSnapshot.OutputStats::kbps)
                .findFirst().orElse(0);
    }

    /** Waits (up to 10 s) for every output to be live, so the run measures a running broadcast. */
    private static void awaitLive(Broadcast b) throws BenchException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (b.outputs().stream().anyMatch(o -> o.state() != OutputState.LIVE)) {
            for (Output o : b.outputs()) {
                if (o.state() == OutputState.FAILED) throw new BenchException(o.name() + " failed: " + o.status().reason());
            }
            if (b.pipelineFailure() != null) throw new BenchException("the pipeline failed: " + b.pipelineFailure().getMessage());
            if (System.nanoTime() > deadline) {
                throw new BenchException("outputs not live within 10 s: "
                        + b.outputs().stream().map(o -> o.name() + " " + o.state()).toList());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            }
        }
    }

    /**
     * The recording's files: the one it was given, and any it went on in (a recording that hits a
     * write error continues in a new, numbered file rather than overwriting), oldest first.
     */
    private static List<Path> recordings(Path dir) throws BenchException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("soak") && f.getFileName().toString().endsWith(".mkv"))
                    .sorted(Comparator.comparingLong(SoakRun::mtime).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new BenchException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Elapsed time as m:ss (h:mm:ss from an hour). */
    static String clock(long nanos) {
        long s = nanos / SECOND;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    private void say(String format, Object... args) {
        if (progress != null) progress.println("castline soak: " + String.format(Locale.ROOT, format, args));
    }
}
