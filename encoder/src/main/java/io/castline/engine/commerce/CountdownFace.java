package io.castline.engine.commerce;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The countdown's look, made once: a background (the box, the label, the colons) and a picture of
 * each digit for the cells the digits go in. The compositor draws the background and, in each cell,
 * the digit the frame's time gives: no drawing on the clock thread, no picture per second.
 * Digits all have the same advance (tabular figures, as the platform's sans serif draws them).
 */
public final class CountdownFace {
    /** "mm:ss" (4 digit cells) or "h:mm:ss" (5). */
    private final boolean hours;
    private final BufferedImage background;
    private final BufferedImage[] digits = new BufferedImage[10];
    private final List<Rectangle> cells;

    /**
     * @param label      a line above the time ("Deal ends in"), or null
     * @param background the box's colour (ARGB), or 0 for none
     */
    public CountdownFace(boolean hours, String label, int size, int colorArgb, int backgroundArgb) {
        this.hours = hours;
        Font digitFont = new Font(Font.SANS_SERIF, Font.BOLD, size);
        Font labelFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, size * 2 / 5));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics dm = pg.getFontMetrics(digitFont);
        FontMetrics lm = pg.getFontMetrics(labelFont);
        pg.dispose();
        int digitW = 0;
        for (char c = '0'; c <= '9'; c++) digitW = Math.max(digitW, dm.charWidth(c));
        int colonW = dm.charWidth(':');
        int cellH = dm.getAscent() + dm.getDescent();
        int pad = backgroundArgb == 0 ? 0 : size / 4;
        int labelH = label == null ? 0 : lm.getAscent() + lm.getDescent() + size / 10;
        String pattern = hours ? "0:00:00" : "00:00";
        int timeW = 0;
        for (char c : pattern.toCharArray()) timeW += c == ':' ? colonW : digitW;
        int labelW = label == null ? 0 : lm.stringWidth(label);
        int w = Math.max(timeW, labelW) + 2 * pad;
        int h = labelH + cellH + 2 * pad;
        w += w & 1;
        h += h & 1;

        cells = new ArrayList<>();
        background = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = background.createGraphics();
        try {
            hints(g);
            if (backgroundArgb != 0) {
                g.setColor(new Color(backgroundArgb, true));
                g.fill(new RoundRectangle2D.Double(0, 0, w, h, size / 2.0, size / 2.0));
            }
            Color ink = new Color(colorArgb, true);
            if (label != null) {
                g.setFont(labelFont);
                g.setColor(ink);
                g.drawString(label, (w - labelW) / 2, pad + lm.getAscent());
            }
            g.setFont(digitFont);
            int x = (w - timeW) / 2;
            int top = pad + labelH;
            for (char c : pattern.toCharArray()) {
                if (c == ':') {
                    g.setColor(ink);
                    g.drawString(":", x, top + dm.getAscent());
                    x += colonW;
                } else {
                    cells.add(new Rectangle(x, top, digitW, cellH));
                    x += digitW;
                }
            }
        } finally {
            g.dispose();
        }
        for (int d = 0; d < 10; d++) {
            BufferedImage img = new BufferedImage(digitW, cellH, BufferedImage.TYPE_INT_ARGB);
            Graphics2D dg = img.createGraphics();
            try {
                hints(dg);
                dg.setFont(digitFont);
                dg.setColor(new Color(colorArgb, true));
                String s = String.valueOf(d);
                dg.drawString(s, (digitW - dm.stringWidth(s)) / 2, dm.getAscent());
            } finally {
                dg.dispose();
            }
            digits[d] = img;
        }
    }

    public boolean hours() { return hours; }
    public BufferedImage background() { return background; }
    public BufferedImage digit(int d) { return digits[d]; }
    /** Where each digit goes on the background, left to right. */
    public List<Rectangle> cells() { return List.copyOf(cells); }

    /** The digit in cell {@code cell} when {@code seconds} are shown (h:mm:ss caps the hours at 9). */
    public static int digitAt(long seconds, boolean hours, int cell) {
        if (hours) {
            long h = Math.min(9, seconds / 3600);
            long m = (seconds / 60) % 60;
            long s = seconds % 60;
            return (int) switch (cell) {
                case 0 -> h;
                case 1 -> m / 10;
                case 2 -> m % 10;
                case 3 -> s / 10;
                default -> s % 10;
            };
        }
        long m = Math.min(99, seconds / 60);
        long s = seconds % 60;
        return (int) switch (cell) {
            case 0 -> m / 10;
            case 1 -> m % 10;
            case 2 -> s / 10;
            default -> s % 10;
        };
    }

    /** The whole face showing {@code seconds}, as one picture (what the compositor's parts add up to). */
    public BufferedImage render(long seconds) {
        BufferedImage out = new BufferedImage(background.getWidth(), background.getHeight(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(background, 0, 0, null);
            for (int i = 0; i < cells.size(); i++) {
                Rectangle c = cells.get(i);
                g.drawImage(digits[digitAt(seconds, hours, i)], c.x, c.y, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
}
