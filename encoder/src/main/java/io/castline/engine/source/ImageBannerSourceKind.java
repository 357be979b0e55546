package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import javax.imageio.ImageIO;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code image_banner}: a banner of fixed size showing an image, or the images of a folder in
 * turn (a sponsor strip, a slide show): {@code path} (a PNG or JPEG, or a folder: its PNG and JPEG
 * files in name order), {@code interval} (seconds each image shows, 8), {@code width} and
 * {@code height} (the banner's pixels; the first image's size when left out), {@code fit} (each
 * image in the banner: contain, cover or stretch) and {@code background} (behind it, #RRGGBBAA;
 * none when left out). Every image is drawn into the banner once when the source opens; which one
 * shows is a function of the frame (the media clock), so the stream and the recording turn together.
 */
final class ImageBannerSourceKind implements SourceKind {
    static final int MAX_IMAGES = 50;
    /**
     * The banner's pixels, all its images together (16 M: eight 1080p slides), drawn once and held
     * for the show: more would take the studio's memory for pictures nobody can read in a banner.
     */
    static final long MAX_PIXELS = 16_000_000L;

    @Override public String id() { return "image_banner"; }
    @Override public String displayName() { return "Image banner"; }
    @Override public Set<String> settingKeys() { return Set.of("path", "interval", "width", "height", "fit", "background"); }

    @Override public Set<String> fileKeys() { return Set.of("path"); }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Object v = config.settings().get("path");
        if (v instanceof String s && !s.isBlank() && Files.isDirectory(context.resolve(s))) {
            Path folder = context.resolve(s);
            try {
                int n = images(folder).size();
                if (n == 0) problems.add("path", "the folder " + folder + " has no PNG or JPEG images");
                else if (n > MAX_IMAGES) problems.add("path", "the folder " + folder + " has " + n + " images (at most " + MAX_IMAGES + ")");
                else if (config.has("width") && config.has("height") && tooLarge(config.number("width", 2), config.number("height", 2), n)) {
                    problems.add("width", tooLargeText(config.number("width", 2), config.number("height", 2), n));
                }
            } catch (IOException e) {
                problems.add("path", "cannot read the folder " + folder + ": " + e.getMessage());
            }
        } else {
            Checks.readableFile(config, "path", context, problems);
        }
        Checks.number(config, "interval", 1, 3600, problems);
        Checks.number(config, "width", 2, 8192, problems);
        Checks.number(config, "height", 2, 8192, problems);
        Checks.text(config, "fit", false, problems);
        String fit = config.string("fit", "contain");
        if (!fit.equals("contain") && !fit.equals("cover") && !fit.equals("stretch")) {
            problems.add("fit", "'" + fit + "' is not contain, cover or stretch");
        }
        Checks.color(config, "background", false, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        Path path = context.resolve(config.string("path", ""));
        String label = "banner " + path.getFileName();
        try {
            List<Path> files = Files.isDirectory(path) ? images(path) : List.of(path);
            if (files.isEmpty()) return failed(config, label, "no images in " + path.getFileName());
            BufferedImage first = ImageIO.read(files.get(0).toFile());
            if (first == null) return failed(config, label, files.get(0).getFileName() + " is not a PNG or JPEG image");
            int w = config.has("width") ? (int) Math.round(config.number("width", 2)) : first.getWidth();
            int h = config.has("height") ? (int) Math.round(config.number("height", 2)) : first.getHeight();
            if (tooLarge(w, h, files.size())) return failed(config, label, tooLargeText(w, h, files.size()));
            int background = config.has("background") ? Checks.argb(config.string("background", null), 0) : 0;
            String fit = config.string("fit", "contain");
            Still[] slides = new Still[files.size()];
            // each image drawn into its slide as it is read, so only one full-size original is held at a time
            for (int i = 0; i < slides.length; i++) {
                BufferedImage image = i == 0 ? first : ImageIO.read(files.get(i).toFile());
                if (image == null) return failed(config, label, files.get(i).getFileName() + " is not a PNG or JPEG image");
                slides[i] = Stills.of(banner(image, w, h, fit, background), false);
            }
            if (slides.length == 1) return new OpenedSource(config, StillSource.of(config.name(), label, slides[0]), null);
            long framesEach = Math.max(1, Math.round(config.number("interval", 8) * context.canvas().fps()));
            return new OpenedSource(config, new ImageBannerSource(config.name(), label, slides, framesEach), null);
        } catch (IOException | RuntimeException e) {
            return failed(config, label, "cannot read " + path.getFileName() + ": " + e.getMessage());
        }
    }

    private static boolean tooLarge(double w, double h, int images) {
        return Math.round(w) * Math.round(h) * images > MAX_PIXELS;
    }

    private static String tooLargeText(double w, double h, int images) {
        return Math.round(w) + "×" + Math.round(h) + " for " + images + " image" + (images == 1 ? "" : "s") + " is more than "
                + MAX_PIXELS / 1_000_000 + " megapixels together: a smaller banner, or fewer images";
    }

    private static OpenedSource failed(SourceConfig config, String label, String problem) {
        return new OpenedSource(config, StillSource.failed(config.name(), label, problem), null);
    }

    /** The PNG and JPEG files of {@code folder}, in name order. */
    static List<Path> images(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().toList();
        }
    }

    /** {@code image} in a banner of w×h on {@code background}, fitted as {@code fit} says, centred. */
    static BufferedImage banner(BufferedImage image, int w, int h, String fit, int background) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setColor(new Color(background, true));
            g.fillRect(0, 0, w, h);
            g.setComposite(AlphaComposite.SrcOver);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            double sx = w / (double) image.getWidth();
            double sy = h / (double) image.getHeight();
            double s = fit.equals("cover") ? Math.max(sx, sy) : Math.min(sx, sy);
            int dw = fit.equals("stretch") ? w : (int) Math.round(image.getWidth() * s);
            int dh = fit.equals("stretch") ? h : (int) Math.round(image.getHeight() * s);
            g.drawImage(image, (w - dw) / 2, (h - dh) / 2, dw, dh, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
