package io.castline.engine.show;

import io.castline.engine.commerce.Product;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceConfig;

import java.util.List;
import java.util.Optional;

/**
 * A produced show: the one settings model of the studio and of {@code castline live --show}. The
 * canvas and encoder, the sources (each opened once), the scenes of layers over them, the scene on
 * air at the start, the destinations and the recording. Immutable: an edit makes a new show (which
 * is what undo keeps).
 *
 * @param encoder   the encoder's settings; its size and rate are the canvas's (see {@link #encoderSettings()})
 * @param program   the name of the scene on air when the show starts
 * @param recording null for none
 * @param products  the catalogue the show sells from (product cards, pins), by SKU
 * @param cues      the run of show, in order
 */
public record Show(int version, Canvas canvas, EncoderSettings encoder, List<SourceConfig> sources, List<Scene> scenes,
                   String program, List<OutputConfig> outputs, RecordingConfig recording, List<Product> products,
                   List<Cue> cues) {

    /** The show file's format; older files are migrated when read. */
    public static final int CURRENT_VERSION = 2;
    public static final int MAX_OUTPUTS = 8;

    public Show {
        sources = List.copyOf(sources);
        scenes = List.copyOf(scenes);
        outputs = List.copyOf(outputs);
        products = products == null ? List.of() : List.copyOf(products);
        cues = cues == null ? List.of() : List.copyOf(cues);
        // the file keeps no encoder size or rate (they are the canvas's): hold them equal here too, so that a
        // show read back from its file, or one whose canvas changed, equals the show it was made from
        if (encoder != null && canvas != null && (encoder.width() != canvas.width()
                || encoder.height() != canvas.height() || encoder.fps() != canvas.fps())) {
            EncoderSettings.Builder b = encoder.toBuilder();
            b.width = canvas.width();
            b.height = canvas.height();
            b.fps = canvas.fps();
            encoder = b.build();
        }
    }

    /** A show that sells nothing (yet). */
    public Show(int version, Canvas canvas, EncoderSettings encoder, List<SourceConfig> sources, List<Scene> scenes,
                String program, List<OutputConfig> outputs, RecordingConfig recording) {
        this(version, canvas, encoder, sources, scenes, program, outputs, recording, List.of(), List.of());
    }

    /** The encoder's settings at the canvas's size and rate. */
    public EncoderSettings encoderSettings() {
        return encoder; // the constructor holds its size and rate equal to the canvas's
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> name != null && name.equals(s.name())).findFirst();
    }

    public Optional<Scene> scene(String name) {
        return scenes.stream().filter(s -> name != null && name.equals(s.name())).findFirst();
    }

    public Optional<Product> product(String sku) {
        return products.stream().filter(p -> sku != null && sku.equals(p.sku())).findFirst();
    }

    public int sceneIndex(String name) {
        for (int i = 0; i < scenes.size(); i++) if (name != null && name.equals(scenes.get(i).name())) return i;
        return -1;
    }

    public Show withCanvas(Canvas c) { return new Show(version, c, encoder, sources, scenes, program, outputs, recording, products, cues); }
    public Show withEncoder(EncoderSettings e) { return new Show(version, canvas, e, sources, scenes, program, outputs, recording, products, cues); }
    public Show withSources(List<SourceConfig> s) { return new Show(version, canvas, encoder, s, scenes, program, outputs, recording, products, cues); }
    public Show withScenes(List<Scene> s) { return new Show(version, canvas, encoder, sources, s, program, outputs, recording, products, cues); }
    public Show withProgram(String p) { return new Show(version, canvas, encoder, sources, scenes, p, outputs, recording, products, cues); }
    public Show withOutputs(List<OutputConfig> o) { return new Show(version, canvas, encoder, sources, scenes, program, o, recording, products, cues); }
    public Show withProducts(List<Product> p) { return new Show(version, canvas, encoder, sources, scenes, program, outputs, recording, p, cues); }
    public Show withCues(List<Cue> c) { return new Show(version, canvas, encoder, sources, scenes, program, outputs, recording, products, c); }
    public Show withRecording(RecordingConfig r) { return new Show(version, canvas, encoder, sources, scenes, program, outputs, r, products, cues); }
}
