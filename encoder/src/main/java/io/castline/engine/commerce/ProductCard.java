package io.castline.engine.commerce;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a product card with Java2D, the same picture for every output and headless: the product's
 * picture (or a placeholder), its title and variant, the price, the compare-at price struck
 * through, a discount badge computed from the two, "Only N left" under the style's threshold,
 * SOLD OUT at 0, and a QR code of the product's page. Pure: the same product and style give the
 * same pixels (tests compare the stream against it).
 */
public final class ProductCard {
    private static final Color PANEL = new Color(0x14, 0x16, 0x1c, 235);
    private static final Color TITLE = new Color(0xF4, 0xF5, 0xF7);
    private static final Color MUTED = new Color(0xA8, 0xAE, 0xBA);
    private static final Color LOW_STOCK = new Color(0xFF, 0xB2, 0x24);
    private static final Color PLACEHOLDER = new Color(0x2A, 0x2E, 0x37);
    private static final Color PLACEHOLDER_MARK = new Color(0x55, 0x5C, 0x69);
    public static final String SOLD_OUT = "SOLD OUT";

    /** Where each part goes on a template, in the template's pixels. */
    private record Layout(Rectangle image, Rectangle text, Rectangle qr, int titleSize, int titleLines, int variantSize,
                          int priceSize, int compareSize, int badgeSize, int corner) {}

    private static final Map<CardTemplate, Layout> LAYOUTS = Map.of(
            CardTemplate.LOWER_THIRD, new Layout(new Rectangle(16, 16, 200, 200), new Rectangle(244, 20, 776, 192),
                    new Rectangle(1064, 16, 200, 200), 44, 1, 28, 62, 36, 32, 24),
            CardTemplate.SIDE, new Layout(new Rectangle(16, 16, 528, 528), new Rectangle(28, 564, 504, 300),
                    new Rectangle(384, 716, 148, 148), 40, 2, 26, 64, 34, 36, 28),
            CardTemplate.VERTICAL, new Layout(new Rectangle(16, 16, 348, 348), new Rectangle(392, 24, 492, 332),
                    new Rectangle(744, 216, 140, 140), 46, 2, 30, 76, 38, 34, 28));

    private ProductCard() {}

