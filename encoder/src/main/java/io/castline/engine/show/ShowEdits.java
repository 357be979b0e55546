package io.castline.engine.show;

import io.castline.engine.settings.Canvas;

import io.castline.engine.source.SourceConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The edits a producer makes to a show, each a function from one immutable show to the next (so
 * that {@link ShowHistory} can undo any of them by keeping the show before). Names stay unique:
 * a duplicate or an added item with a taken name gets " 2", " 3", …
 */
public final class ShowEdits {
    private ShowEdits() {}

    // ---- scenes ----

    public static Show addScene(Show show, String name) {
        List<Scene> scenes = new ArrayList<>(show.scenes());
        scenes.add(new Scene(unique(name, sceneNames(show)), List.of()));
        return show.withScenes(scenes);
    }

    /** Removes a scene; the program moves to the first remaining scene if it was this one. The last scene stays. */
    public static Show removeScene(Show show, String name) {
        if (show.scenes().size() <= 1) return show;
        List<Scene> scenes = new ArrayList<>(show.scenes());
        scenes.removeIf(s -> name.equals(s.name()));
        String program = name.equals(show.program()) ? scenes.get(0).name() : show.program();
        return show.withScenes(scenes).withProgram(program);
    }

    public static Show renameScene(Show show, String name, String newName) {
        if (newName == null || newName.isBlank() || name.equals(newName)) return show;
        String target = unique(newName.strip(), sceneNames(show));
        List<Scene> scenes = show.scenes().stream().map(s -> name.equals(s.name()) ? s.withName(target) : s).toList();
        List<Cue> cues = show.cues().stream().map(c -> name.equals(c.scene())
                ? new Cue(c.name(), target, c.product(), c.countdown(), c.transition(), c.durationMillis()) : c).toList();
        // a countdown that ends in the scene ends in it under its new name
        List<SourceConfig> sources = show.sources().stream().map(src -> name.equals(src.settings().get("end_scene"))
                ? src.with("end_scene", target) : src).toList();
        return show.withScenes(scenes).withProgram(name.equals(show.program()) ? target : show.program()).withCues(cues)
                .withSources(sources);
    }

    /** A copy of the scene right after it, named "NAME 2". */
    public static Show duplicateScene(Show show, String name) {
        int i = show.sceneIndex(name);
        if (i < 0) return show;
        List<Scene> scenes = new ArrayList<>(show.scenes());
        scenes.add(i + 1, scenes.get(i).withName(unique(name, sceneNames(show))));
        return show.withScenes(scenes);
    }

    /** Moves a scene to {@code index} (0 = first) in the list. */
    public static Show moveScene(Show show, String name, int index) {
        int from = show.sceneIndex(name);
        if (from < 0) return show;
        List<Scene> scenes = new ArrayList<>(show.scenes());
        Scene s = scenes.remove(from);
        scenes.add(Math.max(0, Math.min(index, scenes.size())), s);
        return show.withScenes(scenes);
    }

    // ---- layers ----

    /** Adds a layer on top of the scene. */
    public static Show addLayer(Show show, String scene, Layer layer) {
        return editScene(show, scene, s -> {
            List<Layer> layers = new ArrayList<>(s.layers());
            layers.add(layer);
            return s.withLayers(layers);
        });
    }

    public static Show removeLayer(Show show, String scene, int index) {
        return editScene(show, scene, s -> {
            if (index < 0 || index >= s.layers().size()) return s;
            List<Layer> layers = new ArrayList<>(s.layers());
            layers.remove(index);
            return s.withLayers(layers);
        });
    }

    /** A copy of the layer just above it. */
    public static Show duplicateLayer(Show show, String scene, int index) {
        return editScene(show, scene, s -> {
            if (index < 0 || index >= s.layers().size()) return s;
            List<Layer> layers = new ArrayList<>(s.layers());
            layers.add(index + 1, layers.get(index));
            return s.withLayers(layers);
        });
    }

    /** Moves a layer to {@code to} in the scene's order (0 = bottom). */
    public static Show moveLayer(Show show, String scene, int from, int to) {
        return editScene(show, scene, s -> {
            if (from < 0 || from >= s.layers().size()) return s;
            List<Layer> layers = new ArrayList<>(s.layers());
            Layer l = layers.remove(from);
            layers.add(Math.max(0, Math.min(to, layers.size())), l);
            return s.withLayers(layers);
        });
    }

    /** Replaces one layer with {@code change} applied to it (move, resize, fit, crop, opacity, eye, lock). */
    public static Show editLayer(Show show, String scene, int index, UnaryOperator<Layer> change) {
        return editScene(show, scene, s -> {
            if (index < 0 || index >= s.layers().size()) return s;
            List<Layer> layers = new ArrayList<>(s.layers());
            layers.set(index, change.apply(layers.get(index)));
            return s.withLayers(layers);
        });
    }

    // ---- sources ----

