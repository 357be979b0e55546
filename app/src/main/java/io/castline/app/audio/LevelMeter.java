package io.castline.app.audio;

import io.castline.app.ui.Css;
import javafx.scene.layout.Region;

/** A horizontal level meter: RMS as the bar, peak as a thin marker; fractions 0..1 of the width. */
public final class LevelMeter extends Region {
    private final Region rms = new Region();
    private final Region peak = new Region();
    private double rmsFraction;
    private double peakFraction;

    public LevelMeter() {
        getStyleClass().add(Css.METER);
        rms.getStyleClass().add(Css.METER_RMS);
        peak.getStyleClass().add(Css.METER_PEAK);
        rms.setManaged(false);
        peak.setManaged(false);
        getChildren().addAll(rms, peak);
        setMinHeight(10);
        setPrefHeight(10);
        setMaxHeight(10);
        setPrefWidth(200);
    }

    public void setLevels(double rmsFraction, double peakFraction) {
        this.rmsFraction = rmsFraction;
        this.peakFraction = peakFraction;
        requestLayout();
    }

    public void setHealth(String health) { Css.setHealth(rms, health); }

    @Override protected void layoutChildren() {
        double x = snappedLeftInset();
        double y = snappedTopInset();
        double w = getWidth() - x - snappedRightInset();
        double h = getHeight() - y - snappedBottomInset();
        rms.resizeRelocate(x, y, Math.max(0, w * rmsFraction), h);
        peak.setVisible(peakFraction > 0);
        peak.resizeRelocate(x + Math.max(0, w * peakFraction - 2), y, 2, h);
    }
}
