package io.castline.engine.video;

import io.castline.engine.show.Crop;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;

/**
 * Where a picture goes on the canvas: the part of the source that is drawn ({@code src*}, source
 * pixels) and the canvas rectangle it is scaled into ({@code dst*}, canvas pixels, even so that the
 * 4:2:0 chroma planes line up). Made from a layer's rectangle, fit and crop, clipped to the canvas.
 */
public record Placement(int srcX, int srcY, int srcWidth, int srcHeight, int dstX, int dstY, int dstWidth, int dstHeight) {

    /**
     * @param alignX the source's horizontal subsampling step (2 for 4:2:0 and 4:2:2, 1 for RGB); its
     *               crop starts on a multiple of it
     * @param alignY the same vertically
     * @return null when nothing of the layer is on the canvas
     */
    public static Placement of(int frameWidth, int frameHeight, Layer layer, Fit fit, int canvasWidth, int canvasHeight,
                               int alignX, int alignY) {
        Crop crop = layer.crop();
        // a crop that leaves less than a pixel leaves nothing to draw
        double rx = crop.left();
        double ry = crop.top();
        double rw = frameWidth - rx - crop.right();
        double rh = frameHeight - ry - crop.bottom();
        if (rw < 1 || rh < 1) return null;
        double lx = layer.x();
        double ly = layer.y();
        double lw = layer.width();
        double lh = layer.height();
        double dx;
        double dy;
        double dw;
        double dh;
        switch (fit) {
            case STRETCH -> {
                dx = lx;
                dy = ly;
                dw = lw;
                dh = lh;
            }
            case CONTAIN -> {
                double s = Math.min(lw / rw, lh / rh);
                dw = rw * s;
                dh = rh * s;
                dx = lx + (lw - dw) / 2;
                dy = ly + (lh - dh) / 2;
            }
            default -> { // COVER
                double s = Math.max(lw / rw, lh / rh);
                double visibleW = lw / s;
                double visibleH = lh / s;
                rx += (rw - visibleW) / 2;
                ry += (rh - visibleH) / 2;
                rw = visibleW;
                rh = visibleH;
                dx = lx;
                dy = ly;
                dw = lw;
                dh = lh;
            }
        }
        // clip to the canvas, cutting the same share off the source
        double sx = dw / rw;
        double sy = dh / rh;
        if (dx < 0) {
            rx += -dx / sx;
            rw -= -dx / sx;
            dw += dx;
            dx = 0;
        }
        if (dy < 0) {
            ry += -dy / sy;
            rh -= -dy / sy;
            dh += dy;
            dy = 0;
        }
        if (dx + dw > canvasWidth) {
            double over = dx + dw - canvasWidth;
            rw -= over / sx;
            dw -= over;
        }
        if (dy + dh > canvasHeight) {
            double over = dy + dh - canvasHeight;
            rh -= over / sy;
            dh -= over;
        }
        if (dw < 1 || dh < 1 || rw <= 0 || rh <= 0) return null;
        int x0 = even((int) Math.round(dx));
        int y0 = even((int) Math.round(dy));
        int x1 = Math.min(canvasWidth, even((int) Math.round(dx + dw)));
        int y1 = Math.min(canvasHeight, even((int) Math.round(dy + dh)));
        if (x1 - x0 < 2) x1 = Math.min(canvasWidth, x0 + 2);
        if (y1 - y0 < 2) y1 = Math.min(canvasHeight, y0 + 2);
        if (x1 - x0 < 2 || y1 - y0 < 2) return null;
        // less than half a source pixel left on the canvas rounds to the frame's edge: keep one pixel of it
        int srcX = alignDown(Math.min((int) Math.round(rx), frameWidth - 1), alignX);
        int srcY = alignDown(Math.min((int) Math.round(ry), frameHeight - 1), alignY);
        int srcW = Math.max(1, Math.min(frameWidth - srcX, (int) Math.round(rx + rw) - srcX));
        int srcH = Math.max(1, Math.min(frameHeight - srcY, (int) Math.round(ry + rh) - srcY));
        return new Placement(srcX, srcY, srcW, srcH, x0, y0, x1 - x0, y1 - y0);
    }

    /** True when it fills the whole canvas. */
    public boolean coversCanvas(int canvasWidth, int canvasHeight) {
        return dstX == 0 && dstY == 0 && dstWidth == canvasWidth && dstHeight == canvasHeight;
    }

    private static int even(int v) { return v & ~1; }

    private static int alignDown(int v, int step) { return step <= 1 ? v : v - Math.floorMod(v, step); }
}
