package io.castline.app.profile;

import io.castline.engine.settings.ConfigDirs;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.castline.engine.output.OutputRole;
import io.castline.engine.settings.EncoderSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the studio remembers between runs, as written to {@code profile.json}. Versioned so
 * that a later Castline can migrate it; every section may be missing in the file (it then takes
 * its defaults, see {@link #withDefaults()}), and unknown fields are ignored so that a profile
 * written by a newer version still loads as far as this one understands it.
 *
 * <p>In memory an {@link Ingest} holds its stream key; {@code profile.json} does not: {@link ProfileStore}
 * keeps the keys apart ({@link KeyStore}), so the settings file can be shared. An older profile
 * with the keys inline still loads, and loses them to the key store on its next save.
 *
 * <p>The destinations are a list ({@link #outputs}), as in a show file: each with a name (what its
 * card and the engine call it, and the key store's account), a role and its ingest. Version 1
 * had two fixed slots ({@code destinations: {primary, backup}}); such a file loads as the list
 * [primary, backup].
 *
 * <p>{@code hotkeys} holds the keyboard shortcuts the host changed in Settings, by action
 * ({@code {"record": "Shortcut+Shift+F9"}}); the others keep their defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudioProfile(Integer version, List<Output> outputs, Sources sources, Encoder encoder, Canvas canvas,
                            Recording recording, View view,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> hotkeys) {

    public static final int CURRENT_VERSION = 2;
    /** As many destinations as a show may have. */
    public static final int MAX_OUTPUTS = io.castline.engine.show.Show.MAX_OUTPUTS;

    /** A profile with the default hotkeys. */
    public StudioProfile(Integer version, List<Output> outputs, Sources sources, Encoder encoder, Canvas canvas,
                         Recording recording, View view) {
        this(version, outputs, sources, encoder, canvas, recording, view, null);
    }

    /** A profile with a primary and a backup (version 1's two slots), and the window's state. */
    public StudioProfile(Integer version, Destinations destinations, Sources sources, Encoder encoder, Canvas canvas,
                         Recording recording, View view) {
        this(version, destinations == null ? null : destinations.asOutputs(), sources, encoder, canvas, recording, view);
    }

    /** A profile with a primary and a backup, without the window's state (it takes the defaults). */
    public StudioProfile(Integer version, Destinations destinations, Sources sources, Encoder encoder, Canvas canvas,
                         Recording recording) {
        this(version, destinations, sources, encoder, canvas, recording, null);
    }

    /** Reads both shapes: {@code outputs} (a list), or version 1's {@code destinations} (two slots). */
    @JsonCreator
    static StudioProfile fromJson(@JsonProperty("version") Integer version, @JsonProperty("outputs") List<Output> outputs,
                                  @JsonProperty("destinations") Destinations destinations,
                                  @JsonProperty("sources") Sources sources, @JsonProperty("encoder") Encoder encoder,
                                  @JsonProperty("canvas") Canvas canvas, @JsonProperty("recording") Recording recording,
                                  @JsonProperty("view") View view, @JsonProperty("hotkeys") Map<String, String> hotkeys) {
        List<Output> list = outputs != null ? outputs : destinations != null ? destinations.asOutputs() : null;
        return new StudioProfile(version, list, sources, encoder, canvas, recording, view, hotkeys);
    }

    /**
     * One ingest: the server URL ({@code rtmp://host/app}) and the stream key, kept apart so the key can stay masked;
     * for {@code rtmps://}, a CA file to trust instead of the system's roots (empty: the system's).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ingest(String server, @JsonInclude(JsonInclude.Include.NON_EMPTY) String key, String caFile) {
        public static final Ingest NONE = new Ingest("", "");

        /** An ingest that trusts the system's roots. */
        public Ingest(String server, String key) {
            this(server, key, "");
        }

        /** True when the user left both fields empty: the output is simply not used. */
        @JsonIgnore public boolean isEmpty() { return blank(server) && blank(key); }
    }

    /** Version 1's two destination slots; now a way to write a primary + backup list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Destinations(Ingest primary, Ingest backup) {
        public List<Output> asOutputs() {
            return List.of(new Output(OutputRole.PRIMARY.id(), OutputRole.PRIMARY.id(), primary == null ? Ingest.NONE : primary),
                    new Output(OutputRole.BACKUP.id(), OutputRole.BACKUP.id(), backup == null ? Ingest.NONE : backup));
        }
    }

    /**
     * One destination: its name (unique; its card's title, the engine's output name and the key
     * store's account), its role ({@code primary}, {@code backup}, {@code extra}: what dynamic
     * bitrate and the planner read) and where it goes. One with an empty ingest is not used.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(String name, String role, String server, @JsonInclude(JsonInclude.Include.NON_EMPTY) String key,
                         String caFile) {
        public Output(String name, String role, Ingest ingest) {
            this(name, role, ingest.server(), ingest.key(), ingest.caFile());
        }

        @JsonIgnore public Ingest ingest() { return new Ingest(or(server, ""), or(key, ""), or(caFile, "")); }

        public Output withIngest(Ingest i) { return new Output(name, role, i); }

        /** The role as the engine knows it; extra when unknown. */
        @JsonIgnore public OutputRole outputRole() {
            return OutputRole.byId(role == null ? "" : role.trim().toLowerCase(Locale.ROOT)).orElse(OutputRole.EXTRA);
        }

        /** "primary" → "Primary": how a card titles it. */
        @JsonIgnore public String title() {
            String n = name == null ? "" : name.trim();
            return n.isEmpty() ? "Destination" : Character.toUpperCase(n.charAt(0)) + n.substring(1);
        }
    }

    /** Sources in the {@code castline live} syntax: testsrc, camera[:NAME], screen[:DISPLAY], file:PATH; sine, mic[:NAME], none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sources(String video, String audio) {}

    /** Encoder settings with the CLI's meanings; rates in kbps, bufsize in kbit (0 = default). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Encoder(String codec, String preset, String tune, String profile, String rateControl, Integer bitrateKbps,
                          Integer maxrateKbps, Integer bufsizeKbits, Integer crf, Double gopSeconds, Integer bframes,
                          Integer audioBitrateKbps) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Canvas(Integer width, Integer height, Integer fps) {}

    /** A local recording into {@code directory}, one file per Go Live, as {@code format} (mkv, mp4, flv, ts). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recording(Boolean enabled, String directory, String format) {}

    /** How the host left the window: the program preview on or off, studio mode (kept across runs, as OBS does). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record View(Boolean preview, Boolean studioMode) {
        public View(Boolean preview) {
            this(preview, false);
        }
    }

    public static StudioProfile defaults() {
        EncoderSettings s = EncoderSettings.defaults();
        return new StudioProfile(CURRENT_VERSION,
                new Destinations(Ingest.NONE, Ingest.NONE).asOutputs(),
                new Sources("testsrc", "sine"),
                new Encoder(s.codec().id(), s.preset(), "", "", "cbr", s.bitrateKbps(), 0, 0, s.crf(), s.gopSeconds(),
                        s.bframes(), s.audioBitrateKbps()),
                new Canvas(s.width(), s.height(), s.fps()),
                new Recording(false, ConfigDirs.defaultRecordingDirectory().toString(), "mkv"),
                new View(true), Map.of());
    }

    /** This profile with every missing section or field taken from {@link #defaults()}. */
    public StudioProfile withDefaults() {
        StudioProfile d = defaults();
        List<Output> dst = outputs == null ? d.outputs : outputs.stream().filter(java.util.Objects::nonNull)
                .map(o -> new Output(or(o.name, "").trim(), or(o.role, OutputRole.EXTRA.id()).trim().toLowerCase(Locale.ROOT),
                        ingest(o.ingest()))).toList();
        Sources src = sources == null ? d.sources
                : new Sources(or(sources.video, d.sources.video), or(sources.audio, d.sources.audio));
        Encoder e = encoder == null ? d.encoder : new Encoder(or(encoder.codec, d.encoder.codec),
                or(encoder.preset, d.encoder.preset), or(encoder.tune, ""), or(encoder.profile, ""),
                or(encoder.rateControl, d.encoder.rateControl), or(encoder.bitrateKbps, d.encoder.bitrateKbps),
                or(encoder.maxrateKbps, 0), or(encoder.bufsizeKbits, 0), or(encoder.crf, d.encoder.crf),
                or(encoder.gopSeconds, d.encoder.gopSeconds), or(encoder.bframes, d.encoder.bframes),
                or(encoder.audioBitrateKbps, d.encoder.audioBitrateKbps));
        Canvas c = canvas == null ? d.canvas : new Canvas(or(canvas.width, d.canvas.width), or(canvas.height, d.canvas.height),
                or(canvas.fps, d.canvas.fps));
        Recording r = recording == null ? d.recording : new Recording(or(recording.enabled, false),
                or(recording.directory, d.recording.directory), or(recording.format, d.recording.format));
        View v = view == null ? d.view : new View(or(view.preview, d.view.preview), or(view.studioMode, false));
        Map<String, String> keys = hotkeys == null ? Map.of() : Map.copyOf(hotkeys);
        return new StudioProfile(CURRENT_VERSION, dst, src, e, c, r, v, keys);
    }

    /** This profile streaming to a primary and a backup. */
    public StudioProfile withDestinations(Destinations d) {
        return withOutputs(d.asOutputs());
    }

    public StudioProfile withOutputs(List<Output> o) {
        return new StudioProfile(version, o, sources, encoder, canvas, recording, view, hotkeys);
    }

    public StudioProfile withView(View v) {
        return new StudioProfile(version, outputs, sources, encoder, canvas, recording, v, hotkeys);
    }

    /** This profile with these hotkeys (by action id, only the ones not at their defaults). */
    public StudioProfile withHotkeys(Map<String, String> keys) {
        return new StudioProfile(version, outputs, sources, encoder, canvas, recording, view, keys);
    }

    /** The ingest of the destination named {@code name}; {@link Ingest#NONE} when there is none. */
    public Ingest ingest(String name) {
        return output(name).map(Output::ingest).orElse(Ingest.NONE);
    }

    public java.util.Optional<Output> output(String name) {
        return outputs == null ? java.util.Optional.empty() : outputs.stream().filter(o -> name.equals(o.name())).findFirst();
    }

    /** The destinations that are filled in (an empty one is not used). */
    @JsonIgnore public List<Output> usedOutputs() {
        List<Output> used = new ArrayList<>();
        if (outputs != null) for (Output o : outputs) if (!o.ingest().isEmpty()) used.add(o);
        return used;
    }

    private static Ingest ingest(Ingest i) {
        return i == null ? Ingest.NONE : new Ingest(or(i.server, ""), or(i.key, ""), or(i.caFile, ""));
    }

    private static <T> T or(T value, T fallback) { return value != null ? value : fallback; }

    static boolean blank(String s) { return s == null || s.isBlank(); }
}
