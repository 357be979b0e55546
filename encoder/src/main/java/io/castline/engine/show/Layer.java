package io.castline.engine.show;

/**
 * One item of a scene: a source drawn into a rectangle of the canvas (canvas pixels; it may reach
 * past the canvas's edges, the part outside is not drawn).
 *
 * @param opacity 0 (invisible) to 1 (opaque)
 * @param locked  the studio does not move or resize it by dragging
 */
public record Layer(String source, int x, int y, int width, int height, Fit fit, Crop crop, double opacity,
                    boolean visible, boolean locked) {
    public Layer {
        if (fit == null) fit = Fit.CONTAIN;
        if (crop == null) crop = Crop.NONE;
    }

    /** A visible, opaque, uncropped layer. */
    public static Layer of(String source, int x, int y, int width, int height, Fit fit) {
        return new Layer(source, x, y, width, height, fit, Crop.NONE, 1.0, true, false);
    }

    public Layer withSource(String s) { return new Layer(s, x, y, width, height, fit, crop, opacity, visible, locked); }
    public Layer withRect(int nx, int ny, int w, int h) { return new Layer(source, nx, ny, w, h, fit, crop, opacity, visible, locked); }
    public Layer withFit(Fit f) { return new Layer(source, x, y, width, height, f, crop, opacity, visible, locked); }
    public Layer withCrop(Crop c) { return new Layer(source, x, y, width, height, fit, c, opacity, visible, locked); }
    public Layer withOpacity(double o) { return new Layer(source, x, y, width, height, fit, crop, o, visible, locked); }
    public Layer withVisible(boolean v) { return new Layer(source, x, y, width, height, fit, crop, opacity, v, locked); }
    public Layer withLocked(boolean l) { return new Layer(source, x, y, width, height, fit, crop, opacity, visible, l); }
}
