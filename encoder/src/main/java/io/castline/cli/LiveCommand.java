package io.castline.cli;

import io.castline.engine.settings.Rates;
import io.castline.control.ControlEvents;
import io.castline.control.ControlServer;
import io.castline.control.ControlToken;
import io.castline.control.ProgramShowControl;
import io.castline.engine.Broadcast;
import io.castline.engine.settings.ConfigDirs;
import io.castline.engine.destination.Destination;
import io.castline.engine.destination.Secrets;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.output.RecordingFiles;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.settings.RateControl;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.output.OutputRole;
import io.castline.engine.settings.Canvas;
import io.castline.engine.show.OutputConfig;
import io.castline.engine.show.RecordingConfig;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.show.ShowValidator;
import io.castline.engine.show.ShowEdits;
import io.castline.engine.show.Shows;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.stats.MetricsExporter;
import io.castline.engine.stats.StatsJson;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.bandwidth.BandwidthTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--show", paramLabel = "FILE", description = "a show file (scenes, sources, outputs; see the README); "
            + "the flags below override its encoder, canvas, outputs and recording")
    Path showFile;
    @Option(names = "--scene", paramLabel = "NAME", description = "the scene on air at the start (default: the show's program)")
    String scene;
    @Option(names = "--settings", paramLabel = "FILE", description = "a version 1 settings file (the options below by name), "
            + "read as a one-source show; flags override it")
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
    @Option(names = "--primary", paramLabel = "URL", description = "primary ingest: rtmp[s]://host/app/key, "
            + "srt://host:port?…, or whip[s]://host:port/endpoint?token=KEY (WebRTC)")
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
    @Mixin
    MetricsOptions metricsOptions = new MetricsOptions();
    @Option(names = "--control-port", paramLabel = "PORT", description = "serve the producer's control API (HTTP requests and "
            + "a WebSocket of events, docs/control-api.md) on 127.0.0.1:PORT; 0 for any free port")
    Integer controlPort;
    @Option(names = "--control-lan", description = "serve the control API on every address of this machine (a phone on the "
            + "same network), not only on itself")
    boolean controlLan;
    @Option(names = "--control-token-file", paramLabel = "FILE", description = "the control API's token, made there "
            + "(readable by you only) when missing (default: the settings folder's control-token)")
    Path controlTokenFile;

    /** The show's outputs whose trust (CA file, fingerprint) came from a flag: the flag's path and name. */
    private final java.util.Set<String> trustFromFlags = new java.util.HashSet<>();
    /** What was wrong with the shape of the show file (read on, so the rules are checked too). */
    private List<SettingsProblem> shapeProblems = List.of();
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
            int audioKbps = hasSound(config.show()) ? s.audioBitrateKbps() : 0;
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

        ControlEvents events = new ControlEvents();
        Broadcast broadcast;
        try {
            broadcast = Broadcast.start(config, (name, from, to, reason) -> {
                err.println("castline: " + name + " " + to.name().toLowerCase(Locale.ROOT) + ": " + reason);
                events.publish("OutputStateChanged", java.util.Map.of("output", name, "from", from.name(), "to", to.name(),
                        "reason", Secrets.mask(String.valueOf(reason))));
            });
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
        Integer metricsPort = metricsOptions.port();
        boolean metricsLan = metricsOptions.lan();
        if (metricsPort != null) {
            try {
                metrics = MetricsExporter.start(metricsPort, broadcast::lastSnapshot, metricsLan);
                err.println("castline: metrics on http://" + (metricsLan ? "THIS-MACHINE" : "127.0.0.1") + ":" + metrics.port()
                        + "/metrics" + (metricsLan ? " (every address of this machine)" : ""));
            } catch (IOException e) {
                err.println("castline: cannot serve metrics on port " + metricsPort + ": " + e.getMessage());
            }
        }

        ControlServer control = null;
        ProgramShowControl showControl = null;
        if (controlPort != null) {
            Path tokenFile = controlTokenFile != null ? controlTokenFile : ConfigDirs.configDir().resolve("control-token");
            try {
                showControl = new ProgramShowControl(broadcast.program(), events,
                        ProgramShowControl.alwaysLive(() -> statsMap(broadcast)));
                control = ControlServer.start(showControl, events, ControlToken.stored(tokenFile), controlPort, controlLan);
                err.println("castline: control API on http://" + (controlLan ? "THIS-MACHINE" : "127.0.0.1") + ":" + control.port()
                        + "/api/v1/ (its token is in " + tokenFile + ")");
            } catch (IOException | RuntimeException e) {
                err.println("castline: cannot serve the control API on port " + controlPort + ": " + e.getMessage());
            }
        }

        CountDownLatch done = new CountDownLatch(1);
        String[] verdict = {null};
        broadcast.addStatsListener(snapshot -> {
            String now = snapshot.uplink() == null ? null : snapshot.uplink().verdict();
            if (now != null && !now.equals(verdict[0])) {
                verdict[0] = now;
                java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("verdict", now);
                data.put("headroom_pct", snapshot.uplink().headroomPct());
                data.put("utilization_pct", snapshot.uplink().utilizationPct());
                events.publish("UplinkVerdictChanged", data);
            }
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
        if (control != null) control.close();
        if (showControl != null) showControl.close();
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
        if (showFile != null && profileFile != null) {
            throw new InvalidSettingsException("show", "give --show or --settings, not both");
        }
        Path file = showFile != null ? showFile : profileFile;
        ShowFile.Parsed parsed = file == null
                ? new ShowFile.Parsed(Shows.singleSource(EncoderSettings.defaults(), SourceSpec.parseVideo("testsrc", null),
                        SourceSpec.parseAudio("sine", null)), List.of())
                : ShowFile.parseAll(file, showFile != null ? "show" : "profile");
        Show show = parsed.show();
        shapeProblems = parsed.problems();
        // a version 1 file named its paths from the working directory, as the flags do
        Path base = showFile == null || parsed.migrated() ? null : ShowFile.baseDirectory(showFile);
        show = withFlags(show, file);

        List<OutputTarget> targets = new ArrayList<>();
        destinations.clear();
        for (int i = 0; i < show.outputs().size(); i++) {
            OutputConfig o = show.outputs().get(i);
            String at = "outputs[" + i + "].";
            Trust.Options options = showFile == null || fromFlags(o) ? Trust.Options.of(o.name())
                    : new Trust.Options(at + "ca", at + "fingerprint", at + "url");
            Destination d;
            try {
                d = Destination.parse(o.name(), o.resolvedUrl()); // ${NAME}: the key from the environment
            } catch (IllegalArgumentException e) {
                continue; // the validator below names it
            }
            String ca = o.ca() == null ? null : (base == null || fromFlags(o) ? Path.of(o.ca()) : base.resolve(o.ca())).toString();
            d = Trust.apply(d, options, ca, o.fingerprint());
            destinations.add(d);
            targets.add(OutputTarget.network(d).withRole(o.role()));
        }
        validate(show, base);
        if (show.recording() != null) {
            Path recordPath = Path.of(show.recording().path());
            if (base != null && record == null) recordPath = base.resolve(recordPath);
            RecordingFiles.checkDirectory("record", recordPath);
            targets.add(OutputTarget.recording("recording", recordPath));
        }
        if (targets.isEmpty()) {
            throw new InvalidSettingsException("outputs", "nothing to send to: give --primary, --backup or --record");
        }
        if (duration != null && !(duration > 0)) throw new InvalidSettingsException("duration", "must be positive");
        if (metricsOptions.portProblem() != null) {
            throw new InvalidSettingsException("metrics-port", metricsOptions.portProblem());
        }
        if (bandwidthTest && destinations.isEmpty()) {
            throw new InvalidSettingsException("bandwidth-test", "needs a --primary or --backup to test");
        }
        if (bandwidthTest && bandwidthTestSeconds < 3) {
            throw new InvalidSettingsException("bandwidth-test-seconds", "must be at least 3");
        }
        return Broadcast.Config.ofShow(show, base, targets, Output.Config.standard());
    }

    /**
     * The show's rules, with every problem named as the user wrote it: by its path in a show file,
     * by the flag (or version 1 key) for what came from flags or a version 1 file.
     */
    private void validate(Show show, Path base) {
        List<SettingsProblem> problems = ShowFile.merge(shapeProblems, ShowValidator.problems(show, base));
        if (problems.isEmpty()) return;
        List<SettingsProblem> named = new ArrayList<>();
        for (SettingsProblem p : problems) {
            String field = p.field();
            String message = p.message();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("outputs\\[(\\d+)]\\.(url|ca|fingerprint)").matcher(field);
            if (m.matches()) {
                OutputConfig o = show.outputs().get(Integer.parseInt(m.group(1)));
                if (showFile == null || fromFlags(o)) {
                    field = m.group(2).equals("url") ? o.name() : o.name() + "-" + m.group(2);
                }
            } else if (field.equals("recording.path") && (showFile == null || record != null)) {
                field = "record";
            } else if (showFile != null && flagFor(field) != null) {
                field = flagFor(field);
            } else if (field.equals("outputs") && showFile == null && message.startsWith("nothing to send to")) {
                message = "nothing to send to: give --primary, --backup or --record";
            }
            named.add(new SettingsProblem(field, message));
        }
        throw new InvalidSettingsException(named);
    }

    /** The flag that set a show field which has a problem (so the message names what the user typed), or null. */
    private String flagFor(String field) {
        if (field.equals("program") && scene != null) return "scene";
        if ((field.equals("canvas.width") || field.equals("canvas.height")) && canvas != null) return "canvas";
        if (field.equals("canvas.fps") && fps != null) return "fps";
        if (!field.startsWith("encoder.")) return null;
        return switch (field.substring("encoder.".length())) {
            case "codec" -> codec != null ? "codec" : null;
            case "preset" -> preset != null ? "preset" : null;
            case "tune" -> tune != null ? "tune" : null;
            case "profile" -> codecProfile != null ? "codec-profile" : null;
            case "rate_control" -> rateControl != null ? "rate-control" : null;
            case "bitrate" -> bitrate != null ? "bitrate" : null;
            case "maxrate" -> maxrate != null ? "maxrate" : null;
            case "bufsize" -> bufsize != null ? "bufsize" : null;
            case "crf" -> crf != null ? "crf" : null;
            case "gop" -> gop != null ? "gop" : null;
            case "bframes" -> bframes != null ? "bframes" : null;
            case "audio_bitrate" -> audioBitrate != null ? "audio-bitrate" : null;
            default -> null;
        };
    }

    /** True for the outputs the --primary/--backup flags made (their trust options are flags too). */
    private boolean fromFlags(OutputConfig o) {
        return trustFromFlags.contains(o.name())
                || (primary != null && o.role() == OutputRole.PRIMARY && o.name().equals("primary"))
                || (backup != null && o.role() == OutputRole.BACKUP && o.name().equals("backup"));
    }

    /** The show with the command line's flags applied over it: flags override the file. */
    private Show withFlags(Show show, Path file) {
        EncoderSettings.Builder b = show.encoderSettings().toBuilder();
        if (codec != null) {
            b.codec = VideoCodec.byName(codec).orElseThrow(() -> new InvalidSettingsException("codec",
                    "unknown codec '" + codec + "' (x264, x265, nvenc, qsv, amf, videotoolbox…)"));
        }
        b.preset = pick(preset, b.preset);
        b.tune = pick(tune, b.tune);
        b.profile = pick(codecProfile, b.profile);
        if (rateControl != null) {
            b.rateControl = RateControl.byName(rateControl).orElseThrow(() ->
                    new InvalidSettingsException("rate-control", "'" + rateControl + "' is not cbr, vbr or crf"));
        }
        if (bitrate != null) b.bitrateKbps = Rates.kilo(bitrate, "bitrate");
        if (maxrate != null) b.maxrateKbps = Rates.kilo(maxrate, "maxrate");
        if (bufsize != null) b.bufsizeKbits = Rates.kilo(bufsize, "bufsize");
        if (audioBitrate != null) b.audioBitrateKbps = Rates.kilo(audioBitrate, "audio-bitrate");
        if (canvas != null) {
            int[] wh = Rates.size(canvas, "canvas");
            b.width = wh[0];
            b.height = wh[1];
        }
        b.fps = pick(fps, b.fps);
        b.crf = pick(crf, b.crf);
        b.gopSeconds = pick(gop, b.gopSeconds);
        b.bframes = pick(bframes, b.bframes);
        // a show file's encoder is checked with the rest of the show, under its own names (encoder.bitrate)
        EncoderSettings settings = showFile == null ? b.build().validated() : b.build();
        Canvas newCanvas = Canvas.of(settings);
        boolean oneSource = show.scenes().size() == 1 && show.scene(Shows.SCENE).isPresent() && show.source(Shows.VIDEO).isPresent();
        boolean sourceFlags = video != null || audio != null || videoInputFormat != null || audioInputFormat != null;
        if (sourceFlags && !oneSource) {
            throw new InvalidSettingsException(video != null || videoInputFormat != null ? "video" : "audio",
                    "a show's sources are its own: edit them in " + file.getFileName() + " instead");
        }
        if (sourceFlags) show = show.withSources(withSourceFlags(show.sources()));
        // the layers keep their place on the canvas: a new size scales every rectangle
        show = ShowEdits.resized(show, newCanvas).withEncoder(settings);
        if (scene != null) show = show.withProgram(scene);

        List<OutputConfig> outputs = new ArrayList<>(show.outputs());
        String primaryUrl = primary;
        String backupUrl = backup;
        if (primaryUrl != null) put(outputs, new OutputConfig("primary", primaryUrl, OutputRole.PRIMARY,
                primaryCa == null ? null : primaryCa.toString(), primaryFingerprint));
        else if (primaryCa != null || primaryFingerprint != null) attachTrust(outputs, OutputRole.PRIMARY, "primary", primaryCa, primaryFingerprint);
        if (backupUrl != null) put(outputs, new OutputConfig("backup", backupUrl, OutputRole.BACKUP,
                backupCa == null ? null : backupCa.toString(), backupFingerprint));
        else if (backupCa != null || backupFingerprint != null) attachTrust(outputs, OutputRole.BACKUP, "backup", backupCa, backupFingerprint);
        show = show.withOutputs(outputs);
        if (record != null) show = show.withRecording(new RecordingConfig(record.toString()));
        return show;
    }

    /** The one-source show's sources with --video, --audio and their input formats applied (the rest of each kept). */
    private List<SourceConfig> withSourceFlags(List<SourceConfig> sources) {
        List<SourceConfig> next = new ArrayList<>(sources);
        if (video != null) {
            replace(next, Shows.source(Shows.VIDEO, SourceSpec.parseVideo(video, videoInputFormat), true));
        } else if (videoInputFormat != null) {
            next.replaceAll(c -> c.name().equals(Shows.VIDEO) ? c.with("input_format", videoInputFormat) : c);
        }
        if (audio != null) {
            SourceSpec a = SourceSpec.parseAudio(audio, audioInputFormat);
            if (a.kind() == SourceSpec.Kind.NONE) next.removeIf(c -> c.name().equals(Shows.AUDIO));
            else replace(next, Shows.source(Shows.AUDIO, a, false));
        } else if (audioInputFormat != null) {
            next.replaceAll(c -> c.name().equals(Shows.AUDIO) ? c.with("input_format", audioInputFormat) : c);
        }
        return next;
    }

    private static void replace(List<SourceConfig> sources, SourceConfig c) {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).name().equals(c.name())) {
                sources.set(i, c);
                return;
            }
        }
        sources.add(c);
    }

    /** Replaces the output of the same role (the flag's destination takes the file's place). */
    private static void put(List<OutputConfig> outputs, OutputConfig o) {
        outputs.removeIf(x -> x.role() == o.role());
        outputs.add(o.role() == OutputRole.PRIMARY ? 0 : Math.min(outputs.size(), 1), o);
    }

    private void attachTrust(List<OutputConfig> outputs, OutputRole role, String flag, Path ca, String fingerprint) {
        for (int i = 0; i < outputs.size(); i++) {
            OutputConfig o = outputs.get(i);
            if (o.role() == role) {
                trustFromFlags.add(o.name());
                outputs.set(i, new OutputConfig(o.name(), o.url(), o.role(), ca == null ? o.ca() : ca.toString(),
                        fingerprint == null ? o.fingerprint() : fingerprint));
                return;
            }
        }
        throw new InvalidSettingsException(ca != null ? flag + "-ca" : flag + "-fingerprint", "needs --" + flag);
    }

    /** The latest statistics as {@code --stats} writes them, for the control API's GetStats. */
    private static java.util.Map<String, Object> statsMap(Broadcast broadcast) {
        var snapshot = broadcast.lastSnapshot();
        // through the masked line, so that the API gets exactly what --stats writes
        return snapshot == null ? java.util.Map.of() : StatsJson.map(snapshot);
    }

    private static boolean hasSound(Show show) {
        return show.sources().stream().anyMatch(SourceKinds::hasAudio);
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