    public static Show addSource(Show show, SourceConfig source) {
        List<SourceConfig> sources = new ArrayList<>(show.sources());
        sources.add(source.withName(unique(source.name(), sourceNames(show))));
        return show.withSources(sources);
    }

    /** Removes a source and every layer that shows it. */
    public static Show removeSource(Show show, String name) {
        List<SourceConfig> sources = show.sources().stream().filter(s -> !name.equals(s.name())).toList();
        List<Scene> scenes = show.scenes().stream()
                .map(s -> s.withLayers(s.layers().stream().filter(l -> !name.equals(l.source())).toList())).toList();
        return show.withSources(sources).withScenes(scenes);
    }

    /** Renames a source and the layers that show it. */
    public static Show renameSource(Show show, String name, String newName) {
        if (newName == null || newName.isBlank() || name.equals(newName)) return show;
        String target = unique(newName.strip(), sourceNames(show));
        List<SourceConfig> sources = show.sources().stream().map(s -> name.equals(s.name()) ? s.withName(target) : s).toList();
        List<Scene> scenes = show.scenes().stream().map(s -> s.withLayers(s.layers().stream()
                .map(l -> name.equals(l.source()) ? l.withSource(target) : l).toList())).toList();
        List<Cue> cues = show.cues().stream().map(c -> name.equals(c.countdown())
                ? new Cue(c.name(), c.scene(), c.product(), target, c.transition(), c.durationMillis()) : c).toList();
        return show.withSources(sources).withScenes(scenes).withCues(cues);
    }

    /** Replaces a source's settings (same name). */
    public static Show editSource(Show show, String name, UnaryOperator<SourceConfig> change) {
        return show.withSources(show.sources().stream().map(s -> name.equals(s.name()) ? change.apply(s).withName(name) : s).toList());
    }

    // ---- helpers ----

    private static Show editScene(Show show, String name, UnaryOperator<Scene> change) {
        return show.withScenes(show.scenes().stream().map(s -> name.equals(s.name()) ? change.apply(s) : s).toList());
    }

    private static Set<String> sceneNames(Show show) {
        return show.scenes().stream().map(Scene::name).collect(Collectors.toSet());
    }

    private static Set<String> sourceNames(Show show) {
        return show.sources().stream().map(SourceConfig::name).collect(Collectors.toSet());
    }

    /** {@code name}, or "name 2", "name 3", … the first that is not taken. */
    static String unique(String name, Set<String> taken) {
        if (!taken.contains(name)) return name;
        String base = name.replaceFirst(" \\d+$", "");
        for (int n = 2; ; n++) {
            String candidate = base + " " + n;
            if (!taken.contains(candidate)) return candidate;
        }
    }

    /**
     * The show on another canvas, every layer's rectangle scaled with it so that each keeps its
     * place in the picture (the same show itself when the canvas is the same).
     */
    public static Show resized(Show show, Canvas to) {
        Canvas from = show.canvas();
        if (from.equals(to)) return show;
        List<Scene> scenes = show.scenes().stream().map(scene -> scene.withLayers(scene.layers().stream().map(l -> l.withRect(
                (int) ((long) l.x() * to.width() / from.width()), (int) ((long) l.y() * to.height() / from.height()),
                (int) ((long) l.width() * to.width() / from.width()), (int) ((long) l.height() * to.height() / from.height())))
                .toList())).toList();
        return show.withScenes(scenes).withCanvas(to);
    }

    /**
     * The show with every relative file it names made absolute from {@code base} (the show file's
     * folder): each source's file settings ({@code SourceKind.fileKeys}: an image's or a media's
     * {@code path}, a lower third's {@code logo}) and each product's {@code image} that is not a web
     * address. A show kept elsewhere (the studio's {@code show.json}) still finds them.
     */
    public static Show withAbsolutePaths(Show show, java.nio.file.Path base) {
        List<SourceConfig> sources = show.sources().stream().map(c -> {
            SourceConfig out = c;
            Set<String> keys = io.castline.engine.source.SourceKinds.byId(c.kind())
                    .map(io.castline.engine.source.SourceKind::fileKeys).orElse(Set.of());
            for (String key : keys) {
                if (out.settings().get(key) instanceof String path && !path.isBlank() && !java.nio.file.Path.of(path).isAbsolute()) {
                    out = out.with(key, absolute(base, path));
                }
            }
            return out;
        }).toList();
        return show.withSources(sources).withProducts(show.products().stream().map(p -> withAbsoluteImage(p, base)).toList());
    }

    /** The product with its picture's path made absolute from {@code base} when it is a relative file (not a web address). */
    public static io.castline.engine.commerce.Product withAbsoluteImage(io.castline.engine.commerce.Product p, java.nio.file.Path base) {
        String image = p.image();
        if (image == null || image.isBlank() || image.contains("://") || java.nio.file.Path.of(image).isAbsolute()) return p;
        return p.withImage(absolute(base, image));
    }

    private static String absolute(java.nio.file.Path base, String path) {
        return base.resolve(path).toAbsolutePath().normalize().toString();
    }
}
