package io.castline.app.ui;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

import java.util.List;

/**
 * A small line of the last values (e.g. kbps of the last 60 s), scaled to its own maximum. Drawn
 * as one Polyline whose points are replaced on update: no nodes are created per value.
 */
public final class Sparkline extends Region {
    private final Polyline line = new Polyline();
    private List<Double> values = List.of();
    private int capacity = 60;

    public Sparkline() {
        getStyleClass().add(Css.SPARKLINE);
        line.getStyleClass().add("sparkline-line");
        line.setManaged(false);
        getChildren().add(line);
        setMinHeight(22);
        setPrefHeight(26);
    }

    /** How many values a full width holds (older ones scroll off the left). */
    public void setCapacity(int capacity) { this.capacity = Math.max(2, capacity); }

    public void setValues(List<Double> values) {
        this.values = values == null ? List.of() : values;
        requestLayout();
    }

    @Override protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        line.getPoints().clear();
        if (values.isEmpty() || w <= 0 || h <= 0) return;
        double max = 0;
        for (double v : values) max = Math.max(max, v);
        if (max <= 0) max = 1;
        double step = w / (capacity - 1);
        int n = Math.min(values.size(), capacity);
        // right-aligned: the newest value is always at the right edge
        double startX = x0 + w - (n - 1) * step;
        Double[] pts = new Double[n * 2];
        for (int i = 0; i < n; i++) {
            double v = values.get(values.size() - n + i);
            pts[2 * i] = startX + i * step;
            pts[2 * i + 1] = y0 + h - 1 - (h - 2) * (v / max);
        }
        line.getPoints().setAll(pts);
    }
}
