package io.castline.engine.show;

import io.castline.engine.commerce.ProductRules;
import io.castline.engine.output.OutputRole;

import io.castline.engine.destination.Destination;
import io.castline.engine.destination.WhipUrl;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.Problems;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a show, in one place for the studio and the CLI. Returns every problem, each with
 * its field path as the show file names it ({@code scenes[1].layers[0].width: must be > 0}).
 */
public final class ShowValidator {
    private static final Set<String> RECORDING_TYPES = Set.of("mkv", "mp4", "mov", "flv", "ts");

    private ShowValidator() {}

    /**
     * @param baseDirectory where relative paths (images, media, the recording) are read from; null
     *                      for the working directory
     */
    public static List<SettingsProblem> problems(Show show, Path baseDirectory) {
        List<SettingsProblem> problems = new java.util.ArrayList<>(pictureProblems(show, baseDirectory));
        Problems p = new Problems();
        checkOutputs(show.outputs(), p);
        checkWebRtc(show, p);
        if (show.recording() != null) checkRecording(show.recording(), p.at("recording"));
        if (show.outputs().isEmpty() && show.recording() == null) {
            p.add("outputs", "nothing to send to: add a destination or a recording");
        }
        problems.addAll(p.all());
        return problems;
    }

    /**
     * The problems of what the show puts on the canvas and in the mix (a program runs with no
     * output yet: the studio before any destination is set).
     */
    public static List<SettingsProblem> pictureProblems(Show show, Path baseDirectory) {
        Problems p = new Problems();
        if (show.version() < 1 || show.version() > Show.CURRENT_VERSION) {
            p.add("version", "show version " + show.version() + " is not one this Castline reads (1 to "
                    + Show.CURRENT_VERSION + ")");
        }
        checkCanvas(show.canvas(), p.at("canvas"));
        checkEncoder(show, p.at("encoder"));
        SourceKind.Context context = new SourceKind.Context(show.canvas(), baseDirectory);
        checkSources(show.sources(), context, p);
        checkScenes(show, p);
        checkSourceReferences(show, p);
        ProductRules.check(show.products(), p);
        checkCues(show, p);
        return p.all();
    }

    /** Throws {@link InvalidSettingsException} listing every problem; returns the show when there is none. */
    public static Show validated(Show show, Path baseDirectory) {
        List<SettingsProblem> problems = problems(show, baseDirectory);
        if (!problems.isEmpty()) throw new InvalidSettingsException(problems);
        return show;
    }

    /** Throws {@link InvalidSettingsException} listing every {@link #pictureProblems}; returns the show when there is none. */
    public static Show validatedPicture(Show show, Path baseDirectory) {
        List<SettingsProblem> problems = pictureProblems(show, baseDirectory);
        if (!problems.isEmpty()) throw new InvalidSettingsException(problems);
        return show;
    }

    private static void checkCanvas(Canvas c, Problems p) {
        if (c == null) {
            p.here("is required ({\"width\": 1920, \"height\": 1080, \"fps\": 30})");
            return;
        }
        if (c.width() < 16 || c.width() > 7680 || c.width() % 2 != 0) p.add("width", c.width() + " must be even and between 16 and 7680");
        if (c.height() < 16 || c.height() > 4320 || c.height() % 2 != 0) p.add("height", c.height() + " must be even and between 16 and 4320");
        if (c.fps() < 1 || c.fps() > 120) p.add("fps", c.fps() + " is outside 1 to 120");
    }

    private static void checkEncoder(Show show, Problems p) {
        if (show.encoder() == null) {
            p.here("is required");
            return;
        }
        for (SettingsProblem problem : show.encoder().problems()) {
            // the canvas's own fields are checked above, under their own names
            if (problem.field().equals("canvas") || problem.field().equals("fps")) continue;
            p.add(problem.field().replace('-', '_'), problem.message());
        }
    }

