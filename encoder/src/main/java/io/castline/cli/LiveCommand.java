package io.castline.cli;

import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.destination.Secrets;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.output.RecordingFiles;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.RateControl;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.stats.MetricsExporter;
import io.castline.engine.stats.StatsJson;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.uplink.BandwidthTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code castline live}: goes live headless until the duration ends, Ctrl-C, or every output failed. */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Go live headless: encode once, send to the primary and backup ingests and a recording.")
public final class LiveCommand implements Callable<Integer> {

    @Option(names = "--settings", paramLabel = "FILE", description = "JSON settings file (the options below by name); "
            + "flags override it")
    Path profileFile;
    /** The old name of {@code --settings}, still accepted so that scripts keep working. */
    @Option(names = "--profile", paramLabel = "FILE", hidden = true)
    void oldSettingsOption(Path file) { profileFile = file; }
    @Option(names = "--video", paramLabel = "SOURCE", description = "testsrc | camera[:NAME] | screen[:DISPLAY] | file:PATH (default testsrc)")
    String video;
    @Option(names = "--audio", paramLabel = "SOURCE", description = "sine | mic[:NAME] | file:PATH | none (default sine)")
    String audio;
    @Option(names = "--video-input-format", hidden = true, description = "override the capture format of camera/screen (tests: lavfi)")
    String videoInputFormat;
    @Option(names = "--audio-input-format", hidden = true, description = "override the capture format of mic")
    String audioInputFormat;
    @Option(names = "--canvas", paramLabel = "WxH", description = "canvas size (default 1280x720)")
    String canvas;
    @Option(names = "--fps", paramLabel = "N", description = "canvas frame rate (default 30)")
    Integer fps;
    @Option(names = "--codec", paramLabel = "CODEC", description = "x264 | x265 | a working hardware encoder (see 'castline devices')")
    String codec;
    @Option(names = "--preset", paramLabel = "PRESET", description = "encoder preset (default veryfast)")
    String preset;
    @Option(names = "--tune", paramLabel = "TUNE", description = "encoder tune, e.g. zerolatency")
    String tune;
    @Option(names = "--codec-profile", paramLabel = "PROFILE", description = "codec profile: baseline | main | high (H.264), main | main10 (HEVC)")
    String codecProfile;
    /** The old name of {@code --codec-profile}, still accepted so that scripts keep working. */
    @Option(names = "--profile-name", paramLabel = "PROFILE", hidden = true)
    void oldCodecProfileOption(String name) { codecProfile = name; }
    @Option(names = "--rate-control", paramLabel = "MODE", description = "cbr (default) | vbr | crf")
    String rateControl;
    @Option(names = "--bitrate", paramLabel = "RATE", description = "video bitrate, e.g. 2500k or 6M (default 2500k)")
    String bitrate;
    @Option(names = "--maxrate", paramLabel = "RATE", description = "VBR/CRF maximum rate (CBR: the bitrate)")
    String maxrate;
    @Option(names = "--bufsize", paramLabel = "SIZE", description = "VBV buffer (default: one second of maxrate)")
    String bufsize;
    @Option(names = "--crf", paramLabel = "N", description = "quality for --rate-control crf (0-51)")
    Integer crf;
    @Option(names = "--gop", paramLabel = "SECONDS", description = "keyframe interval in seconds (default 2)")
    Double gop;
    @Option(names = "--bframes", paramLabel = "N", description = "B-frames (default 2; none with --tune zerolatency)")
    Integer bframes;
    @Option(names = "--audio-bitrate", paramLabel = "RATE", description = "AAC bitrate (default 128k)")
    String audioBitrate;
    @Option(names = "--primary", paramLabel = "URL", description = "primary ingest, rtmp[s]://host/app/key")
    String primary;
    @Option(names = "--backup", paramLabel = "URL", description = "backup ingest (hot standby)")
    String backup;
    @Option(names = "--primary-ca", paramLabel = "FILE", description = "rtmps: trust the certificates in this PEM file "
            + "(a CA, or the server's own) for the primary instead of the system's roots; the host name is still checked")
    Path primaryCa;
    @Option(names = "--backup-ca", paramLabel = "FILE", description = "the same for the backup")
    Path backupCa;
    @Option(names = "--primary-fingerprint", paramLabel = "SHA256", description = "rtmps: trust exactly this self-signed "
            + "certificate for the primary (its SHA-256 fingerprint, AB:CD:…)")
    String primaryFingerprint;
    @Option(names = "--backup-fingerprint", paramLabel = "SHA256", description = "the same for the backup")
    String backupFingerprint;
    @Option(names = "--record", paramLabel = "FILE", description = "local recording: .mkv (default), .mp4 (fragmented), .flv, .ts")
    Path record;
    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long (default: until Ctrl-C)")
    Double duration;
    @Option(names = "--stats", paramLabel = "FILE", description = "write one JSON object per second (JSON Lines)")
    Path stats;
    @Option(names = "--bandwidth-test", description = "test the destinations' uplink together before going live and use "
            + "the result as the capacity")
    boolean bandwidthTest;
    @Option(names = "--bandwidth-test-seconds", defaultValue = "10", paramLabel = "SECONDS",
            description = "length of that test (default 10)")
    double bandwidthTestSeconds;
    @Option(names = "--metrics-port", paramLabel = "PORT", description = "serve Prometheus metrics on 127.0.0.1:PORT/metrics")
    Integer metricsPort;

