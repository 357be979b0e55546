package io.castline.engine.source;

import io.castline.engine.settings.Problems;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Set;

/**
 * {@code ticker}: a line of text scrolling right to left along its layer, on the media clock:
 * {@code text} (required), {@code separator} (between repeats, " • "), {@code speed} (canvas
 * pixels per second, 120), {@code size} (the text's height in pixels, 40), {@code font},
 * {@code bold}, {@code color}, {@code background} (the bar, #RRGGBBAA) and {@code padding} (above
 * and below the text). Text and separator are drawn once into a strip that repeats without a
 * seam; the bar is the layer's width, the strip scaled to the layer's height.
 */
final class TickerSourceKind implements SourceKind {
    @Override public String id() { return "ticker"; }
    /** A line of headlines; the strip it is drawn into once is as long as the text. */
    static final int MAX_TEXT = 1000;

    @Override public String displayName() { return "Ticker"; }
    @Override public Set<String> settingKeys() {
        return Set.of("text", "separator", "speed", "size", "font", "bold", "color", "background", "padding");
    }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.text(config, "text", true, problems);
        Object text = config.settings().get("text");
        if (text instanceof String s && s.contains("\n")) problems.add("text", "must be one line (a ticker scrolls one line)");
        if (text instanceof String s && s.length() > MAX_TEXT) {
            problems.add("text", s.length() + " characters is more than a ticker can carry (at most " + MAX_TEXT + ")");
        }
        Checks.text(config, "separator", false, problems);
        Checks.number(config, "speed", 1, 2000, problems);
        Checks.number(config, "size", 8, 400, problems);
        Checks.text(config, "font", false, problems);
        Checks.flag(config, "bold", problems);
        Checks.color(config, "color", false, problems);
        Checks.color(config, "background", false, problems);
        Checks.number(config, "padding", 0, 400, problems);
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        return new OpenedSource(config, new TickerSource(config.name(), strip(config), config.number("speed", 120),
                context.canvas().fps()), null);
    }

    /**
     * One period of the ticker: the text, then the separator, on the bar's background, an even
     * number of pixels wide and high (so it repeats on whole chroma samples).
     */
    static Still strip(SourceConfig c) {
        int size = (int) Math.round(c.number("size", 40));
        Font font = new Font(c.string("font", Font.SANS_SERIF), c.flag("bold", false) ? Font.BOLD : Font.PLAIN, size);
        String line = c.string("text", "") + c.string("separator", " \u2022 ");
        FontRenderContext frc = new FontRenderContext(new AffineTransform(), true, true);
        TextLayout layout = new TextLayout(line.isEmpty() ? " " : line, font, frc);
        int padding = (int) Math.round(c.number("padding", size / 4.0));
        int w = even((int) Math.ceil(layout.getAdvance()));
        int h = even((int) Math.ceil(layout.getAscent() + layout.getDescent()) + 2 * padding);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(new Color(Checks.argb(c.string("background", null), 0xb0000000), true));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(Checks.argb(c.string("color", null), 0xffffffff), true));
            layout.draw(g, 0, (float) (padding + layout.getAscent()));
        } finally {
            g.dispose();
        }
        return Stills.of(image, false);
    }

    private static int even(int v) { return Math.max(2, (v + 1) & ~1); }
}
