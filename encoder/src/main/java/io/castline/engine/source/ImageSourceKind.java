package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** {@code image}: a PNG (with its transparency) or JPEG file, read once when the source opens. */
final class ImageSourceKind implements SourceKind {
    @Override public String id() { return "image"; }
    @Override public String displayName() { return "Image"; }
    @Override public Set<String> settingKeys() { return Set.of("path"); }

    @Override public Set<String> fileKeys() { return Set.of("path"); }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.readableFile(config, "path", context, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        Path file = context.resolve(config.string("path", ""));
        String label = "image " + file.getFileName();
        StillSource still;
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            still = image == null
                    ? StillSource.failed(config.name(), label, file.getFileName() + " is not a PNG or JPEG image")
                    : StillSource.of(config.name(), label, Stills.of(image, false));
        } catch (IOException | RuntimeException e) {
            still = StillSource.failed(config.name(), label, "cannot read " + file.getFileName() + ": " + e.getMessage());
        }
        return new OpenedSource(config, still, null);
    }
}
