package io.castline.app.uplink;

import io.castline.app.ui.Css;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * A horizontal bar: the fill is what the outputs need, the thin marker what they send now, the
 * solid line the measured capacity, and two marks show the limits: "+30%" (needed must stay left
 * of capacity / 1.3) above the bar, "80%" (sent must stay left of 80% of capacity) below it.
 * Plain regions styled by CSS, laid out by hand; nothing is created per update.
 */
public final class HeadroomGauge extends Region {
    private static final double TRACK_TOP = 16;
    private static final double TRACK_HEIGHT = 14;

    private final Region track = styled(new Region(), Css.GAUGE_TRACK);
    private final Region fill = styled(new Region(), Css.GAUGE_FILL);
    private final Region egress = styled(new Region(), Css.GAUGE_EGRESS);
    private final Region capacity = styled(new Region(), Css.GAUGE_MARK, "capacity-mark");
    private final Region redundancy = styled(new Region(), Css.GAUGE_MARK, "redundancy-mark");
    private final Region utilisation = styled(new Region(), Css.GAUGE_MARK, "utilisation-mark");
    private final Label redundancyLabel = styled(new Label("+30%"), Css.GAUGE_MARK_LABEL);
    private final Label utilisationLabel = styled(new Label("80%"), Css.GAUGE_MARK_LABEL);
    private final Label capacityLabel = styled(new Label("capacity"), Css.GAUGE_MARK_LABEL);
    private GaugeScale scale = GaugeScale.EMPTY;

    public HeadroomGauge() {
        getStyleClass().add(Css.GAUGE);
        setId("uplink-gauge");
        getChildren().addAll(track, fill, egress, redundancy, utilisation, capacity, redundancyLabel, utilisationLabel,
                capacityLabel);
        getChildren().forEach(n -> n.setManaged(false));
        setMinHeight(TRACK_TOP + TRACK_HEIGHT + 18);
        setPrefHeight(TRACK_TOP + TRACK_HEIGHT + 18);
    }

    public void setScale(GaugeScale scale) {
        this.scale = scale == null ? GaugeScale.EMPTY : scale;
        requestLayout();
    }

    /** The verdict's colour for the fill (one of the {@code Css.HEALTH_*} classes). */
    public void setHealth(String health) { Css.setHealth(fill, health); }

    @Override protected void layoutChildren() {
        double x0 = snappedLeftInset();
        double w = getWidth() - x0 - snappedRightInset();
        if (w <= 0) return;
        track.resizeRelocate(x0, TRACK_TOP, w, TRACK_HEIGHT);
        fill.resizeRelocate(x0, TRACK_TOP, Math.max(0, scale.required() * w), TRACK_HEIGHT);
        boolean showEgress = scale.egressKbps() > 0;
        egress.setVisible(showEgress);
        egress.resizeRelocate(x0 + scale.egress() * w - 1.5, TRACK_TOP - 3, 3, TRACK_HEIGHT + 6);
        place(capacity, capacityLabel, scale.capacity(), x0, w, TRACK_TOP - 4, TRACK_HEIGHT + 8, true);
        // with a capacity: the most the outputs may need; without: what the uplink must carry
        Double reserve = scale.capacityKbps() != null ? scale.redundancyLine() : scale.reserveLine();
        redundancyLabel.setText(scale.capacityKbps() != null ? "+30%" : "needed +30%");
        place(redundancy, redundancyLabel, reserve, x0, w, TRACK_TOP - 4, TRACK_HEIGHT + 4, true);
        place(utilisation, utilisationLabel, scale.utilisationLine(), x0, w, TRACK_TOP, TRACK_HEIGHT + 4, false);
    }

    private void place(Region mark, Label label, Double at, double x0, double w, double y, double h, boolean labelAbove) {
        boolean show = at != null;
        mark.setVisible(show);
        label.setVisible(show);
        if (!show) return;
        double x = x0 + at * w;
        mark.resizeRelocate(x - 1, y, 2, h);
        double lw = label.prefWidth(-1);
        double lh = label.prefHeight(-1);
        // labels of the capacity and +30% lines share the top edge: capacity right of its line, +30% left of its own
        double lx = label == capacityLabel ? x + 3 : x - lw - 3;
        if (label == utilisationLabel) lx = x - lw / 2;
        lx = Math.max(x0, Math.min(x0 + w - lw, lx));
        label.resizeRelocate(lx, labelAbove ? 0 : TRACK_TOP + TRACK_HEIGHT + 3, lw, lh);
    }

    private static <T extends Region> T styled(T node, String... classes) {
        node.getStyleClass().addAll(classes);
        return node;
    }
}
