package io.castline.engine.show;

import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceSpec;

import java.util.ArrayList;
import java.util.List;

/** Shows made from the one-source settings of before: {@code --video}/{@code --audio} flags and version 1 files. */
public final class Shows {
    /** The names the one-source shows give their sources and scene. */
    public static final String VIDEO = "video";
    public static final String AUDIO = "audio";
    public static final String SCENE = "Main";

    private Shows() {}

    /**
     * One scene with {@code video} filling the canvas (aspect kept) and {@code audio} in the mix
     * (none when its kind is NONE), no outputs yet.
     */
    public static Show singleSource(EncoderSettings settings, SourceSpec video, SourceSpec audio) {
        List<SourceConfig> sources = new ArrayList<>();
        sources.add(source(VIDEO, video, true));
        if (audio != null && audio.kind() != SourceSpec.Kind.NONE) sources.add(source(AUDIO, audio, false));
        Canvas canvas = Canvas.of(settings);
        Scene scene = new Scene(SCENE, List.of(Layer.of(VIDEO, 0, 0, canvas.width(), canvas.height(), Fit.CONTAIN)));
        return new Show(Show.CURRENT_VERSION, canvas, settings, sources, List.of(scene), SCENE, List.of(), null);
    }

    /** The source a {@code --video}/{@code --audio} value names. */
    public static SourceConfig source(String name, SourceSpec spec, boolean picture) {
        String format = spec.inputFormat();
        return switch (spec.kind()) {
            case TESTSRC -> SourceConfig.of(name, "testsrc");
            case SINE -> SourceConfig.of(name, "tone");
            case CAMERA -> SourceConfig.of(name, "camera", "device", spec.device(), "input_format", format);
            case SCREEN -> SourceConfig.of(name, "screen", "display", spec.device(), "input_format", format);
            case MIC -> SourceConfig.of(name, "mic", "device", spec.device(), "input_format", format);
            case FILE -> picture
                    ? SourceConfig.of(name, "media", "path", spec.device(), "loop", true, "audio", false)
                    : SourceConfig.of(name, "media", "path", spec.device(), "loop", true, "video", false);
            case NONE -> throw new IllegalArgumentException("no source");
        };
    }
}
