package io.castline.app.layers;

import io.castline.app.layers.LayerGeometry.Grip;
import io.castline.app.layers.LayerGeometry.Rect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LayerGeometryTest {
    private static final int W = 1280;
    private static final int H = 720;

    @Test
    void aMoveSnapsItsEdgesAndCentreToTheCanvasEdgesAndCentre() {
        Rect r = new Rect(100, 100, 200, 100);
        assertThat(LayerGeometry.drag(r, Grip.MOVE, -95, 0, W, H, 8)).as("left edge to 0").isEqualTo(new Rect(0, 100, 200, 100));
        assertThat(LayerGeometry.drag(r, Grip.MOVE, 437, 0, W, H, 8)).as("centre to the middle").isEqualTo(new Rect(540, 100, 200, 100));
        assertThat(LayerGeometry.drag(r, Grip.MOVE, 975, 514, W, H, 8)).as("right and bottom edges")
                .isEqualTo(new Rect(1080, 620, 200, 100));
        assertThat(LayerGeometry.drag(r, Grip.MOVE, 20, 30, W, H, 8)).as("far from any line: where it was dropped")
                .isEqualTo(new Rect(120, 130, 200, 100));
        assertThat(LayerGeometry.drag(r, Grip.MOVE, -95, 0, W, H, 0)).as("no snapping").isEqualTo(new Rect(5, 100, 200, 100));
    }

    @Test
    void aHandleMovesOnlyItsEdgesAndSnapsThem() {
        Rect r = new Rect(100, 100, 200, 100);
        assertThat(LayerGeometry.drag(r, Grip.BOTTOM_RIGHT, 50, 30, W, H, 8)).isEqualTo(new Rect(100, 100, 250, 130));
        assertThat(LayerGeometry.drag(r, Grip.BOTTOM_RIGHT, 337, 0, W, H, 8)).as("right edge to the middle")
                .isEqualTo(new Rect(100, 100, 540, 100));
        assertThat(LayerGeometry.drag(r, Grip.TOP_LEFT, -96, -97, W, H, 8)).as("the far corner stays")
                .isEqualTo(new Rect(0, 0, 300, 200));
        assertThat(LayerGeometry.drag(r, Grip.TOP, 0, 20, W, H, 8)).isEqualTo(new Rect(100, 120, 200, 80));
        assertThat(LayerGeometry.drag(r, Grip.LEFT, 500, 40, W, H, 8)).as("never smaller than the minimum, y untouched")
                .isEqualTo(new Rect(292, 100, 8, 100));
    }

    @Test
    void aRectangleContainsItsPointsButNotItsFarEdge() {
        Rect r = new Rect(10, 10, 20, 20);
        assertThat(r.contains(10, 10)).isTrue();
        assertThat(r.contains(29.9, 29.9)).isTrue();
        assertThat(r.contains(30, 15)).isFalse();
    }
}
