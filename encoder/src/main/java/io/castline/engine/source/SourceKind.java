package io.castline.engine.source;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.Problems;

import java.nio.file.Path;
import java.util.Set;

/**
 * One kind of source (libobs's {@code obs_source_info}): what its settings are, how they are
 * checked and how it is opened. A new kind is one class and one line in {@link SourceKinds}.
 */
public interface SourceKind {

    /** Where a source is opened: the show's canvas, and the folder relative paths are read from. */
    record Context(Canvas canvas, Path baseDirectory) {
        public Path resolve(String path) {
            Path p = Path.of(path);
            return p.isAbsolute() || baseDirectory == null ? p : baseDirectory.resolve(p);
        }
    }

    /** The value of a source's {@code kind}: "camera". */
    String id();

    /** What the studio's "Add source" menu calls it: "Camera". */
    String displayName();

    /** The settings a source of this kind reads; any other is reported as unknown. */
    Set<String> settingKeys();

    /**
     * The settings that name a file (read from the show file's folder when relative), so a show
     * moved or kept elsewhere can have them made absolute. None for most kinds.
     */
    default Set<String> fileKeys() { return Set.of(); }

    /** True when a source with these settings draws a picture (it can be a layer). */
    boolean hasVideo(SourceConfig config);

    /** True when a source with these settings has sound (it is then a mixer channel). */
    boolean hasAudio(SourceConfig config);

    /** Adds every problem with {@code config}'s settings to {@code problems} (at the source's path). */
    void check(SourceConfig config, Context context, Problems problems);

    /** Opens the source (not started). Called only with settings that {@link #check} passed. */
    OpenedSource open(SourceConfig config, Context context) throws AvException;
}
