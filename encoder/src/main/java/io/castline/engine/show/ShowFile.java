package io.castline.engine.show;

import io.castline.engine.commerce.Product;
import io.castline.engine.commerce.ProductJson;
import io.castline.engine.output.OutputRole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.Problems;
import io.castline.engine.settings.RateControl;
import io.castline.engine.settings.Rates;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.source.SourceConfig;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The show file (JSON): read, with every problem named by its field path, and written whole or
 * not at all. A version 1 file (the flat {@code --settings} of one source) is migrated on reading.
 * Reading checks the file's shape (fields, types); {@link ShowValidator} checks the rules.
 */
public final class ShowFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> TOP = Set.of("version", "canvas", "encoder", "sources", "scenes", "program",
            "outputs", "recording", "products", "cues");
    private static final Set<String> CUE = Set.of("name", "scene", "product", "countdown", "transition", "duration");
    private static final Set<String> CANVAS = Set.of("width", "height", "fps");
    private static final Set<String> ENCODER = Set.of("codec", "preset", "tune", "profile", "rate_control", "bitrate",
            "maxrate", "bufsize", "crf", "gop", "bframes", "audio_bitrate");
    private static final Set<String> SCENE = Set.of("name", "layers");
    private static final Set<String> LAYER = Set.of("source", "x", "y", "width", "height", "fit", "crop", "opacity",
            "visible", "locked");
    private static final Set<String> CROP = Set.of("left", "top", "right", "bottom");
    private static final Set<String> OUTPUT = Set.of("name", "url", "role", "ca", "fingerprint");
    private static final Set<String> RECORDING = Set.of("path");

    private ShowFile() {}

    /**
     * Reads a show (or a version 1 settings file, migrated). Throws {@link InvalidSettingsException}
     * listing every problem of shape and rule, each with its field path.
     */
    public static Show read(Path file) {
        Parsed parsed = parseAll(file, "show");
        // a version 1 file named its paths from the working directory, as the flags do
        Path base = parsed.migrated() ? null : baseDirectory(file);
        List<SettingsProblem> problems = merge(parsed.problems(), ShowValidator.problems(parsed.show(), base));
        if (!problems.isEmpty()) throw new InvalidSettingsException(problems);
        return parsed.show();
    }

    /**
     * The problems of shape, then those of the rules on fields that had none (a field that could
     * not be read holds a default, which the rules would blame again).
     */
    public static List<SettingsProblem> merge(List<SettingsProblem> shape, List<SettingsProblem> rules) {
        List<SettingsProblem> all = new ArrayList<>(shape);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SettingsProblem p : shape) seen.add(p.field());
        for (SettingsProblem p : rules) if (!seen.contains(p.field())) all.add(p);
        return all;
    }

    /**
     * A show as far as it could be read, and the problems of its shape (a wrong type, an unknown
     * field); with problems, the fields concerned hold their defaults.
     *
     * @param migrated true for a version 1 file: its relative paths are from the working directory
     */
    public record Parsed(Show show, List<SettingsProblem> problems, boolean migrated) {
        public Parsed {
            problems = List.copyOf(problems);
        }

        public Parsed(Show show, List<SettingsProblem> problems) {
            this(show, problems, false);
        }
    }

    /**
     * Reads the file, keeping going past problems of shape so that the rules can be checked too
     * and every problem told at once; a file that is not a JSON object is refused at once.
     */
    public static Parsed parseAll(Path file, String field) {
        JsonNode root = JsonObjects.readObject(file, field);
        JsonNode version = root.get("version");
        boolean legacy = version == null ? !root.has("scenes") && !root.has("sources") : version.isInt() && version.asInt() == 1;
        if (legacy) return new Parsed(LegacySettings.read(file, root).toShow(), List.of(), true);
        return parseAll(root);
    }

    /** The show in the file, its shape checked but not its rules (the studio opens a show with problems to fix them). */
    public static Show parse(Path file) {
        return parse(file, "show");
    }

    /** {@link #parse(Path)}, naming the file's own problems (not JSON, missing) as {@code field}. */
    public static Show parse(Path file, String field) {
        Parsed parsed = parseAll(file, field);
        if (!parsed.problems().isEmpty()) throw new InvalidSettingsException(parsed.problems());
        return parsed.show();
    }

    /** Where a show file's relative paths are read from: its own folder. */
    public static Path baseDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** Parses a version 2 show from its JSON tree; throws with every problem of its shape. */
    public static Show parse(JsonNode root) {
        Parsed parsed = parseAll(root);
        if (!parsed.problems().isEmpty()) throw new InvalidSettingsException(parsed.problems());
        return parsed.show();
    }

    private static Parsed parseAll(JsonNode root) {
        Problems p = new Problems();
        unknownFields(root, TOP, p);
        int version = root.has("version") ? integer(root, "version", p, 0) : 0;
        if (!root.has("version")) p.add("version", "is required (" + Show.CURRENT_VERSION + ")");
        Canvas canvas = canvas(object(root, "canvas", p), p.at("canvas"));
        EncoderSettings encoder = encoder(object(root, "encoder", p), p.at("encoder"));
        List<SourceConfig> sources = new ArrayList<>();
        JsonNode sourceArray = array(root, "sources", p);
        for (int i = 0; i < sourceArray.size(); i++) sources.add(source(sourceArray.get(i), p.at("sources", i)));
        List<Scene> scenes = new ArrayList<>();
        JsonNode sceneArray = array(root, "scenes", p);
        for (int i = 0; i < sceneArray.size(); i++) scenes.add(scene(sceneArray.get(i), canvas, p.at("scenes", i)));
        String program = text(root, "program", p, scenes.isEmpty() ? null : scenes.get(0).name());
        List<OutputConfig> outputs = new ArrayList<>();
        JsonNode outputArray = array(root, "outputs", p);
        for (int i = 0; i < outputArray.size(); i++) outputs.add(output(outputArray.get(i), p.at("outputs", i)));
        RecordingConfig recording = null;
        if (root.hasNonNull("recording")) {
            JsonNode r = root.get("recording");
            if (!r.isObject()) {
                p.add("recording", "must be an object {\"path\": \"show.mkv\"}");
            } else {
                unknownFields(r, RECORDING, p.at("recording"));
                recording = new RecordingConfig(text(r, "path", p.at("recording"), null));
            }
        }
        List<Product> products = new ArrayList<>();
        JsonNode productArray = array(root, "products", p);
        for (int i = 0; i < productArray.size(); i++) products.add(ProductJson.read(productArray.get(i), p.at("products", i)));
        List<Cue> cues = new ArrayList<>();
        JsonNode cueArray = array(root, "cues", p);
        for (int i = 0; i < cueArray.size(); i++) cues.add(cue(cueArray.get(i), p.at("cues", i)));
        return new Parsed(new Show(version, canvas, encoder, sources, scenes, program, outputs, recording, products, cues),
                p.all());
    }

    /** Writes {@code show} to {@code file} whole: into a temporary file beside it, then moved over it. */
    public static void write(Show show, Path file) throws IOException {
        Path dir = baseDirectory(file);
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            JSON.writeValue(temp.toFile(), toJson(show));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static String toJsonText(Show show) {
        try {
            return JSON.writeValueAsString(toJson(show));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The show as the file holds it (defaults left out where they are the defaults). */
    public static ObjectNode toJson(Show show) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", Show.CURRENT_VERSION);
        ObjectNode canvas = root.putObject("canvas");
        canvas.put("width", show.canvas().width());
        canvas.put("height", show.canvas().height());
        canvas.put("fps", show.canvas().fps());
        root.set("encoder", encoderJson(show.encoder()));
        ArrayNode sources = root.putArray("sources");
        for (SourceConfig s : show.sources()) {
            ObjectNode o = sources.addObject();
            o.put("name", s.name());
            o.put("kind", s.kind());
            s.settings().forEach((k, v) -> o.set(k, JSON.valueToTree(v)));
        }
        ArrayNode scenes = root.putArray("scenes");
        for (Scene scene : show.scenes()) {
            ObjectNode o = scenes.addObject();
            o.put("name", scene.name());
            ArrayNode layers = o.putArray("layers");
            for (Layer l : scene.layers()) {
                ObjectNode lo = layers.addObject();
                lo.put("source", l.source());
                lo.put("x", l.x());
                lo.put("y", l.y());
                lo.put("width", l.width());
                lo.put("height", l.height());
                lo.put("fit", l.fit().id());
                if (!l.crop().isNone()) {
                    ObjectNode c = lo.putObject("crop");
                    c.put("left", l.crop().left());
                    c.put("top", l.crop().top());
                    c.put("right", l.crop().right());
                    c.put("bottom", l.crop().bottom());
                }
                if (l.opacity() != 1.0) lo.put("opacity", l.opacity());
                if (!l.visible()) lo.put("visible", false);
                if (l.locked()) lo.put("locked", true);
            }
        }
        root.put("program", show.program());
        ArrayNode outputs = root.putArray("outputs");
        for (OutputConfig out : show.outputs()) {
            ObjectNode o = outputs.addObject();
            o.put("name", out.name());
            o.put("url", out.url());
            o.put("role", out.role() == null ? null : out.role().id());
            if (out.ca() != null) o.put("ca", out.ca());
            if (out.fingerprint() != null) o.put("fingerprint", out.fingerprint());
        }
        if (show.recording() != null) root.putObject("recording").put("path", show.recording().path());
        if (!show.products().isEmpty()) {
            ArrayNode products = root.putArray("products");
            for (Product product : show.products()) products.add(ProductJson.write(product));
        }
        if (!show.cues().isEmpty()) {
            ArrayNode cues = root.putArray("cues");
            for (Cue c : show.cues()) {
                ObjectNode o = cues.addObject();
                o.put("name", c.name());
                o.put("scene", c.scene());
                if (c.product() != null) o.put("product", c.product());
                if (c.countdown() != null) o.put("countdown", c.countdown());
                if (c.transition() != null) o.put("transition", c.transition().id());
                if (c.durationMillis() > 0) o.put("duration", c.durationMillis() / 1000.0);
            }
        }
        return root;
    }

    private static ObjectNode encoderJson(EncoderSettings e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("codec", e.codec().id());
        if (e.preset() != null) o.put("preset", e.preset());
        if (e.tune() != null) o.put("tune", e.tune());
        if (e.profile() != null) o.put("profile", e.profile());
        o.put("rate_control", e.rateControl().name().toLowerCase(Locale.ROOT));
        o.put("bitrate", e.bitrateKbps() + "k");
        if (e.maxrateKbps() > 0) o.put("maxrate", e.maxrateKbps() + "k");
        if (e.bufsizeKbits() > 0) o.put("bufsize", e.bufsizeKbits() + "k");
        if (e.rateControl() == RateControl.CRF) o.put("crf", e.crf());
        o.put("gop", e.gopSeconds());
        o.put("bframes", e.bframes());
        o.put("audio_bitrate", e.audioBitrateKbps() + "k");
        return o;
    }

    // ---- reading, field by field ----

    private static Canvas canvas(JsonNode node, Problems p) {
        EncoderSettings d = EncoderSettings.defaults();
        if (node == null) return new Canvas(d.width(), d.height(), d.fps());
        unknownFields(node, CANVAS, p);
        return new Canvas(integer(node, "width", p, d.width()), integer(node, "height", p, d.height()),
                integer(node, "fps", p, d.fps()));
    }

    private static EncoderSettings encoder(JsonNode node, Problems p) {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        if (node == null) return b.build();
        unknownFields(node, ENCODER, p);
        String codec = text(node, "codec", p, null);
        if (codec != null) {
            VideoCodec.byName(codec).ifPresentOrElse(c -> b.codec = c,
                    () -> p.add("codec", "unknown codec '" + codec + "' (x264, x265, nvenc, qsv, amf, videotoolbox…)"));
        }
        b.preset = text(node, "preset", p, b.preset);
        b.tune = text(node, "tune", p, b.tune);
        b.profile = text(node, "profile", p, b.profile);
        String rc = text(node, "rate_control", p, null);
        if (rc != null) {
            RateControl.byName(rc).ifPresentOrElse(r -> b.rateControl = r,
                    () -> p.add("rate_control", "'" + rc + "' is not cbr, vbr or crf"));
        }
        b.bitrateKbps = rate(node, "bitrate", p, b.bitrateKbps);
        b.maxrateKbps = rate(node, "maxrate", p, b.maxrateKbps);
        b.bufsizeKbits = rate(node, "bufsize", p, b.bufsizeKbits);
        b.audioBitrateKbps = rate(node, "audio_bitrate", p, b.audioBitrateKbps);
        b.crf = integer(node, "crf", p, b.crf);
        b.gopSeconds = number(node, "gop", p, b.gopSeconds);
        b.bframes = integer(node, "bframes", p, b.bframes);
        return b.build();
    }

    private static SourceConfig source(JsonNode node, Problems p) {
        if (!node.isObject()) {
            p.here("must be an object {\"name\": …, \"kind\": …}");
            return new SourceConfig(null, null, Map.of());
        }
        String name = text(node, "name", p, null);
        String kind = text(node, "kind", p, null);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("name") || f.getKey().equals("kind") || f.getValue().isNull()) continue;
            Object value = plainValue(f.getValue());
            if (value == null) p.add(f.getKey(), "must be text, a number, true/false or a list of numbers");
            else settings.put(f.getKey(), value);
        }
        return new SourceConfig(name, kind, settings);
    }

    private static Object plainValue(JsonNode v) {
        if (v.isTextual()) return v.asText();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isIntegralNumber()) return v.canConvertToInt() ? (Object) v.asInt() : (Object) v.asLong();
        if (v.isNumber()) return v.asDouble();
        if (v.isArray()) {
            List<Number> list = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isNumber()) return null;
                list.add(e.isIntegralNumber() ? (Number) e.asInt() : (Number) e.asDouble());
            }
            return List.copyOf(list);
        }
        return null;
    }

    private static Scene scene(JsonNode node, Canvas canvas, Problems p) {
        if (!node.isObject()) {
            p.here("must be an object {\"name\": …, \"layers\": […]}");
            return new Scene(null, List.of());
        }
        unknownFields(node, SCENE, p);
        String name = text(node, "name", p, null);
        List<Layer> layers = new ArrayList<>();
        JsonNode array = array(node, "layers", p);
        for (int i = 0; i < array.size(); i++) layers.add(layer(array.get(i), canvas, p.at("layers", i)));
        return new Scene(name, layers);
    }

    private static Layer layer(JsonNode node, Canvas canvas, Problems p) {
        if (!node.isObject()) {
            p.here("must be an object {\"source\": …, \"x\": …}");
            return Layer.of(null, 0, 0, 1, 1, Fit.CONTAIN);
        }
        unknownFields(node, LAYER, p);
        String source = text(node, "source", p, null);
        int x = integer(node, "x", p, 0);
        int y = integer(node, "y", p, 0);
        int width = integer(node, "width", p, canvas.width() - x);
        int height = integer(node, "height", p, canvas.height() - y);
        Fit fit = Fit.CONTAIN;
        String fitText = text(node, "fit", p, null);
        if (fitText != null) {
            fit = Fit.byId(fitText).orElse(Fit.CONTAIN);
            if (Fit.byId(fitText).isEmpty()) p.add("fit", "'" + fitText + "' is not contain, cover or stretch");
        }
        Crop crop = Crop.NONE;
        JsonNode c = node.get("crop");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                p.add("crop", "must be an object {\"left\": 0, \"top\": 0, \"right\": 0, \"bottom\": 0}");
            } else {
                Problems cp = p.at("crop");
                unknownFields(c, CROP, cp);
                crop = new Crop(integer(c, "left", cp, 0), integer(c, "top", cp, 0), integer(c, "right", cp, 0),
                        integer(c, "bottom", cp, 0));
            }
        }
        double opacity = number(node, "opacity", p, 1.0);
        boolean visible = bool(node, "visible", p, true);
        boolean locked = bool(node, "locked", p, false);
        return new Layer(source, x, y, width, height, fit, crop, opacity, visible, locked);
    }

    private static Cue cue(JsonNode node, Problems p) {
        if (!node.isObject()) {
            p.here("must be an object {\"name\": …, \"scene\": …}");
            return new Cue(null, null, null, null, null, 0);
        }
        unknownFields(node, CUE, p);
        TransitionKind transition = null;
        String kind = text(node, "transition", p, null);
        if (kind != null) {
            transition = TransitionKind.byId(kind).orElse(null);
            if (transition == null) p.add("transition", "'" + kind + "' is not cut, fade or slide");
        }
        double seconds = number(node, "duration", p, 0);
        return new Cue(text(node, "name", p, null), text(node, "scene", p, null), text(node, "product", p, null),
                text(node, "countdown", p, null), transition, Math.round(seconds * 1000));
    }

    private static OutputConfig output(JsonNode node, Problems p) {
        if (!node.isObject()) {
            p.here("must be an object {\"name\": …, \"url\": …, \"role\": …}");
            return new OutputConfig(null, null, null);
        }
        unknownFields(node, OUTPUT, p);
        String name = text(node, "name", p, null);
        String url = text(node, "url", p, null);
        String roleText = text(node, "role", p, null);
        OutputRole role;
        if (roleText == null) {
            // a hand-written file may leave it out where the name says it
            role = name == null ? OutputRole.EXTRA : OutputRole.byId(name.toLowerCase(Locale.ROOT)).orElse(OutputRole.EXTRA);
        } else {
            role = OutputRole.byId(roleText).orElse(null);
            if (role == null) p.add("role", "'" + roleText + "' is not primary, backup or extra");
        }
        return new OutputConfig(name, url, role, text(node, "ca", p, null), text(node, "fingerprint", p, null));
    }

    private static void unknownFields(JsonNode node, Set<String> known, Problems p) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) p.add(f, "unknown field (known here: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
    }

    private static JsonNode object(JsonNode node, String field, Problems p) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) {
            p.add(field, "expected an object {…}, found " + JsonObjects.describe(v));
            return null;
        }
        return v;
    }

    private static JsonNode array(JsonNode node, String field, Problems p) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return JSON.createArrayNode();
        if (!v.isArray()) {
            p.add(field, "expected a list […], found " + JsonObjects.describe(v));
            return JSON.createArrayNode();
        }
        return v;
    }

    private static String text(JsonNode node, String field, Problems p, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual()) {
            p.add(field, "expected text, found " + JsonObjects.describe(v));
            return fallback;
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String field, Problems p, int fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber() || (!v.isIntegralNumber() && v.asDouble() != Math.rint(v.asDouble())) || !v.canConvertToInt()) {
            p.add(field, "expected a whole number, found " + JsonObjects.describe(v));
            return fallback;
        }
        return v.asInt();
    }

    private static double number(JsonNode node, String field, Problems p, double fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber()) {
            p.add(field, "expected a number, found " + JsonObjects.describe(v));
            return fallback;
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode node, String field, Problems p, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) {
            p.add(field, "expected true or false, found " + JsonObjects.describe(v));
            return fallback;
        }
        return v.asBoolean();
    }

    /** A rate as text ("5000k", "2.5M") or a number of kilo-units. */
    private static int rate(JsonNode node, String field, Problems p, int fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fallback;
        if (v.isNumber()) return (int) Math.round(v.asDouble());
        if (!v.isTextual()) {
            p.add(field, "expected a rate such as \"2500k\", found " + JsonObjects.describe(v));
            return fallback;
        }
        try {
            return Rates.kilo(v.asText(), field);
        } catch (InvalidSettingsException e) {
            p.add(field, e.problems().get(0).message());
            return fallback;
        }
    }
}
