package io.castline.app.settings;

import io.castline.app.engine.LivePlan;
import io.castline.app.engine.StudioEngine;
import io.castline.app.profile.PublishUrl;
import io.castline.app.profile.StudioProfile;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import io.castline.engine.output.OutputRole;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.OutputConfig;
import io.castline.engine.show.ShowValidator;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.source.SourceSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The settings dialog's state: every field as text, checked on every change with the engine's own
 * rules ({@link LivePlan}: {@code EncoderSettings.problems()}, {@code Destination.parse}, the
 * source syntax), each problem shown at its field. Nothing here throws at the user; {@link #toProfile()}
 * is only offered while {@link #validProperty()} holds.
 */
public final class SettingsViewModel {
    public static final List<String> RATE_CONTROLS = List.of("CBR", "VBR", "CRF");
    public static final List<String> RECORDING_FORMATS = List.of("mkv", "mp4", "flv", "ts");
    public static final List<String> FPS_CHOICES = List.of("24", "25", "30", "50", "60");

    private final Map<String, SettingsField> fields = new LinkedHashMap<>();
    private final BooleanProperty recordingEnabled = new SimpleBooleanProperty();
    private final ObjectProperty<CanvasPreset> canvasPreset = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final Map<String, ConnectionTestViewModel> connectionTests = new LinkedHashMap<>();
    private final ObservableList<String> rows = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper canAddDestination = new ReadOnlyBooleanWrapper(true);
    private final StudioEngine engine;
    private final Executor uiThread;
    private final boolean live;
    private boolean validating;

    private static final String HOTKEY = "hotkey-";
    private static final List<String> ROW_FIELDS = List.of("", "-key", "-ca", "-name", "-role");
    /** The names that are their rows' keys too (version 1's two slots); any other row is destination-N. */
    private static final java.util.Set<String> NAMED_ROWS = java.util.Set.of("primary", "backup");
    private static final java.util.regex.Pattern ROW_PROBLEM = java.util.regex.Pattern.compile("outputs\\[(\\d+)]\\.(name|role)");
    public static final List<String> ROLES = List.of(OutputRole.PRIMARY.id(), OutputRole.BACKUP.id(), OutputRole.EXTRA.id());

    /** The form alone, without "Test connection" (no engine to test with). */
    public SettingsViewModel(StudioProfile profile) {
        this(profile, null, Runnable::run, false);
    }

    /**
     * @param engine   runs each destination's "Test connection" (off the UI thread); null: not offered
     * @param uiThread where test results are shown
     * @param live     broadcasting now: the tests are disabled (they would publish a second stream with the same keys)
     */
    public SettingsViewModel(StudioProfile profile, StudioEngine engine, Executor uiThread, boolean live) {
        StudioProfile p = profile.withDefaults();
        StudioProfile.Encoder e = p.encoder();
        this.engine = engine;
        this.uiThread = uiThread;
        this.live = live;
        add(LivePlan.OUTPUTS, "");
        for (StudioProfile.Output o : p.outputs()) addRow(o);
        add("video", p.sources().video());
        add("audio", p.sources().audio());
        add("codec", e.codec());
        add("preset", e.preset());
        add("tune", e.tune());
        add("profile", e.profile());
        add("rate-control", e.rateControl().toUpperCase(Locale.ROOT));
        add("bitrate", RateText.show(e.bitrateKbps()));
        add("maxrate", e.maxrateKbps() == 0 ? "" : RateText.show(e.maxrateKbps()));
        add("bufsize", e.bufsizeKbits() == 0 ? "" : RateText.show(e.bufsizeKbits()));
        add("crf", Integer.toString(e.crf()));
        add("gop", trimDecimal(e.gopSeconds()));
        add("bframes", Integer.toString(e.bframes()));
        add("audio-bitrate", RateText.show(e.audioBitrateKbps()));
        add("width", Integer.toString(p.canvas().width()));
        add("height", Integer.toString(p.canvas().height()));
        add("canvas", "");
        add("fps", Integer.toString(p.canvas().fps()));
        add("recording", p.recording().directory());
        add("recording-format", p.recording().format());
        Hotkeys keys = Hotkeys.fromProfile(p.hotkeys());
        for (Hotkey k : Hotkey.values()) add(hotkeyField(k), keys.name(k));
        recordingEnabled.set(Boolean.TRUE.equals(p.recording().enabled()));
        canvasPreset.set(CanvasPreset.of(p.canvas().width(), p.canvas().height()));

        canvasPreset.addListener((o, a, b) -> {
            if (b != null && b != CanvasPreset.CUSTOM) {
                field("width").valueProperty().set(Integer.toString(b.width()));
                field("height").valueProperty().set(Integer.toString(b.height()));
            }
        });
        recordingEnabled.addListener((o, a, b) -> validate());
        validate();
    }

    /** The field of an action's keys (its value: the keys as a profile writes them, "Shortcut+Shift+R"). */
    public static String hotkeyField(Hotkey k) { return HOTKEY + k.id(); }

    /** Gives an action its keys (as a key press in the Hotkeys tab makes them). */
    public void setHotkey(Hotkey k, String name) {
        field(hotkeyField(k)).valueProperty().set(name);
    }

    /** Gives an action back its default keys. */
    public void resetHotkey(Hotkey k) { setHotkey(k, Hotkeys.defaults().name(k)); }

    /** Every action back at its default keys. */
    public void resetHotkeys() {
        for (Hotkey k : Hotkey.values()) resetHotkey(k);
    }

    /** How an action's keys read now ("Ctrl+Shift+R"; the scenes "Ctrl+1 … 9"); empty when none are set. */
    public String hotkeyText(Hotkey k) { return Hotkeys.display(k, field(hotkeyField(k)).value()); }

    /** "Test connection" of a destination, by its row's key (see {@link #destinationRows()}). */
    public ConnectionTestViewModel connectionTest(String row) {
        ConnectionTestViewModel t = connectionTests.get(row);
        if (t == null) throw new IllegalArgumentException("no destination " + row);
        return t;
    }

    /**
     * The destinations' rows, in order, each by a key that stays while the dialog is open (a
     * loaded destination's name, {@code destination-N} for one added): its fields are
     * {@code ROW} (server), {@code ROW-key}, {@code ROW-ca}, {@code ROW-name}, {@code ROW-role}.
     */
    public ObservableList<String> destinationRows() { return readOnlyRows; }

    /** True while fewer than {@link StudioProfile#MAX_OUTPUTS} destinations are listed. */
    public ReadOnlyBooleanProperty canAddDestinationProperty() { return canAddDestination.getReadOnlyProperty(); }

    /** A new, empty destination (role extra, or backup when there is none); returns its row's key. */
    public String addDestination() {
        if (rows.size() >= StudioProfile.MAX_OUTPUTS) throw new IllegalStateException("at most " + StudioProfile.MAX_OUTPUTS);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String r : rows) names.add(field(r + "-name").value().trim().toLowerCase(Locale.ROOT));
        int n = rows.size() + 1;
        while (names.contains("destination " + n) || fields.containsKey("destination-" + n)) n++;
        boolean hasBackup = rows.stream().anyMatch(r -> field(r + "-role").value().equals(OutputRole.BACKUP.id()));
        String key = addRow(new StudioProfile.Output("destination " + n,
                hasBackup ? OutputRole.EXTRA.id() : OutputRole.BACKUP.id(), StudioProfile.Ingest.NONE), "destination-" + n);
        validate();
        return key;
    }

    /** Takes a destination out of the list (its key leaves the key store when the settings are saved). */
    public void removeDestination(String row) {
        if (!rows.remove(row)) return;
        for (String suffix : ROW_FIELDS) fields.remove(row + suffix);
        connectionTests.remove(row);
        validate();
    }

    private String addRow(StudioProfile.Output o) {
        String key = NAMED_ROWS.contains(o.name()) && !fields.containsKey(o.name()) ? o.name() : "destination-" + (rows.size() + 1);
        while (fields.containsKey(key)) key = key + "x";
        return addRow(o, key);
    }

    private String addRow(StudioProfile.Output o, String key) {
        StudioProfile.Ingest i = o.ingest();
        add(key, i.server());
        add(key + "-key", i.key());
        add(key + "-ca", i.caFile());
        add(key + "-name", o.name());
        add(key + "-role", o.outputRole().id());
        connectionTests.put(key, new ConnectionTestViewModel(key, field(key), field(key + "-key"), field(key + "-ca"), engine,
                uiThread, live));
        rows.add(key); // last: the dialog rebuilds its sections from everything above
        return key;
    }

    /** How a field reads for the host: a destination's by its name ("YouTube stream key"). */
    public String label(String field) {
        for (String r : rows) {
            String name = titled(field(r + "-name").value());
            if (field.equals(r)) return name + " server";
            if (field.equals(r + "-key")) return name + " stream key";
            if (field.equals(r + "-ca")) return name + " CA file";
            if (field.equals(r + "-name")) return name + " name";
            if (field.equals(r + "-role")) return name + " role";
        }
        for (Hotkey k : Hotkey.values()) if (field.equals(hotkeyField(k))) return k.title() + " hotkey";
        return FieldLabels.label(field);
    }

    private static String titled(String name) {
        return new StudioProfile.Output(name, "", StudioProfile.Ingest.NONE).title();
    }

    private void add(String name, String value) {
        SettingsField f = new SettingsField(name, value);
        fields.put(name, f);
        f.valueProperty().addListener((o, a, b) -> validate());
    }

    public SettingsField field(String name) {
        SettingsField f = fields.get(name);
        if (f == null) throw new IllegalArgumentException("no settings field " + name);
        return f;
    }

    /** Presets, tunes and profiles the chosen codec understands (empty: anything goes, e.g. hardware encoders). */
    public List<String> presets() { return codec().map(VideoCodec::presets).orElse(List.of()); }
    public List<String> tunes() { return codec().map(c -> withNone(c.tunes())).orElse(List.of("")); }
    public List<String> profiles() { return codec().map(c -> withNone(c.profiles())).orElse(List.of("")); }
    public static List<String> codecs() { return java.util.Arrays.stream(VideoCodec.values()).map(VideoCodec::id).toList(); }

    private java.util.Optional<VideoCodec> codec() { return VideoCodec.byName(field("codec").value()); }

    private static List<String> withNone(java.util.Set<String> values) {
        List<String> l = new ArrayList<>();
        l.add("");
        values.stream().sorted().forEach(l::add);
        return l;
    }

    /**
     * When a whole publish URL ({@code rtmp://host/app/key}) was pasted into a server field and the
     * key field is empty, moves the key into its masked field.
     */
    public void splitPastedUrl(String destination) {
        SettingsField server = field(destination);
        SettingsField key = field(destination + "-key");
        if (!key.value().isBlank()) return;
        StudioProfile.Ingest split = PublishUrl.split(server.value());
        if (split == null) return;
        key.valueProperty().set(split.key());
        server.valueProperty().set(split.server());
    }

    /** Re-checks every field; called on every change. */
    public void validate() {
        if (validating) return;
        validating = true;
        try {
            Map<String, String> errors = new LinkedHashMap<>();
            StudioProfile candidate = read(errors);
            if (candidate != null) check(candidate, errors);
            fields.values().forEach(f -> f.setError(errors.get(f.name())));
            valid.set(errors.isEmpty());
            summary.set(errors.isEmpty() ? "" : errors.size() == 1 ? "1 setting needs attention: "
                    + label(errors.keySet().iterator().next())
                    : errors.size() + " settings need attention: " + String.join(", ",
                    errors.keySet().stream().map(this::label).toList()));
            canAddDestination.set(rows.size() < StudioProfile.MAX_OUTPUTS);
        } finally {
            validating = false;
        }
    }

    /** The fields as a profile; null when a number could not be read (the error is in {@code errors}). */
    private StudioProfile read(Map<String, String> errors) {
        // the keys' problems stand apart: the rest is still checked while a hotkey is wrong
        Map<String, String> keyErrors = new LinkedHashMap<>();
        Hotkeys keys = hotkeys(keyErrors);
        try {
            return readSettings(errors, keys);
        } finally {
            errors.putAll(keyErrors);
        }
    }

    private StudioProfile readSettings(Map<String, String> errors, Hotkeys keys) {
        Integer bitrate = rate("bitrate", false, errors);
        Integer maxrate = rate("maxrate", true, errors);
        Integer bufsize = rate("bufsize", true, errors);
        Integer audioBitrate = rate("audio-bitrate", false, errors);
        Integer crf = integer("crf", "crf", errors);
        Double gop = RateText.decimal(field("gop").value());
        if (gop == null) errors.put("gop", "'" + field("gop").value() + "' is not a number of seconds (e.g. 2)");
        Integer bframes = integer("bframes", "bframes", errors);
        Integer width = integer("width", "canvas", errors);
        Integer height = integer("height", "canvas", errors);
        Integer fps = integer("fps", "fps", errors);
        if (!errors.isEmpty()) return null;
        String rc = field("rate-control").value().toLowerCase(Locale.ROOT);
        List<StudioProfile.Output> outputs = new ArrayList<>();
        for (String r : rows) {
            outputs.add(new StudioProfile.Output(field(r + "-name").value().trim(), field(r + "-role").value().trim(), ingest(r)));
        }
        return new StudioProfile(StudioProfile.CURRENT_VERSION, List.copyOf(outputs),
                new StudioProfile.Sources(field("video").value().trim(), field("audio").value().trim()),
                new StudioProfile.Encoder(field("codec").value().trim(), field("preset").value().trim(),
                        field("tune").value().trim(), field("profile").value().trim(), rc,
                        bitrate, rc.equals("cbr") ? 0 : maxrate, bufsize, crf, gop, bframes, audioBitrate),
                new StudioProfile.Canvas(width, height, fps),
                new StudioProfile.Recording(recordingEnabled.get(), field("recording").value().trim(),
                        field("recording-format").value().trim().toLowerCase(Locale.ROOT)), null, keys.toProfile());
    }

    /** The actions' keys as the fields hold them; every problem (a rule, a clash) at its action's field. */
    private Hotkeys hotkeys(Map<String, String> errors) {
        Map<Hotkey, String> names = new java.util.EnumMap<>(Hotkey.class);
        for (Hotkey k : Hotkey.values()) names.put(k, field(hotkeyField(k)).value());
        Hotkeys.problemsOfNames(names).forEach((k, why) -> errors.put(hotkeyField(k), why));
        return Hotkeys.fromProfile(Hotkeys.changedNames(names));
    }

    private void check(StudioProfile p, Map<String, String> errors) {
        List<SettingsProblem> problems = new ArrayList<>();
        LivePlan.encoderSettings(p, problems);
        for (int i = 0; i < rows.size(); i++) {
            SettingsProblem bad = LivePlan.destinationProblem(rows.get(i), p.outputs().get(i).ingest());
            if (bad != null) problems.add(bad);
        }
        // the list's own rules are the engine's (a show's outputs): each at its row's name or role
        List<OutputConfig> list = p.outputs().stream().map(o -> new OutputConfig(o.name(), "", o.outputRole())).toList();
        for (SettingsProblem x : ShowValidator.outputListProblems(list)) {
            java.util.regex.Matcher m = ROW_PROBLEM.matcher(x.field());
            problems.add(m.matches() ? new SettingsProblem(rows.get(Integer.parseInt(m.group(1))) + "-" + m.group(2), x.message())
                    : new SettingsProblem(LivePlan.OUTPUTS, x.message()));
        }
        try {
            SourceSpec.parseVideo(p.sources().video(), null);
        } catch (IllegalArgumentException e) {
            problems.add(new SettingsProblem("video", strip(e.getMessage(), "video")));
        }
        try {
            SourceSpec.parseAudio(p.sources().audio(), null);
        } catch (IllegalArgumentException e) {
            problems.add(new SettingsProblem("audio", strip(e.getMessage(), "audio")));
        }
        if (Boolean.TRUE.equals(p.recording().enabled())) {
            SettingsProblem bad = LivePlan.recordingProblem(p.recording());
            if (bad != null) problems.add(bad);
        }
        // several problems of one field (e.g. canvas width and height) read as one sentence
        for (SettingsProblem x : problems) errors.merge(x.field(), x.message(), (a, b) -> a + "; " + b);
    }

    /** The checked settings; only call while {@link #validProperty()} is true. */
    public StudioProfile toProfile() {
        Map<String, String> errors = new LinkedHashMap<>();
        StudioProfile p = read(errors);
        if (p == null) throw new IllegalStateException("settings are not valid: " + errors.keySet());
        return p;
    }

    private StudioProfile.Ingest ingest(String name) {
        return new StudioProfile.Ingest(field(name).value().trim(), field(name + "-key").value().trim(),
                field(name + "-ca").value().trim());
    }

    private Integer rate(String name, boolean emptyIsZero, Map<String, String> errors) {
        Integer v = RateText.kilo(field(name).value(), emptyIsZero);
        if (v == null) errors.put(name, "'" + field(name).value() + "' is not a rate (e.g. 2500k or 2.5M)");
        return v;
    }

    private Integer integer(String name, String errorField, Map<String, String> errors) {
        Integer v = RateText.integer(field(name).value());
        if (v == null) errors.merge(errorField, "'" + field(name).value() + "' is not a whole number", (a, b) -> a + "; " + b);
        return v;
    }

    private static String strip(String message, String field) {
        return message != null && message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
    }

    private static String trimDecimal(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public BooleanProperty recordingEnabledProperty() { return recordingEnabled; }
    public ObjectProperty<CanvasPreset> canvasPresetProperty() { return canvasPreset; }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