    private static void checkSources(List<SourceConfig> sources, SourceKind.Context context, Problems p) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceConfig s = sources.get(i);
            Problems at = p.at("sources", i);
            if (s.name() == null || s.name().isBlank()) at.add("name", "is required");
            else if (!names.add(s.name())) at.add("name", "'" + s.name() + "' is the name of another source");
            SourceKinds.check(s, context, at);
        }
    }

    /** What a source names in the rest of the show (a countdown's end scene and product). */
    private static void checkSourceReferences(Show show, Problems p) {
        for (int i = 0; i < show.sources().size(); i++) {
            SourceConfig s = show.sources().get(i);
            if (!"countdown".equals(s.kind())) continue;
            Problems at = p.at("sources", i);
            Object scene = s.settings().get("end_scene");
            if (scene instanceof String name && show.scene(name).isEmpty()) {
                at.add("end_scene", "no scene is called '" + name + "'");
            }
            checkCountdownProduct(show, s, at);
        }
    }

    /**
     * A countdown's product: the SKU it names is in the catalogue, its deal price is below that
     * product's price, and an end or a deal that needs a product can have one (named, or pinned at
     * the start from a catalogue that is not empty; with a pinned one the price is checked at start).
     */
    private static void checkCountdownProduct(Show show, SourceConfig s, Problems at) {
        CountdownSource.AtEnd action = CountdownSource.AtEnd.of(s.string("at_end", "stay"));
        java.math.BigDecimal deal = CountdownSource.dealPriceOf(s);
        boolean needsProduct = deal != null || (action != null && action.changesProduct());
        String sku = s.string("product", null);
        if (sku != null) {
            Optional<io.castline.engine.commerce.Product> product = show.product(sku);
            if (product.isEmpty()) at.add("product", "no product has the SKU '" + sku + "'");
            else if (deal != null && deal.signum() >= 0) ProductRules.checkDealPrice(deal, product.get(), "deal_price", at); // below 0: the kind said
        } else if (needsProduct && show.products().isEmpty()) {
            String what = deal != null ? "deal_price" : "at_end";
            at.add(what, (deal != null ? "a deal price" : "'" + action.id() + "'")
                    + " needs a product, and the show has none: add products, or give the countdown a product (a SKU)");
        }
    }

    private static void checkScenes(Show show, Problems p) {
        if (show.scenes().isEmpty()) {
            p.add("scenes", "needs at least one scene");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < show.scenes().size(); i++) {
            Scene scene = show.scenes().get(i);
            Problems at = p.at("scenes", i);
            if (scene.name() == null || scene.name().isBlank()) at.add("name", "is required");
            else if (!names.add(scene.name())) at.add("name", "'" + scene.name() + "' is the name of another scene");
            for (int j = 0; j < scene.layers().size(); j++) checkLayer(show, scene.layers().get(j), at.at("layers", j));
        }
        if (show.program() == null) {
            p.add("program", "is required (the name of the scene on air at the start)");
        } else if (show.scene(show.program()).isEmpty()) {
            p.add("program", "no scene is called '" + show.program() + "'");
        }
    }

    private static void checkCues(Show show, Problems p) {
        for (int i = 0; i < show.cues().size(); i++) {
            Cue c = show.cues().get(i);
            Problems at = p.at("cues", i);
            if (c.name() == null || c.name().isBlank()) at.add("name", "is required");
            if (c.scene() == null) at.add("scene", "is required (the scene the cue puts on air)");
            else if (show.scene(c.scene()).isEmpty()) at.add("scene", "no scene is called '" + c.scene() + "'");
            if (c.product() != null && show.product(c.product()).isEmpty()) {
                at.add("product", "no product has the SKU '" + c.product() + "'");
            }
            if (c.countdown() != null) {
                Optional<SourceConfig> source = show.source(c.countdown());
                if (source.isEmpty()) at.add("countdown", "no source is called '" + c.countdown() + "'");
                else if (!"countdown".equals(source.get().kind())) {
                    at.add("countdown", "'" + c.countdown() + "' is a " + source.get().kind() + ", not a countdown");
                }
            }
            if (c.durationMillis() < 0 || c.durationMillis() > 10_000) at.add("duration", "must be between 0 and 10 seconds");
        }
    }

    private static void checkLayer(Show show, Layer layer, Problems p) {
        if (layer.source() == null) {
            p.add("source", "is required (the name of a source)");
        } else {
            Optional<SourceConfig> source = show.source(layer.source());
            if (source.isEmpty()) {
                p.add("source", "no source is called '" + layer.source() + "'");
            } else {
                Optional<SourceKind> kind = SourceKinds.byId(source.get().kind());
                if (kind.isPresent() && !kind.get().hasVideo(source.get())) {
                    p.add("source", "'" + layer.source() + "' is a " + kind.get().id() + ": it has sound, no picture");
                }
            }
        }
        if (layer.width() <= 0) p.add("width", "must be > 0");
        if (layer.height() <= 0) p.add("height", "must be > 0");
        Canvas c = show.canvas();
        if (c != null && layer.width() > 0 && layer.height() > 0) {
            boolean outside = layer.x() >= c.width() || layer.y() >= c.height()
                    || layer.x() + layer.width() <= 0 || layer.y() + layer.height() <= 0;
            if (outside) p.add("x", "the layer lies wholly outside the " + c.width() + "x" + c.height() + " canvas");
        }
        if (!(layer.opacity() >= 0 && layer.opacity() <= 1)) p.add("opacity", "must be between 0 and 1");
        Crop crop = layer.crop();
        Problems cp = p.at("crop");
        if (crop.left() < 0) cp.add("left", "must be 0 or more");
        if (crop.top() < 0) cp.add("top", "must be 0 or more");
        if (crop.right() < 0) cp.add("right", "must be 0 or more");
        if (crop.bottom() < 0) cp.add("bottom", "must be 0 or more");
    }

    private static void checkOutputs(List<OutputConfig> outputs, Problems p) {
        checkOutputList(outputs, true, p);
    }

    /**
     * The rules of a list of outputs as a whole, without their URLs: how many, each name given,
     * unique and not "recording", a role each, one primary at most. The studio's destination list
     * keeps the same rules.
     */
    public static List<SettingsProblem> outputListProblems(List<OutputConfig> outputs) {
        Problems p = new Problems();
        checkOutputList(outputs, false, p);
        return p.all();
    }

    private static void checkOutputList(List<OutputConfig> outputs, boolean urls, Problems p) {
        if (outputs.size() > Show.MAX_OUTPUTS) {
            p.add("outputs", outputs.size() + " destinations; at most " + Show.MAX_OUTPUTS);
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            OutputConfig o = outputs.get(i);
            Problems at = p.at("outputs", i);
            if (o.name() == null || o.name().isBlank()) at.add("name", "is required");
            else if (!names.add(o.name().toLowerCase(Locale.ROOT)) || o.name().equalsIgnoreCase("recording")) {
                at.add("name", "'" + o.name() + "' is the name of another output");
            }
            if (o.role() == null) at.add("role", "is required (primary, backup or extra)");
            if (urls) checkUrl(o, at);
        }
        long primaries = outputs.stream().filter(o -> o.role() == OutputRole.PRIMARY).count();
        if (primaries > 1) p.add("outputs", primaries + " outputs have the role primary; one may");
    }

    private static void checkUrl(OutputConfig o, Problems at) {
        if (o.url() == null || o.url().isBlank()) {
            at.add("url", "is required (rtmp://host/app/key)");
        } else if (!o.missingVariables(System.getenv()).isEmpty()) {
            for (String v : o.missingVariables(System.getenv())) {
                at.add("url", "${" + v + "} is not set: export " + v + " with the stream key before starting");
            }
        } else {
            try {
                Destination.parse(o.name() == null ? "output" : o.name(), o.resolvedUrl());
            } catch (IllegalArgumentException e) {
                at.add("url", withoutName(e.getMessage()));
            }
        }
    }

    /**
     * A WHIP (WebRTC) output needs H.264 without B-frames in the baseline or main profile; the
     * problem is the encoder's field (one per field, naming the first WHIP output), since that is
     * what to change.
     */
    private static void checkWebRtc(Show show, Problems p) {
        if (show.encoder() == null) return;
        for (int i = 0; i < show.outputs().size(); i++) {
            OutputConfig o = show.outputs().get(i);
            if (!WhipUrl.isWhip(o.url())) continue;
            String who = "outputs[" + i + "] '" + o.name() + "' is WebRTC (WHIP), which";
            for (SettingsProblem problem : show.encoder().webRtcProblems(who)) {
                p.at("encoder").add(problem.field(), problem.message());
            }
            return;
        }
    }

    private static void checkRecording(RecordingConfig r, Problems p) {
        if (r.path() == null || r.path().isBlank()) {
            p.add("path", "is required (a file: .mkv, .mp4, .mov, .flv or .ts)");
            return;
        }
        String name = Path.of(r.path()).getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (ext.isEmpty()) p.add("path", "needs a file type: .mkv, .mp4, .mov, .flv or .ts");
        else if (!RECORDING_TYPES.contains(ext)) p.add("path", "unsupported file type '." + ext + "' (use .mkv, .mp4, .mov, .flv or .ts)");
    }

    /**
     * Messages that start with the name they were given ("primary: …", "video: …") without it: the
     * field path says that here.
     */
    static String withoutName(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        return colon > 0 && colon < 40 ? message.substring(colon + 2) : String.valueOf(message);
    }
}
