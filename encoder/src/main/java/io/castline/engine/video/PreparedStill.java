package io.castline.engine.video;

import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.source.Still;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A still scaled to its place on the canvas and converted once to premultiplied Y, U, V and alpha
 * planes (BT.601 limited range, as libswscale makes the canvas), so that drawing it each frame is
 * one multiply-add per byte, and a row copy where it is opaque. Rows with nothing to draw are
 * skipped. Immutable once made; made off the clock thread (when a scene is planned).
 */
public final class PreparedStill {
    final int x;
    final int y;
    final int width;
    final int height;
    private final byte[] luma;
    private final byte[] lumaAlpha;
    private final byte[] cb;
    private final byte[] cr;
    private final byte[] chromaAlpha;
    /** First and last luma column with any alpha, per row; first > last for an empty row. */
    private final int[] rowFirst;
    private final int[] rowLast;
    private final boolean opaque;

    private PreparedStill(int x, int y, int width, int height, byte[] luma, byte[] lumaAlpha, byte[] cb, byte[] cr,
                          byte[] chromaAlpha, int[] rowFirst, int[] rowLast, boolean opaque) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.luma = luma;
        this.lumaAlpha = lumaAlpha;
        this.cb = cb;
        this.cr = cr;
        this.chromaAlpha = chromaAlpha;
        this.rowFirst = rowFirst;
        this.rowLast = rowLast;
        this.opaque = opaque;
    }

    /** The still in {@code layer} on a canvas of this size; null when none of it is on the canvas. */
    public static PreparedStill of(Still still, Layer layer, int canvasWidth, int canvasHeight) {
        Fit fit = still.fillsLayer() ? Fit.STRETCH : layer.fit();
        Placement pl = Placement.of(still.width(), still.height(), layer, fit, canvasWidth, canvasHeight, 1, 1);
        if (pl == null) return null;
        int[] argb = scaled(still, pl);
        return convert(argb, pl.dstX(), pl.dstY(), pl.dstWidth(), pl.dstHeight(), layer.opacity());
    }

    /** The placed part of the still at its canvas size, straight ARGB. */
    private static int[] scaled(Still still, Placement pl) {
        int w = pl.dstWidth();
        int h = pl.dstHeight();
        if (still.fillsLayer() && isUniform(still.argb())) {
            int[] out = new int[w * h];
            java.util.Arrays.fill(out, still.argb()[0]);
            return out;
        }
        BufferedImage src = new BufferedImage(still.width(), still.height(), BufferedImage.TYPE_INT_ARGB);
        src.setRGB(0, 0, still.width(), still.height(), still.argb(), 0, still.width());
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            boolean shrinking = pl.srcWidth() > 2 * w || pl.srcHeight() > 2 * h;
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, shrinking
                    ? RenderingHints.VALUE_INTERPOLATION_BICUBIC : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, pl.srcX(), pl.srcY(), pl.srcX() + pl.srcWidth(), pl.srcY() + pl.srcHeight(), null);
        } finally {
            g.dispose();
        }
        return dst.getRGB(0, 0, w, h, null, 0, w);
    }

    /**
     * The whole still at {@code w}×{@code h} (even) with its top left at canvas ({@code x}, {@code y}),
     * not clipped to the canvas: a strip that moves (a ticker's text) or a card that slides is
     * drawn a part at a time with {@link #drawPart}.
     */
    public static PreparedStill whole(Still still, int x, int y, int w, int h, double opacity) {
        int[] argb = still.width() == w && still.height() == h ? still.argb()
                : scaled(still, new Placement(0, 0, still.width(), still.height(), 0, 0, w, h));
        return convert(argb, x, y, w, h, opacity);
    }

    private static boolean isUniform(int[] argb) {
        for (int p : argb) if (p != argb[0]) return false;
        return true;
    }

    static PreparedStill convert(int[] argb, int x, int y, int w, int h, double opacity) {
        int cw = w / 2;
        int ch = h / 2;
        byte[] luma = new byte[w * h];
        byte[] lumaAlpha = new byte[w * h];
        byte[] cb = new byte[cw * ch];
        byte[] cr = new byte[cw * ch];
        byte[] chromaAlpha = new byte[cw * ch];
        int[] rowFirst = new int[h];
        int[] rowLast = new int[h];
        int opacity255 = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255);
        boolean opaque = true;
        for (int row = 0; row < h; row++) {
            int first = w;
            int last = -1;
            for (int col = 0; col < w; col++) {
                int p = argb[row * w + col];
                int a = ((p >>> 24) * opacity255 + 127) / 255;
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                int yv = ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
                luma[row * w + col] = (byte) ((yv * a + 127) / 255);
                lumaAlpha[row * w + col] = (byte) a;
                if (a != 255) opaque = false;
                if (a != 0) {
                    if (col < first) first = col;
                    last = col;
                }
            }
            rowFirst[row] = first;
            rowLast[row] = last;
        }
        for (int row = 0; row < ch; row++) {
            for (int col = 0; col < cw; col++) {
                int sumA = 0;
                int sumU = 0;
                int sumV = 0;
                for (int k = 0; k < 4; k++) {
                    int p = argb[(2 * row + (k >> 1)) * w + 2 * col + (k & 1)];
                    int a = ((p >>> 24) * opacity255 + 127) / 255;
                    int r = (p >> 16) & 0xff;
                    int g = (p >> 8) & 0xff;
                    int b = p & 0xff;
                    int u = ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
                    int v = ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
                    sumA += a;
                    sumU += u * a;
                    sumV += v * a;
                }
                int i = row * cw + col;
                chromaAlpha[i] = (byte) ((sumA + 2) / 4);
                cb[i] = (byte) ((sumU + 510) / 1020);
                cr[i] = (byte) ((sumV + 510) / 1020);
            }
        }
        return new PreparedStill(x, y, w, h, luma, lumaAlpha, cb, cr, chromaAlpha, rowFirst, rowLast, opaque);
    }

    /** True when it covers every pixel of its rectangle fully. */
    public boolean opaque() { return opaque; }

    /**
     * Draws it over the canvas planes at their addresses ({@code scratch} at least {@link #width}
     * long, reused across calls).
     */
    void drawInto(long yPlane, int yStride, long uPlane, long vPlane, int cStride, byte[] scratch) {
        int cw = width / 2;
        int cx = x / 2;
        int cy = y / 2;
        if (opaque) {
            for (int row = 0; row < height; row++) FrameMemory.write(yPlane + (long) (y + row) * yStride + x, luma, row * width, width);
            for (int row = 0; row < height / 2; row++) {
                long at = (long) (cy + row) * cStride + cx;
                FrameMemory.write(uPlane + at, cb, row * cw, cw);
                FrameMemory.write(vPlane + at, cr, row * cw, cw);
            }
            return;
        }
        for (int row = 0; row < height; row++) {
            int first = rowFirst[row];
            int last = rowLast[row];
            if (first > last) continue;
            blendRow(yPlane + (long) (y + row) * yStride + x, luma, lumaAlpha, row * width, first, last, scratch);
        }
        for (int row = 0; row < height / 2; row++) {
            int first = Math.min(rowFirst[2 * row], rowFirst[2 * row + 1]) / 2;
            int last = Math.max(rowLast[2 * row], rowLast[2 * row + 1]) / 2;
            if (first > last) continue;
            long at = (long) (cy + row) * cStride + cx;
            blendRow(uPlane + at, cb, chromaAlpha, row * cw, first, last, scratch);
            blendRow(vPlane + at, cr, chromaAlpha, row * cw, first, last, scratch);
        }
    }

    /**
     * Draws the part of it from column {@code sx}, row {@code sy} (even), {@code w}×{@code h}, with its
     * top left at canvas ({@code dx}, {@code dy}) ({@code dy} even) instead of its own place, its alpha
     * times {@code fade}/256 (256: as it is). The caller keeps the part inside the still and the
     * canvas. Each chroma sample goes to the column pair of its luma's first column, so a part at an
     * odd column is half a chroma sample off (a ticker's window between two copies of its strip).
     * No allocation: a moving overlay draws through here each frame.
     */
    void drawPart(int sx, int sy, int w, int h, int dx, int dy, int fade, long yPlane, int yStride, long uPlane, long vPlane,
                  int cStride, byte[] scratch) {
        if (w <= 0 || h <= 0 || fade <= 0) return;
        boolean copy = opaque && fade >= 256;
        for (int r = 0; r < h; r++) {
            int row = sy + r;
            int first = Math.max(rowFirst[row], sx);
            int last = Math.min(rowLast[row], sx + w - 1);
            if (first > last) continue;
            // the address where column 0 of this row of the still would be: only first..last of it is touched
            long origin = yPlane + (long) (dy + r) * yStride + dx - sx;
            if (copy) FrameMemory.write(origin + first, luma, row * width + first, last - first + 1);
            else blendRow(origin, luma, lumaAlpha, row * width, first, last, fade, scratch);
        }
        int cw = width / 2;
        int c0 = sx >> 1;
        int c1 = Math.min(cw, c0 + ((w + 1) >> 1)) - 1;
        int cRows = Math.min(height / 2 - (sy >> 1), (h + 1) >> 1);
        for (int r = 0; r < cRows; r++) {
            int row = (sy >> 1) + r;
            int first = Math.max(c0, Math.min(rowFirst[2 * row], rowFirst[2 * row + 1]) / 2);
            int last = Math.min(c1, Math.max(rowLast[2 * row], rowLast[2 * row + 1]) / 2);
            if (first > last) continue;
            long at = (long) ((dy >> 1) + r) * cStride + (dx >> 1) - c0;
            if (copy) {
                FrameMemory.write(uPlane + at + first, cb, row * cw + first, last - first + 1);
                FrameMemory.write(vPlane + at + first, cr, row * cw + first, last - first + 1);
            } else {
                blendRow(uPlane + at, cb, chromaAlpha, row * cw, first, last, fade, scratch);
                blendRow(vPlane + at, cr, chromaAlpha, row * cw, first, last, fade, scratch);
            }
        }
    }

    /** plane[i] = premultiplied[i] + plane[i] × (1 − alpha[i]) for i in first..last of the row at {@code row}. */
    private static void blendRow(long row, byte[] premultiplied, byte[] alpha, int offset, int first, int last, byte[] scratch) {
        blendRow(row, premultiplied, alpha, offset, first, last, 256, scratch);
    }

    /** The same with the still's alpha (and so its premultiplied colour) times {@code fade}/256. */
    private static void blendRow(long row, byte[] premultiplied, byte[] alpha, int offset, int first, int last, int fade,
                                 byte[] scratch) {
        int n = last - first + 1;
        FrameMemory.read(row + first, scratch, 0, n);
        for (int i = 0; i < n; i++) {
            int a = alpha[offset + first + i] & 0xff;
            if (a == 0) continue;
            int src = premultiplied[offset + first + i] & 0xff;
            if (fade < 256) {
                // fade/256 of the way from the canvas to the still blended over it, rounded once
                int dst = scratch[i] & 0xff;
                scratch[i] = (byte) ((src * fade * 255 + dst * (65280 - a * fade) + 32640) / 65280);
                continue;
            }
            if (a == 255) {
                scratch[i] = (byte) src;
            } else {
                int dst = scratch[i] & 0xff;
                scratch[i] = (byte) (src + (dst * (255 - a) + 127) / 255);
            }
        }
        FrameMemory.write(row + first, scratch, 0, n);
    }

    /** Its rectangle on the canvas (where {@link #drawInto} draws it). */
    public int x() { return x; }
    public int y() { return y; }
    public int width() { return width; }
    public int height() { return height; }
}
