package io.castline.engine.source;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.settings.Problems;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Every kind of source Castline knows, in the order the studio offers them. */
public final class SourceKinds {
    private static final List<SourceKind> KINDS = List.of(
            new CameraSourceKind(),
            new ScreenSourceKind(),
            new MediaSourceKind(),
            new ImageSourceKind(),
            new ColorSourceKind(),
            new TextSourceKind(),
            new ProductCardSourceKind(),
            new CountdownSourceKind(),
            new LowerThirdSourceKind(),
            new TickerSourceKind(),
            new ImageBannerSourceKind(),
            new TestPatternSourceKind(),
            new MicSourceKind(),
            new ToneSourceKind());

    private SourceKinds() {}

    public static List<SourceKind> all() { return KINDS; }

    public static Optional<SourceKind> byId(String id) {
        return KINDS.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    public static String ids() {
        return KINDS.stream().map(SourceKind::id).collect(Collectors.joining(", "));
    }

    /**
     * Every problem with one source's kind and settings, at {@code problems}' path (the source's):
     * an unknown kind, a setting the kind does not read, and what the kind itself checks.
     */
    public static void check(SourceConfig config, SourceKind.Context context, Problems problems) {
        if (config.kind() == null) {
            problems.add("kind", "is required (" + ids() + ")");
            return;
        }
        Optional<SourceKind> kind = byId(config.kind());
        if (kind.isEmpty()) {
            problems.add("kind", "unknown kind '" + config.kind() + "' (" + ids() + ")");
            return;
        }
        for (String key : config.settings().keySet()) {
            if (!kind.get().settingKeys().contains(key)) {
                String known = kind.get().settingKeys().isEmpty() ? "it has no settings"
                        : "a " + config.kind() + " reads " + String.join(", ", new TreeSet<>(kind.get().settingKeys()));
                problems.add(key, "unknown setting for a " + config.kind() + " source (" + known + ")");
            }
        }
        kind.get().check(config, context, problems);
    }

    /** True when {@code config} is of a known kind and has sound (a mixer channel). */
    public static boolean hasAudio(SourceConfig config) {
        return byId(config.kind()).map(k -> k.hasAudio(config)).orElse(false);
    }

    /** Opens a source whose settings {@link #check} passed. */
    public static OpenedSource open(SourceConfig config, SourceKind.Context context) throws AvException {
        SourceKind kind = byId(config.kind()).orElseThrow(() -> new IllegalArgumentException("unknown kind " + config.kind()));
        return kind.open(config, context);
    }
}
