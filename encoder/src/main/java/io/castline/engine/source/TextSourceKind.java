package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Set;

/**
 * {@code text}: a line (or lines, split at "\n") drawn once with Java2D: {@code font} (a family
 * name; the platform's sans serif when it is not installed), {@code size} in canvas pixels,
 * {@code color}, {@code bold}, an {@code outline_color} of {@code outline_width} pixels, and a
 * {@code background} box with {@code padding}. Its picture is as big as the text.
 */
final class TextSourceKind implements SourceKind {
    @Override public String id() { return "text"; }
    @Override public String displayName() { return "Text"; }
    @Override public Set<String> settingKeys() {
        return Set.of("text", "font", "size", "color", "bold", "outline_color", "outline_width", "background", "padding");
    }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.text(config, "text", true, problems);
        Checks.text(config, "font", false, problems);
        Checks.number(config, "size", 4, 1000, problems);
        Checks.color(config, "color", false, problems);
        Checks.flag(config, "bold", problems);
        Checks.color(config, "outline_color", false, problems);
        Checks.number(config, "outline_width", 0, 100, problems);
        Checks.color(config, "background", false, problems);
        Checks.number(config, "padding", 0, 1000, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        String text = config.string("text", "");
        String label = "text \"" + (text.length() > 24 ? text.substring(0, 23) + "…" : text) + "\"";
        return new OpenedSource(config, StillSource.of(config.name(), label, render(config)), null);
    }

    static Still render(SourceConfig c) {
        int size = (int) Math.round(c.number("size", 48));
        Font font = new Font(c.string("font", Font.SANS_SERIF), c.flag("bold", false) ? Font.BOLD : Font.PLAIN, size);
        int fill = Checks.argb(c.string("color", null), 0xffffffff);
        Integer outline = c.has("outline_color") ? Checks.argb(c.string("outline_color", null), 0xff000000) : null;
        float outlineWidth = outline == null ? 0 : (float) c.number("outline_width", Math.max(1, size / 16.0));
        Integer background = c.has("background") ? Checks.argb(c.string("background", null), 0) : null;
        int padding = (int) Math.round(c.number("padding", background == null ? 0 : size / 4.0));

        String[] lines = c.string("text", "").split("\n", -1);
        FontRenderContext frc = new FontRenderContext(new AffineTransform(), true, true);
        TextLayout[] layouts = new TextLayout[lines.length];
        double width = 1;
        double lineHeight = 0;
        for (int i = 0; i < lines.length; i++) {
            layouts[i] = new TextLayout(lines[i].isEmpty() ? " " : lines[i], font, frc);
            width = Math.max(width, layouts[i].getAdvance());
            lineHeight = Math.max(lineHeight, layouts[i].getAscent() + layouts[i].getDescent() + layouts[i].getLeading());
        }
        int margin = (int) Math.ceil(outlineWidth) + padding;
        int w = (int) Math.ceil(width) + 2 * margin;
        int h = (int) Math.ceil(lineHeight * lines.length) + 2 * margin;
        BufferedImage image = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            if (background != null) {
                g.setColor(new Color(background, true));
                g.fillRect(0, 0, w, h);
            }
            double baseline = margin;
            for (TextLayout layout : layouts) {
                baseline += layout.getAscent();
                Shape glyphs = layout.getOutline(AffineTransform.getTranslateInstance(margin, baseline));
                if (outline != null && outlineWidth > 0) {
                    g.setColor(new Color(outline, true));
                    g.setStroke(new BasicStroke(outlineWidth * 2, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(glyphs);
                }
                g.setColor(new Color(fill, true));
                g.fill(glyphs);
                baseline += layout.getDescent() + layout.getLeading();
            }
        } finally {
            g.dispose();
        }
        return Stills.of(image, false);
    }
}