    /** The card of {@code product}; {@code picture} is its image, or null for the placeholder. */
    public static BufferedImage render(Product product, CardStyle style, BufferedImage picture) {
        CardTemplate t = style.template();
        Layout l = LAYOUTS.get(t);
        BufferedImage card = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = card.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            Color accent = new Color(style.accentRgb());
            g.setColor(PANEL);
            g.fill(new RoundRectangle2D.Double(0, 0, t.width(), t.height(), l.corner() * 2, l.corner() * 2));

            drawPicture(g, picture, l.image(), l.corner());
            if (product.soldOut()) {
                g.setColor(new Color(0, 0, 0, 140));
                g.fill(rounded(l.image(), l.corner()));
                pill(g, SOLD_OUT, fitting(g, SOLD_OUT, l.badgeSize() + 6, l.image().width * 0.8), accent, Color.WHITE,
                        centreX(l.image()), centreY(l.image()), true);
            } else {
                product.discountPercent().ifPresent(off -> pill(g, "-" + off + "%", bold(l.badgeSize()), accent, Color.WHITE,
                        l.image().x + 12, l.image().y + 12, false));
            }
            boolean qr = style.qr() && product.url() != null;
            if (qr) drawQr(g, product.url(), l.qr());
            drawText(g, product, style, l, qr, accent);
        } finally {
            g.dispose();
        }
        return card;
    }

    private static void drawText(Graphics2D g, Product product, CardStyle style, Layout l, boolean qr, Color accent) {
        Rectangle text = l.text();
        // how far each row may reach: the QR takes the right of the rows level with it
        boolean qrBesideTop = qr && l.qr().y <= text.y && l.qr().x < text.x + text.width;
        boolean qrBesidePrices = qr && l.qr().x < text.x + text.width;
        int topWidth = qrBesideTop ? l.qr().x - 24 - text.x : text.width;
        int priceWidth = qrBesidePrices ? l.qr().x - 20 - text.x : text.width;
        int y = text.y;
        Font title = bold(l.titleSize());
        g.setFont(title);
        FontMetrics tm = g.getFontMetrics();
        List<String> lines = wrap(product.title(), tm, topWidth, l.titleLines());
        g.setColor(TITLE);
        for (String line : lines) {
            y += tm.getAscent();
            g.drawString(line, text.x, y);
            y += tm.getDescent();
        }
        if (product.variant() != null) {
            g.setFont(plain(l.variantSize()));
            FontMetrics vm = g.getFontMetrics();
            y += vm.getAscent() + 4;
            g.setColor(MUTED);
            g.drawString(ellipsize(product.variant(), vm, topWidth), text.x, y);
            y += vm.getDescent();
        }
        String stock = product.soldOut() ? "Sold out"
                : product.lowStock(style.lowStockThreshold()) ? "Only " + product.stock() + " left" : null;
        if (stock != null) {
            g.setFont(bold(l.variantSize()));
            FontMetrics sm = g.getFontMetrics();
            y += sm.getAscent() + 6;
            g.setColor(product.soldOut() ? accent : LOW_STOCK);
            g.drawString(stock, text.x, y);
        }

        // the prices along the bottom of the text column
        int baseline = text.y + text.height - 8;
        Font priceFont = bold(l.priceSize());
        g.setFont(priceFont);
        FontMetrics pm = g.getFontMetrics();
        String price = product.format(product.price(), style.locale());
        g.setColor(product.soldOut() ? MUTED : TITLE);
        g.drawString(price, text.x, baseline);
        int x = text.x + pm.stringWidth(price) + 20;
        if (product.compareAtPrice() != null && product.compareAtPrice().compareTo(product.price()) > 0) {
            g.setFont(plain(l.compareSize()));
            FontMetrics cm = g.getFontMetrics();
            String was = product.format(product.compareAtPrice(), style.locale());
            int wasX = x;
            int wasBaseline = baseline;
            if (x + cm.stringWidth(was) > text.x + priceWidth) {
                // no room beside the price: on the line above it
                wasX = text.x;
                wasBaseline = baseline - pm.getAscent() - 6;
            }
            g.setColor(MUTED);
            g.drawString(was, wasX, wasBaseline);
            int strikeY = wasBaseline - cm.getAscent() / 3;
            g.setStroke(new BasicStroke(Math.max(2f, l.compareSize() / 12f)));
            g.drawLine(wasX - 2, strikeY, wasX + cm.stringWidth(was) + 2, strikeY);
        }
    }

    private static void drawPicture(Graphics2D g, BufferedImage picture, Rectangle box, int corner) {
        Shape clip = g.getClip();
        g.clip(rounded(box, corner));
        if (picture == null) {
            g.setColor(PLACEHOLDER);
            g.fill(box);
            drawBag(g, box);
        } else {
            // cover: the picture fills the box, its middle kept
            double scale = Math.max(box.width / (double) picture.getWidth(), box.height / (double) picture.getHeight());
            int w = (int) Math.ceil(picture.getWidth() * scale);
            int h = (int) Math.ceil(picture.getHeight() * scale);
            g.drawImage(picture, box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h, null);
        }
        g.setClip(clip);
    }

    /** A shopping bag in outline: the placeholder of a product whose picture is missing. */
    private static void drawBag(Graphics2D g, Rectangle box) {
        double s = Math.min(box.width, box.height) * 0.42;
        double x = box.x + (box.width - s) / 2;
        double y = box.y + (box.height - s) / 2 + s * 0.08;
        g.setColor(PLACEHOLDER_MARK);
        g.setStroke(new BasicStroke((float) (s / 14), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new RoundRectangle2D.Double(x, y + s * 0.22, s, s * 0.78, s * 0.12, s * 0.12));
        Path2D handle = new Path2D.Double();
        handle.moveTo(x + s * 0.3, y + s * 0.36);
        handle.curveTo(x + s * 0.3, y - s * 0.12, x + s * 0.7, y - s * 0.12, x + s * 0.7, y + s * 0.36);
        g.draw(handle);
    }

    private static void drawQr(Graphics2D g, String url, Rectangle box) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException | IllegalArgumentException e) {
            return; // an address too long for a code: the card goes without it
        }
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(box.x, box.y, box.width, box.height, 16, 16));
        int quiet = Math.max(6, box.width / 14);
        int module = Math.max(1, (box.width - 2 * quiet) / m.getWidth());
        int size = module * m.getWidth();
        int ox = box.x + (box.width - size) / 2;
        int oy = box.y + (box.height - size) / 2;
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(Color.BLACK);
        for (int my = 0; my < m.getHeight(); my++) {
            for (int mx = 0; mx < m.getWidth(); mx++) {
                if (m.get(mx, my)) g.fillRect(ox + mx * module, oy + my * module, module, module);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }

    /** A rounded label; at (x, y) its top-left corner, or its centre when {@code centred}. */
    private static void pill(Graphics2D g, String label, Font font, Color fill, Color ink, int x, int y, boolean centred) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        int padX = font.getSize() / 2;
        int padY = font.getSize() / 5;
        int w = fm.stringWidth(label) + 2 * padX;
        int h = fm.getAscent() + fm.getDescent() + 2 * padY;
        int left = centred ? x - w / 2 : x;
        int top = centred ? y - h / 2 : y;
        g.setColor(fill);
        g.fill(new RoundRectangle2D.Double(left, top, w, h, h, h));
        g.setColor(ink);
        g.drawString(label, left + padX, top + padY + fm.getAscent());
    }

    /** {@code text} in at most {@code maxLines} lines of {@code width}, the last ellipsized. */
    static List<String> wrap(String text, FontMetrics fm, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text == null ? "" : text.strip();
        while (!rest.isEmpty() && lines.size() < maxLines - 1) {
            if (fm.stringWidth(rest) <= width) break;
            int cut = rest.length();
            while (cut > 0 && fm.stringWidth(rest.substring(0, cut)) > width) cut = rest.lastIndexOf(' ', cut - 1);
            if (cut <= 0) break; // one word wider than the line: ellipsized below
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).strip();
        }
        lines.add(ellipsize(rest, fm, width));
        return lines;
    }

    static String ellipsize(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) return text;
        int end = text.length();
        while (end > 0 && fm.stringWidth(text.substring(0, end).stripTrailing() + "…") > width) end--;
        return text.substring(0, end).stripTrailing() + "…";
    }

    /** The bold font of at most {@code size} whose pill around {@code label} is at most {@code width} wide. */
    private static Font fitting(Graphics2D g, String label, int size, double width) {
        Font f = bold(size);
        while (f.getSize() > 8 && g.getFontMetrics(f).stringWidth(label) + f.getSize() > width) f = bold(f.getSize() - 1);
        return f;
    }

    private static Shape rounded(Rectangle r, int corner) {
        return new RoundRectangle2D.Double(r.x, r.y, r.width, r.height, corner, corner);
    }

    private static int centreX(Rectangle r) { return r.x + r.width / 2; }
    private static int centreY(Rectangle r) { return r.y + r.height / 2; }
    private static Font bold(int size) { return new Font(Font.SANS_SERIF, Font.BOLD, size); }
    private static Font plain(int size) { return new Font(Font.SANS_SERIF, Font.PLAIN, size); }
}
