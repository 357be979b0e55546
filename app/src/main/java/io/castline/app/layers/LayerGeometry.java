package io.castline.app.layers;

/**
 * The arithmetic of dragging a layer in the preview, in canvas pixels and without JavaFX: moving
 * it, resizing it by one of its eight handles, and snapping its edges and centre to the canvas's
 * edges and centre lines (OBS's snapping) when they come within {@code snap} pixels.
 */
public final class LayerGeometry {
    /** A layer's rectangle on the canvas. */
    public record Rect(int x, int y, int width, int height) {
        public boolean contains(double px, double py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }
    }

    /** Which part of the rectangle a drag holds: the body (move) or one of the eight handles. */
    public enum Grip {
        MOVE(0, 0), TOP_LEFT(-1, -1), TOP(0, -1), TOP_RIGHT(1, -1), RIGHT(1, 0), BOTTOM_RIGHT(1, 1), BOTTOM(0, 1),
        BOTTOM_LEFT(-1, 1), LEFT(-1, 0);

        /** -1: the grip moves the left (top) edge; 1: the right (bottom); 0: neither (for MOVE: both). */
        final int dx;
        final int dy;

        Grip(int dx, int dy) {
            this.dx = dx;
            this.dy = dy;
        }
    }

    /** The smallest a layer gets by dragging a handle. */
    public static final int MIN_SIZE = 8;

    private LayerGeometry() {}

    /**
     * The rectangle after dragging {@code grip} of {@code start} by (dx, dy) canvas pixels, with
     * the moving edges (or, for a move, the left/right/centre and top/bottom/centre) snapped.
     */
    public static Rect drag(Rect start, Grip grip, double dx, double dy, int canvasWidth, int canvasHeight, double snap) {
        if (grip == Grip.MOVE) {
            int x = snapMove(start.x() + dx, start.width(), canvasWidth, snap);
            int y = snapMove(start.y() + dy, start.height(), canvasHeight, snap);
            return new Rect(x, y, start.width(), start.height());
        }
        int left = start.x();
        int right = start.x() + start.width();
        int top = start.y();
        int bottom = start.y() + start.height();
        if (grip.dx < 0) left = Math.min(snapEdge(left + dx, canvasWidth, snap), right - MIN_SIZE);
        if (grip.dx > 0) right = Math.max(snapEdge(right + dx, canvasWidth, snap), left + MIN_SIZE);
        if (grip.dy < 0) top = Math.min(snapEdge(top + dy, canvasHeight, snap), bottom - MIN_SIZE);
        if (grip.dy > 0) bottom = Math.max(snapEdge(bottom + dy, canvasHeight, snap), top + MIN_SIZE);
        return new Rect(left, top, right - left, bottom - top);
    }

    /** The start of a span of {@code size} moved to {@code at}, its start, centre or end snapped to 0, the middle or the end. */
    static int snapMove(double at, int size, int extent, double snap) {
        double best = at;
        double bestDistance = snap;
        for (double line : new double[]{0, extent / 2.0, extent}) {
            for (double offset : new double[]{0, size / 2.0, size}) {
                double d = Math.abs(at + offset - line);
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = line - offset;
                }
            }
        }
        return (int) Math.round(best);
    }

    /** An edge moved to {@code at}, snapped to 0, the middle or the end when within {@code snap}. */
    static int snapEdge(double at, int extent, double snap) {
        for (double line : new double[]{0, extent / 2.0, extent}) {
            if (Math.abs(at - line) <= snap) return (int) Math.round(line);
        }
        return (int) Math.round(at);
    }
}