    /** The network destinations of the last {@link #buildConfig()}. */
    private final List<Destination> destinations = new ArrayList<>();

    @Override public Integer call() {
        PrintStream err = System.err;
        Broadcast.Config config;
        try {
            config = buildConfig();
        } catch (IllegalArgumentException e) {
            err.println("castline: invalid setting: " + Secrets.mask(e.getMessage()));
            return Main.EXIT_BAD_ARGUMENTS;
        }
        BufferedWriter statsWriter;
        try {
            statsWriter = stats == null ? null : Files.newBufferedWriter(stats, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("castline: invalid setting: stats: cannot write " + stats + ": " + e.getMessage());
            return Main.EXIT_BAD_ARGUMENTS;
        }

        BandwidthResult tested = null;
        if (bandwidthTest) {
            EncoderSettings s = config.settings();
            int audioKbps = config.audio().kind() == SourceSpec.Kind.NONE ? 0 : s.audioBitrateKbps();
            // twice what each path needs, so that "enough" is proven with margin, not assumed
            int perPath = 2 * (s.bitrateKbps() + audioKbps);
            try {
                tested = BandwidthTest.run(destinations, bandwidthTestSeconds, perPath, err::println);
            } catch (AvException e) {
                err.println("castline: bandwidth test failed: " + e.getMessage());
                closeQuietly(statsWriter);
                return 1;
            }
            for (BandwidthResult.PathResult p : tested.paths()) {
                err.println("castline: bandwidth " + p.name() + ": " + (p.error() != null ? "failed: " + p.error()
                        : (p.limited() ? "" : "at least ") + Math.round(p.kbps()) + " kbps"));
            }
            err.println("castline: bandwidth of the uplink (all paths at once): " + Math.round(tested.kbps()) + " kbps");
        }

        Broadcast broadcast;
        try {
            broadcast = Broadcast.start(config, (name, from, to, reason) ->
                    err.println("castline: " + name + " " + to.name().toLowerCase(Locale.ROOT) + ": " + reason));
        } catch (InvalidSettingsException e) {
            err.println("castline: invalid setting: " + e.getMessage());
            closeQuietly(statsWriter);
            return Main.EXIT_BAD_ARGUMENTS;
        } catch (AvException e) {
            err.println("castline: cannot go live: " + e.getMessage());
            closeQuietly(statsWriter);
            return Main.EXIT_BAD_ARGUMENTS;
        }

        if (tested != null) broadcast.uplinkMonitor().setTestedCapacity(tested);
        MetricsExporter metrics = null;
        if (metricsPort != null) {
            try {
                metrics = MetricsExporter.start(metricsPort, broadcast::lastSnapshot);
                err.println("castline: metrics on http://127.0.0.1:" + metrics.port() + "/metrics");
            } catch (IOException e) {
                err.println("castline: cannot serve metrics on port " + metricsPort + ": " + e.getMessage());
            }
        }

        CountDownLatch done = new CountDownLatch(1);
        broadcast.addStatsListener(snapshot -> {
            if (statsWriter != null) {
                try {
                    statsWriter.write(StatsJson.line(snapshot));
                    statsWriter.newLine();
                    statsWriter.flush();
                } catch (IOException e) {
                    err.println("castline: cannot write stats: " + e.getMessage());
                }
            }
            if (broadcast.allOutputsFailed() || broadcast.pipelineFailure() != null) done.countDown();
        });
        // Ctrl-C and SIGTERM end the wait, and the stop below is the one --duration ends with (exit
        // 0); the hook is for other ends of the JVM (SIGHUP, ...): the outputs still finish
        StopSignals signals = StopSignals.install(() -> {
            err.println("castline: stopping");
            done.countDown();
        });
        Thread hook = new Thread(() -> {
            done.countDown();
            broadcast.stop();
        }, "castline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (duration != null) done.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
            else done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // read before the stop: exit 3 means every output failed on its own, not that the stop ended them
        boolean allFailed = broadcast.allOutputsFailed();
        Throwable pipeline = broadcast.pipelineFailure();
        broadcast.stop();
        signals.close();
        if (metrics != null) metrics.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        closeQuietly(statsWriter);
        if (pipeline != null) {
            err.println("castline: stopped: " + Secrets.mask(String.valueOf(pipeline.getMessage())));
            return 1;
        }
        if (allFailed) {
            err.println("castline: every output failed");
            return Main.EXIT_ALL_OUTPUTS_FAILED;
        }
        return Main.EXIT_OK;
    }

    Broadcast.Config buildConfig() {
        Profile p = profileFile == null ? null : Profile.read(profileFile);
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        String codecValue = pick(codec, p == null ? null : p.codec());
        if (codecValue != null) {
            b.codec = VideoCodec.byName(codecValue).orElseThrow(() -> new InvalidSettingsException("codec",
                    "unknown codec '" + codecValue + "' (x264, x265, nvenc, qsv, amf, videotoolbox…)"));
        }
        b.preset = pick(preset, p == null ? null : p.preset(), b.preset);
        b.tune = pick(tune, p == null ? null : p.tune(), b.tune);
        b.profile = pick(codecProfile, p == null ? null : p.profile(), b.profile);
        String rc = pick(rateControl, p == null ? null : p.rateControl());
        if (rc != null) {
            try {
                b.rateControl = RateControl.valueOf(rc.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException("rate-control", "'" + rc + "' is not cbr, vbr or crf");
            }
        }
        String v;
        if ((v = pick(bitrate, p == null ? null : p.bitrate())) != null) b.bitrateKbps = Rates.kilo(v, "bitrate");
        if ((v = pick(maxrate, p == null ? null : p.maxrate())) != null) b.maxrateKbps = Rates.kilo(v, "maxrate");
        if ((v = pick(bufsize, p == null ? null : p.bufsize())) != null) b.bufsizeKbits = Rates.kilo(v, "bufsize");
        if ((v = pick(audioBitrate, p == null ? null : p.audioBitrate())) != null) b.audioBitrateKbps = Rates.kilo(v, "audio-bitrate");
        if ((v = pick(canvas, p == null ? null : p.canvas())) != null) {
            int[] wh = Rates.size(v, "canvas");
            b.width = wh[0];
            b.height = wh[1];
        }
        b.fps = pick(fps, p == null ? null : p.fps(), b.fps);
        b.crf = pick(crf, p == null ? null : p.crf(), b.crf);
        b.gopSeconds = pick(gop, p == null ? null : p.gop(), b.gopSeconds);
        b.bframes = pick(bframes, p == null ? null : p.bframes(), b.bframes);
        EncoderSettings settings = b.build().validated();

        SourceSpec videoSpec = SourceSpec.parseVideo(pick(video, p == null ? null : p.video(), "testsrc"), videoInputFormat);
        SourceSpec audioSpec = SourceSpec.parseAudio(pick(audio, p == null ? null : p.audio(), "sine"), audioInputFormat);

        List<OutputTarget> targets = new ArrayList<>();
        String primaryUrl = pick(primary, p == null ? null : p.primary());
        String backupUrl = pick(backup, p == null ? null : p.backup());
        destinations.clear();
        Destination primaryDestination = primaryUrl == null ? null : Destination.parse("primary", primaryUrl);
        Destination backupDestination = backupUrl == null ? null : Destination.parse("backup", backupUrl);
        primaryDestination = Trust.apply(primaryDestination, Trust.Options.of("primary"),
                primaryCa != null ? primaryCa.toString() : p == null ? null : p.primaryCa(),
                pick(primaryFingerprint, p == null ? null : p.primaryFingerprint()));
        backupDestination = Trust.apply(backupDestination, Trust.Options.of("backup"),
                backupCa != null ? backupCa.toString() : p == null ? null : p.backupCa(),
                pick(backupFingerprint, p == null ? null : p.backupFingerprint()));
        if (primaryDestination != null) destinations.add(primaryDestination);
        if (backupDestination != null) destinations.add(backupDestination);
        destinations.forEach(d -> targets.add(OutputTarget.network(d)));
        String recordPath = record != null ? record.toString() : p == null ? null : p.record();
        if (recordPath != null) {
            OutputTarget recording = OutputTarget.recording("recording", Path.of(recordPath));
            RecordingFiles.checkDirectory("record", Path.of(recordPath));
            targets.add(recording);
        }
        if (targets.isEmpty()) {
            throw new InvalidSettingsException("outputs", "nothing to send to: give --primary, --backup or --record");
        }
        if (duration != null && !(duration > 0)) throw new InvalidSettingsException("duration", "must be positive");
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new InvalidSettingsException("metrics-port", metricsPort + " is not a port");
        }
        if (bandwidthTest && destinations.isEmpty()) {
            throw new InvalidSettingsException("bandwidth-test", "needs a --primary or --backup to test");
        }
        if (bandwidthTest && bandwidthTestSeconds < 3) {
            throw new InvalidSettingsException("bandwidth-test-seconds", "must be at least 3");
        }
        return new Broadcast.Config(settings, videoSpec, audioSpec, targets, Output.Config.standard());
    }

    @SafeVarargs
    private static <T> T pick(T... candidates) {
        for (T c : candidates) if (c != null) return c;
        return null;
    }

    private static void closeQuietly(BufferedWriter w) {
        if (w == null) return;
        try {
            w.close();
        } catch (IOException ignored) {
            // nothing more to save
        }
    }
}
