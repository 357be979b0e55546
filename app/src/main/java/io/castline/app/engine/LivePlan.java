package io.castline.app.engine;

import io.castline.app.profile.PublishUrl;
import io.castline.app.profile.StudioProfile;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.destination.TlsTrust;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.RateControl;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.show.OutputConfig;
import io.castline.engine.show.ShowValidator;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.tls.CaFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A profile turned into what the engine needs to go live, or the list of problems that stop it —
 * each naming the field it belongs to, so the settings dialog can show it there. Never throws.
 *
 * <p>Field names: the engine's own ({@code bitrate}, {@code gop}, {@code canvas}, … from
 * {@link EncoderSettings#problems()}), plus for each destination its name (the server URL:
 * {@code primary}), {@code NAME-key}, {@code NAME-ca} (the CA file of an rtmps:// server),
 * {@code video}, {@code audio}, {@code recording} and {@code outputs} (the list as a whole: names,
 * roles, how many, by the engine's own rules for a show's outputs).
 */
public record LivePlan(Broadcast.Config config, List<Destination> destinations, Path recordingFile,
                       List<SettingsProblem> problems, List<String> localTestOutputs) {

    public LivePlan(Broadcast.Config config, List<Destination> destinations, Path recordingFile, List<SettingsProblem> problems) {
        this(config, destinations, recordingFile, problems, List.of());
    }

    public static final List<String> DESTINATIONS = List.of("primary", "backup");
    public static final String RECORDING = "recording";
    /** The field of a problem with the list of destinations as a whole. */
    public static final String OUTPUTS = "outputs";
    public static final Set<String> RECORDING_FORMATS = Set.of("mkv", "mp4", "flv", "ts");
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public boolean ok() { return problems.isEmpty(); }

    /**
     * True when this plan streams to the built-in local test ingest ({@link LocalTestIngest}): the
     * network outputs {@link #localTestOutputs} carry placeholder loopback URLs that the engine points
     * at its receivers, and {@link #destinations} is empty (nothing leaves the computer, no upload).
     */
    public boolean localTest() { return localTestOutputs != null && !localTestOutputs.isEmpty(); }

    /** True when no destination is filled in. */
    public static boolean hasNoDestination(StudioProfile profile) {
        return profile.withDefaults().usedOutputs().isEmpty();
    }

    /**
     * The plan Go Live uses: {@link #of}, except that a profile without any destination streams its
     * primary and backup to the built-in local test ingest on loopback instead of being refused.
     */
    public static LivePlan orLocalTest(StudioProfile profile, LocalDateTime now) {
        if (!hasNoDestination(profile)) return of(profile, now);
        StudioProfile.Ingest local = new StudioProfile.Ingest(LocalTestIngest.PLACEHOLDER_SERVER, LocalTestIngest.KEY);
        LivePlan plan = of(profile.withDefaults().withDestinations(new StudioProfile.Destinations(local, local)), now);
        if (!plan.ok()) return plan;
        return new LivePlan(plan.config(), List.of(), plan.recordingFile(), List.of(), DESTINATIONS);
    }

    public static LivePlan of(StudioProfile profile, LocalDateTime now) {
        StudioProfile p = profile.withDefaults();
        List<SettingsProblem> problems = new ArrayList<>();
        EncoderSettings settings = encoderSettings(p, problems);

        SourceSpec video = null;
        SourceSpec audio = null;
        try {
            video = SourceSpec.parseVideo(p.sources().video(), null);
        } catch (IllegalArgumentException e) {
            problems.add(new SettingsProblem("video", stripField(e.getMessage(), "video")));
        }
        try {
            audio = SourceSpec.parseAudio(p.sources().audio(), null);
        } catch (IllegalArgumentException e) {
            problems.add(new SettingsProblem("audio", stripField(e.getMessage(), "audio")));
        }

        List<Destination> destinations = new ArrayList<>();
        List<OutputTarget> targets = new ArrayList<>();
        List<SettingsProblem> listProblems = outputListProblems(p.outputs());
        problems.addAll(listProblems);
        if (listProblems.isEmpty()) {
            for (StudioProfile.Output o : p.usedOutputs()) addDestination(o, destinations, targets, problems);
        }

        Path recordingFile = null;
        StudioProfile.Recording r = p.recording();
        if (Boolean.TRUE.equals(r.enabled())) {
            SettingsProblem bad = recordingProblem(r);
            if (bad != null) {
                problems.add(bad);
            } else {
                recordingFile = recordingFile(r, now);
                targets.add(OutputTarget.recording(RECORDING, recordingFile));
            }
        }
        Set<String> destinationFields = new java.util.HashSet<>(Set.of(RECORDING, OUTPUTS));
        for (StudioProfile.Output o : p.outputs()) destinationFields.addAll(List.of(o.name(), o.name() + "-key", o.name() + "-ca"));
        boolean destinationProblems = problems.stream().anyMatch(x -> destinationFields.contains(x.field()));
        if (targets.isEmpty() && !destinationProblems) {
            problems.add(new SettingsProblem(OUTPUTS, "nothing to send to: add a destination, "
                    + "or turn on recording, in Settings"));
        }
        // a WHIP (WebRTC) destination takes H.264 without B-frames, baseline or main: said at the encoder's fields
        destinations.stream().filter(Destination::whip).findFirst()
                .ifPresent(d -> problems.addAll(settings.webRtcProblems("'" + d.name() + "' is WebRTC (WHIP), which")));
        if (!problems.isEmpty()) return new LivePlan(null, List.of(), null, List.copyOf(problems));
        Broadcast.Config config = new Broadcast.Config(settings, video, audio, targets, Output.Config.standard());
        return new LivePlan(config, List.copyOf(destinations), recordingFile, List.of());
    }

    /**
     * The plan of a recording on its own (Record, live or not): the profile's encoder and canvas,
     * into a new file in its recording folder and format, whether or not every Go Live records.
     */
    public static LivePlan recording(StudioProfile profile, LocalDateTime now) {
        StudioProfile p = profile.withDefaults();
        List<SettingsProblem> problems = new ArrayList<>();
        EncoderSettings settings = encoderSettings(p, problems);
        SettingsProblem bad = recordingProblem(p.recording());
        if (bad != null) problems.add(bad);
        if (!problems.isEmpty()) return new LivePlan(null, List.of(), null, List.copyOf(problems));
        Path file = recordingFile(p.recording(), now);
        Broadcast.Config config = new Broadcast.Config(settings, null, null, List.of(OutputTarget.recording(RECORDING, file)),
                Output.Config.standard());
        return new LivePlan(config, List.of(), file, List.of());
    }

    private static Path recordingFile(StudioProfile.Recording r, LocalDateTime now) {
        return Path.of(r.directory().trim()).resolve("castline-" + now.format(FILE_STAMP) + "." + r.format().toLowerCase(Locale.ROOT));
    }

    /** The profile's encoder section as engine settings; unparseable values become problems. */
    public static EncoderSettings encoderSettings(StudioProfile profile, List<SettingsProblem> problems) {
        StudioProfile p = profile.withDefaults();
        StudioProfile.Encoder e = p.encoder();
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        VideoCodec codec = VideoCodec.byName(e.codec()).orElse(null);
        if (codec == null) {
            problems.add(new SettingsProblem("codec", "unknown codec '" + e.codec() + "' (x264, x265, nvenc, qsv, amf, videotoolbox…)"));
        } else {
            b.codec = codec;
        }
        b.preset = e.preset();
        b.tune = blankToNull(e.tune());
        b.profile = blankToNull(e.profile());
        try {
            b.rateControl = RateControl.valueOf(e.rateControl().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            problems.add(new SettingsProblem("rate-control", "'" + e.rateControl() + "' is not cbr, vbr or crf"));
        }
        b.bitrateKbps = e.bitrateKbps();
        b.maxrateKbps = e.maxrateKbps();
        b.bufsizeKbits = e.bufsizeKbits();
        b.crf = e.crf();
        b.gopSeconds = e.gopSeconds();
        b.bframes = e.bframes();
        b.audioBitrateKbps = e.audioBitrateKbps();
        b.width = p.canvas().width();
        b.height = p.canvas().height();
        b.fps = p.canvas().fps();
        EncoderSettings s = b.build();
        problems.addAll(s.problems());
        return s;
    }

    /**
     * Why this ingest cannot be used (field {@code name}, {@code name-key} or {@code name-ca}), or null; an empty
     * one is fine (unused).
     */
    public static SettingsProblem destinationProblem(String name, StudioProfile.Ingest ingest) {
        if (ingest == null || ingest.isEmpty()) return null;
        Destination d;
        try {
            d = Destination.parse(name, PublishUrl.join(ingest.server(), ingest.key()));
        } catch (IllegalArgumentException e) {
            String message = stripField(e.getMessage(), name);
            boolean aboutKey = message.contains("stream key") && (ingest.server() != null && !ingest.server().isBlank());
            return new SettingsProblem(aboutKey ? name + "-key" : name,
                    aboutKey ? "the stream key is missing (copy it from the platform's live dashboard)" : message);
        }
        String caFile = ingest.caFile() == null ? "" : ingest.caFile().trim();
        if (caFile.isEmpty()) return null;
        if (!d.tls()) return new SettingsProblem(name + "-ca", "only an rtmps:// or whips:// server has a certificate to trust");
        String problem = CaFiles.problem(Path.of(caFile));
        return problem == null ? null : new SettingsProblem(name + "-ca", problem);
    }

    /**
     * The engine's destination for an ingest (which {@link #destinationProblem} found usable): its publish URL,
     * and for rtmps:// the CA file it trusts. Throws {@link IllegalArgumentException} for a bad URL.
     */
    public static Destination destination(String name, StudioProfile.Ingest ingest) {
        Destination d = Destination.parse(name, PublishUrl.join(ingest.server(), ingest.key()));
        String caFile = ingest.caFile() == null ? "" : ingest.caFile().trim();
        return caFile.isEmpty() || !d.tls() ? d : d.withTrust(TlsTrust.caFile(Path.of(caFile).toAbsolutePath()));
    }

    public static SettingsProblem recordingProblem(StudioProfile.Recording r) {
        if (r.directory() == null || r.directory().isBlank()) {
            return new SettingsProblem(RECORDING, "choose a folder for the recordings");
        }
        Path dir = Path.of(r.directory().trim());
        if (Files.exists(dir) && !Files.isDirectory(dir)) return new SettingsProblem(RECORDING, dir + " is a file, not a folder");
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) return new SettingsProblem(RECORDING, "cannot write into " + dir);
        if (r.format() == null || !RECORDING_FORMATS.contains(r.format().toLowerCase(Locale.ROOT))) {
            return new SettingsProblem(RECORDING, "format '" + r.format() + "' is not mkv, mp4, flv or ts");
        }
        return null;
    }

    private static void addDestination(StudioProfile.Output o, List<Destination> destinations, List<OutputTarget> targets,
                                       List<SettingsProblem> problems) {
        SettingsProblem bad = destinationProblem(o.name(), o.ingest());
        if (bad != null) {
            problems.add(bad);
            return;
        }
        Destination d = destination(o.name(), o.ingest());
        destinations.add(d);
        targets.add(OutputTarget.network(d).withRole(o.outputRole()));
    }

    /**
     * What is wrong with the list of destinations as a whole, by the engine's rules for a show's
     * outputs (how many, each name given and unique and not "recording", one primary at most);
     * each problem's field is {@link #OUTPUTS}, its message names the destination. Empty ones count:
     * they are rows the host sees.
     */
    public static List<SettingsProblem> outputListProblems(List<StudioProfile.Output> outputs) {
        List<OutputConfig> configs = outputs.stream().map(o -> new OutputConfig(o.name(), "", o.outputRole())).toList();
        List<SettingsProblem> problems = new ArrayList<>();
        for (SettingsProblem x : ShowValidator.outputListProblems(configs)) {
            Matcher m = OUTPUT_INDEX.matcher(x.field());
            String where = m.matches() ? "destination " + (Integer.parseInt(m.group(1)) + 1) + "'s " + m.group(2) : "";
            problems.add(new SettingsProblem(OUTPUTS, where.isEmpty() ? x.message() : where + " " + x.message()));
        }
        return problems;
    }

    private static final Pattern OUTPUT_INDEX = Pattern.compile("outputs\\[(\\d+)]\\.(\\w+)");

    /** "primary: URL has no host" → "URL has no host": the field is shown by the UI already. */
    static String stripField(String message, String field) {
        String prefix = field + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
