package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.util.Arrays;
import java.util.Set;

/** {@code color}: a plain colour ("#RRGGBB", or "#RRGGBBAA" with opacity) that fills its layer. */
final class ColorSourceKind implements SourceKind {
    @Override public String id() { return "color"; }
    @Override public String displayName() { return "Colour"; }
    @Override public Set<String> settingKeys() { return Set.of("color"); }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.color(config, "color", true, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        int[] pixels = new int[4];
        Arrays.fill(pixels, Checks.argb(config.string("color", null), 0xff000000));
        String label = "colour " + config.string("color", "");
        return new OpenedSource(config, StillSource.of(config.name(), label, new Still(2, 2, pixels, true)), null);
    }
}
