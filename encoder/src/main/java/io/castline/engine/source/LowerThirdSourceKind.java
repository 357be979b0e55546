package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code lower_third}: two lines, a name and what they do (the host, a guest), drawn once with
 * Java2D: {@code title} (the first line, the name; required: a source's own {@code name} is taken
 * by the show), {@code subtitle} (the second), {@code size} (the title's height in pixels; the
 * subtitle is 0.6 of it), {@code font}, {@code title_color}, {@code subtitle_color}, {@code accent} (a bar left of
 * the text), {@code background} (the box, #RRGGBBAA), {@code corner} (its radius) and an optional
 * {@code logo} (a PNG or JPEG at the box's left, as tall as the text). Its picture is as big as
 * its box; a layer fits it (aspect kept).
 */
final class LowerThirdSourceKind implements SourceKind {
    static final int DEFAULT_ACCENT = 0xffe5484d;
    static final int DEFAULT_BACKGROUND = 0xe614161c;

    @Override public String id() { return "lower_third"; }
    @Override public String displayName() { return "Lower third"; }
    @Override public Set<String> settingKeys() {
        return Set.of("title", "subtitle", "size", "font", "title_color", "subtitle_color", "accent", "background", "corner", "logo");
    }

    @Override public Set<String> fileKeys() { return Set.of("logo"); }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.text(config, "title", true, problems);
        Checks.text(config, "subtitle", false, problems);
        Checks.number(config, "size", 8, 400, problems);
        Checks.text(config, "font", false, problems);
        Checks.color(config, "title_color", false, problems);
        Checks.color(config, "subtitle_color", false, problems);
        Checks.color(config, "accent", false, problems);
        Checks.color(config, "background", false, problems);
        Checks.number(config, "corner", 0, 200, problems);
        if (config.has("logo")) Checks.readableFile(config, "logo", context, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        String label = "lower third " + config.string("title", "");
        BufferedImage logo = null;
        if (config.has("logo")) {
            Path file = context.resolve(config.string("logo", ""));
            try {
                logo = ImageIO.read(file.toFile());
            } catch (IOException | RuntimeException e) {
                logo = null;
            }
            if (logo == null) {
                return new OpenedSource(config, StillSource.failed(config.name(), label,
                        "cannot read the logo " + file.getFileName() + " (a PNG or JPEG)"), null);
            }
        }
        return new OpenedSource(config, StillSource.of(config.name(), label, render(config, logo)), null);
    }

    /** The lower third's picture: [logo] [accent bar] title (the name) over subtitle, in a box. */
    static Still render(SourceConfig c, BufferedImage logo) {
        int size = (int) Math.round(c.number("size", 48));
        String family = c.string("font", Font.SANS_SERIF);
        Font nameFont = new Font(family, Font.BOLD, size);
        Font titleFont = new Font(family, Font.PLAIN, Math.max(6, (int) Math.round(size * 0.6)));
        String name = c.string("title", "");
        String title = c.string("subtitle", null);
        if (title != null && title.isBlank()) title = null;
        FontRenderContext frc = new FontRenderContext(new AffineTransform(), true, true);
        TextLayout nameLine = new TextLayout(name.isEmpty() ? " " : name, nameFont, frc);
        TextLayout titleLine = title == null ? null : new TextLayout(title, titleFont, frc);

        int pad = Math.max(4, size / 3);
        int gap = Math.max(2, size / 8);
        int bar = Math.max(3, size / 8);
        double textW = Math.max(nameLine.getAdvance(), titleLine == null ? 0 : titleLine.getAdvance());
        double textH = nameLine.getAscent() + nameLine.getDescent()
                + (titleLine == null ? 0 : gap + titleLine.getAscent() + titleLine.getDescent());
        int innerH = (int) Math.ceil(textH);
        int logoW = logo == null ? 0 : (int) Math.round(innerH * logo.getWidth() / (double) logo.getHeight());
        int x = pad;
        int w = pad + (logo == null ? 0 : logoW + pad) + bar + pad + (int) Math.ceil(textW) + pad;
        int h = innerH + 2 * pad;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            double corner = c.number("corner", size / 4.0) * 2;
            g.setColor(new Color(Checks.argb(c.string("background", null), DEFAULT_BACKGROUND), true));
            g.fill(new RoundRectangle2D.Double(0, 0, w, h, corner, corner));
            if (logo != null) {
                g.drawImage(logo, x, pad, logoW, innerH, null);
                x += logoW + pad;
            }
            g.setColor(new Color(Checks.argb(c.string("accent", null), DEFAULT_ACCENT), true));
            g.fillRect(x, pad, bar, innerH);
            x += bar + pad;
            double baseline = pad + nameLine.getAscent();
            g.setColor(new Color(Checks.argb(c.string("title_color", null), 0xffffffff), true));
            nameLine.draw(g, x, (float) baseline);
            if (titleLine != null) {
                baseline += nameLine.getDescent() + gap + titleLine.getAscent();
                g.setColor(new Color(Checks.argb(c.string("subtitle_color", null), 0xffd0d4dc), true));
                titleLine.draw(g, x, (float) baseline);
            }
        } finally {
            g.dispose();
        }
        return Stills.of(image, false);
    }
}
