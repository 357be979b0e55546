package io.castline.engine.video;

import io.castline.engine.show.Crop;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a source's picture lands on the canvas: fit, crop, clipping and the even 4:2:0 grid. */
class PlacementTest {
    private static final int W = 1920;
    private static final int H = 1080;

    private static Placement place(int frameW, int frameH, Layer layer) {
        return Placement.of(frameW, frameH, layer, layer.fit(), W, H, 1, 1);
    }

    private static Layer layer(int x, int y, int w, int h, Fit fit) {
        return Layer.of("cam", x, y, w, h, fit);
    }

    @Test
    void containPillarboxesANarrowerPicture() {
        // 4:3 into 16:9: scaled by 1080/960, centred, bars left and right
        Placement p = place(1280, 960, layer(0, 0, W, H, Fit.CONTAIN));
        assertThat(p).isEqualTo(new Placement(0, 0, 1280, 960, 240, 0, 1440, 1080));
        assertThat(p.coversCanvas(W, H)).isFalse();
    }

    @Test
    void containLetterboxesAWiderPicture() {
        // 2.4:1 into 16:9: full width, bars above and below
        Placement p = place(1920, 800, layer(0, 0, W, H, Fit.CONTAIN));
        assertThat(p).isEqualTo(new Placement(0, 0, 1920, 800, 0, 140, 1920, 800));
    }

    @Test
    void containIsCentredInsideTheLayerNotTheCanvas() {
        // a 1:1 picture in a 400x200 box at (100, 100): 200x200 in the middle of the box
        Placement p = place(500, 500, layer(100, 100, 400, 200, Fit.CONTAIN));
        assertThat(p).isEqualTo(new Placement(0, 0, 500, 500, 200, 100, 200, 200));
    }

    @Test
    void containOfTheSameAspectFillsTheLayer() {
        Placement p = place(1280, 720, layer(0, 0, W, H, Fit.CONTAIN));
        assertThat(p).isEqualTo(new Placement(0, 0, 1280, 720, 0, 0, W, H));
        assertThat(p.coversCanvas(W, H)).isTrue();
    }

    @Test
    void coverFillsTheLayerAndCutsTheCentreOutOfTheSource() {
        // 4:3 into 16:9: scale 1.5, 1280x720 of the source is shown, 120 rows cut off above and below
        Placement p = place(1280, 960, layer(0, 0, W, H, Fit.COVER));
        assertThat(p).isEqualTo(new Placement(0, 120, 1280, 720, 0, 0, W, H));
        assertThat(p.coversCanvas(W, H)).isTrue();
    }

    @Test
    void coverOfATallLayerCutsTheSidesOff() {
        // 16:9 into a 1:1 box: the middle 720x720 of a 1280x720 picture
        Placement p = place(1280, 720, layer(0, 0, 360, 360, Fit.COVER));
        assertThat(p).isEqualTo(new Placement(280, 0, 720, 720, 0, 0, 360, 360));
    }

    @Test
    void stretchScalesTheWholePictureToTheLayer() {
        Placement p = place(640, 480, layer(100, 50, 800, 200, Fit.STRETCH));
        assertThat(p).isEqualTo(new Placement(0, 0, 640, 480, 100, 50, 800, 200));
    }

    @Test
    void cropIsCutOffTheSourceBeforeFitting() {
        Layer l = layer(0, 0, 1120, 720, Fit.STRETCH).withCrop(new Crop(80, 10, 80, 30));
        assertThat(place(1280, 720, l)).isEqualTo(new Placement(80, 10, 1120, 680, 0, 0, 1120, 720));
    }

    @Test
    void croppedPictureIsContainedByItsCroppedAspect() {
        // 1280x720 less 80 on each side is 1120x720: contained in the canvas at scale 1.5 -> 1680 wide
        Layer l = layer(0, 0, W, H, Fit.CONTAIN).withCrop(new Crop(80, 0, 80, 0));
        assertThat(place(1280, 720, l)).isEqualTo(new Placement(80, 0, 1120, 720, 120, 0, 1680, 1080));
    }

    @Test
    void cropThenCoverAsInTheExampleShow() {
        // the flash-sale's product close-up: a 640x480 camera, 80 cut off each side (480x480), covering 640x480
        Layer l = layer(1240, 560, 640, 480, Fit.COVER).withCrop(new Crop(80, 0, 80, 0));
        assertThat(place(640, 480, l)).isEqualTo(new Placement(80, 60, 480, 360, 1240, 560, 640, 480));
    }

    @Test
    void cropThatLeavesNothingPlacesNothing() {
        Layer l = layer(0, 0, 400, 400, Fit.STRETCH).withCrop(new Crop(400, 0, 400, 0));
        assertThat(place(800, 400, l)).isNull();
        assertThat(place(800, 400, l.withCrop(new Crop(0, 250, 0, 250)))).isNull();
    }

    @Test
    void layerPastTheLeftAndTopEdgesIsClippedWithTheSourceCutProportionally() {
        // scale 2: the 200 canvas pixels left of the canvas are 100 source pixels, the 100 above are 50
        Layer l = layer(-200, -100, 800, 400, Fit.STRETCH);
        assertThat(place(400, 200, l)).isEqualTo(new Placement(100, 50, 300, 150, 0, 0, 600, 300));
    }

    @Test
    void layerPastTheRightAndBottomEdgesIsClippedWithTheSourceCutProportionally() {
        // 400 canvas pixels past the right edge are 200 source pixels; 200 below the bottom are 100
        Layer l = layer(1520, 880, 800, 400, Fit.STRETCH);
        assertThat(place(400, 200, l)).isEqualTo(new Placement(0, 0, 200, 100, 1520, 880, 400, 200));
    }

    @Test
    void coveredLayerBiggerThanTheCanvasKeepsItsCentre() {
        // a 4000x2250 layer centred on the canvas, cover of a 16:9 picture: only the canvas-sized middle is drawn
        Layer l = layer(-1040, -585, 4000, 2250, Fit.COVER);
        Placement p = place(1600, 900, l);
        assertThat(p.coversCanvas(W, H)).isTrue();
        // scale 2.5: 1040/2.5 = 416 source pixels cut on the left, 585/2.5 = 234 on top
        assertThat(p.srcX()).isEqualTo(416);
        assertThat(p.srcY()).isEqualTo(234);
        assertThat(p.srcWidth()).isEqualTo(768);
        assertThat(p.srcHeight()).isEqualTo(432);
    }

    @Test
    void layerWhollyOffTheCanvasPlacesNothing() {
        assertThat(place(640, 360, layer(W, 0, 640, 360, Fit.STRETCH))).isNull();
        assertThat(place(640, 360, layer(0, H, 640, 360, Fit.STRETCH))).isNull();
        assertThat(place(640, 360, layer(-640, 0, 640, 360, Fit.STRETCH))).isNull();
        assertThat(place(640, 360, layer(0, -360, 640, 360, Fit.STRETCH))).isNull();
        assertThat(place(640, 360, layer(5000, 5000, 640, 360, Fit.COVER))).isNull();
    }

    @Test
    void containedPictureWhoseBarsAreOnTheCanvasButPictureIsNotPlacesNothing() {
        // a 1:1 picture contained in a 2000x100 box starting at x=-1000 sits at the box's centre, x from -50
        // to 50: only its right half is on the canvas
        Placement half = place(100, 100, layer(-1000, 0, 2000, 100, Fit.CONTAIN));
        assertThat(half).isEqualTo(new Placement(50, 0, 50, 100, 0, 0, 50, 100));
        // box from -2100: picture at -1150..-1050, nothing of it on the canvas although the box reaches x=-100
        assertThat(place(100, 100, layer(-2100, 0, 2000, 100, Fit.CONTAIN))).isNull();
    }

    @Test
    void upscaledLayerAlmostOffTheLeftEdgeCutsTheSourceInsideTheFrame() {
        // a 640x360 camera at 3x (a full-canvas layer) dragged left until one canvas column is left: that column
        // is a third of the source's last column. The source cut must stay inside the 640 columns of the frame
        // (the renderer offsets the frame's planes by srcX and reads srcWidth pixels from there).
        for (int align : new int[]{1, 2}) {
            Placement p = Placement.of(640, 360, layer(-1919, 0, W, H, Fit.STRETCH), Fit.STRETCH, W, H, align, align);
            assertThat(p).as("align %d", align).isNotNull();
            assertThat(p.srcX()).as("align %d", align).isLessThan(640);
            assertThat(p.srcX() + p.srcWidth()).as("align %d: %s", align, p).isLessThanOrEqualTo(640);
            assertThat(p.srcX() % align).isZero();
            assertThat(p.dstX()).isZero();
            assertThat(p.dstWidth()).isEqualTo(2);
        }
        // the same at the top edge
        Placement p = Placement.of(640, 360, layer(0, -1079, W, H, Fit.STRETCH), Fit.STRETCH, W, H, 2, 2);
        assertThat(p.srcY() + p.srcHeight()).as("%s", p).isLessThanOrEqualTo(360);
    }

    @Test
    void destinationIsEvenForTheChromaPlanes() {
        Placement p = place(100, 100, layer(101, 51, 301, 201, Fit.STRETCH));
        assertThat(p.dstX()).isEqualTo(100);
        assertThat(p.dstY()).isEqualTo(50);
        assertThat(p.dstWidth()).isEqualTo(302);
        assertThat(p.dstHeight()).isEqualTo(202);
    }

    @Test
    void aOnePixelLayerStillGetsTwoEvenPixels() {
        assertThat(place(10, 10, layer(1919, 1079, 1, 1, Fit.STRETCH)))
                .isEqualTo(new Placement(0, 0, 10, 10, 1918, 1078, 2, 2));
    }

    @ParameterizedTest
    @EnumSource(Fit.class)
    void everyPlacementIsEvenAndInsideTheCanvasAndTheSource(Fit fit) {
        Random random = new Random(42 + fit.ordinal());
        int placed = 0;
        for (int i = 0; i < 2000; i++) {
            int fw = 16 + random.nextInt(2000);
            int fh = 16 + random.nextInt(2000);
            Layer l = Layer.of("s", random.nextInt(2 * W) - W / 2, random.nextInt(2 * H) - H / 2,
                    1 + random.nextInt(2 * W), 1 + random.nextInt(2 * H), fit);
            if (random.nextBoolean()) {
                l = l.withCrop(new Crop(random.nextInt(fw / 4), random.nextInt(fh / 4), random.nextInt(fw / 4),
                        random.nextInt(fh / 4)));
            }
            Placement p = Placement.of(fw, fh, l, fit, W, H, 2, 2);
            if (p == null) continue;
            placed++;
            String what = fw + "x" + fh + " " + l + " -> " + p;
            assertThat(p.dstX() % 2).as(what).isZero();
            assertThat(p.dstY() % 2).as(what).isZero();
            assertThat(p.dstWidth() % 2).as(what).isZero();
            assertThat(p.dstHeight() % 2).as(what).isZero();
            assertThat(p.dstX()).as(what).isGreaterThanOrEqualTo(0);
            assertThat(p.dstY()).as(what).isGreaterThanOrEqualTo(0);
            assertThat(p.dstWidth()).as(what).isGreaterThanOrEqualTo(2);
            assertThat(p.dstHeight()).as(what).isGreaterThanOrEqualTo(2);
            assertThat(p.dstX() + p.dstWidth()).as(what).isLessThanOrEqualTo(W);
            assertThat(p.dstY() + p.dstHeight()).as(what).isLessThanOrEqualTo(H);
            assertThat(p.srcX() % 2).as(what).isZero();
            assertThat(p.srcY() % 2).as(what).isZero();
            assertThat(p.srcX()).as(what).isGreaterThanOrEqualTo(0);
            assertThat(p.srcY()).as(what).isGreaterThanOrEqualTo(0);
            assertThat(p.srcWidth()).as(what).isGreaterThanOrEqualTo(1);
            assertThat(p.srcHeight()).as(what).isGreaterThanOrEqualTo(1);
            assertThat(p.srcX() + p.srcWidth()).as(what).isLessThanOrEqualTo(fw);
            assertThat(p.srcY() + p.srcHeight()).as(what).isLessThanOrEqualTo(fh);
            // the drawn rectangle never leaves the layer's own rectangle (give or take the even rounding)
            assertThat(p.dstX()).as(what).isGreaterThanOrEqualTo(Math.max(0, l.x()) - 1);
            assertThat(p.dstX() + p.dstWidth()).as(what).isLessThanOrEqualTo(Math.min(W, l.x() + Math.max(l.width(), 2) + 2));
        }
        assertThat(placed).isGreaterThan(500);
    }

    @Test
    void sourceCropStartsOnTheChromaGridFor420() {
        // crop left 81 / top 41: a 4:2:0 frame can only be cut on even columns and rows, the cut moves down to 80/40
        Layer l = layer(0, 0, 1199, 679, Fit.STRETCH).withCrop(new Crop(81, 41, 0, 0));
        Placement yuv = Placement.of(1280, 720, l, Fit.STRETCH, W, H, 2, 2);
        assertThat(yuv).isEqualTo(new Placement(80, 40, 1200, 680, 0, 0, 1198, 678));
        // an RGB frame is cut where asked
        Placement rgb = Placement.of(1280, 720, l, Fit.STRETCH, W, H, 1, 1);
        assertThat(rgb).isEqualTo(new Placement(81, 41, 1199, 679, 0, 0, 1198, 678));
        // 4:2:2: horizontal step only
        Placement yuv422 = Placement.of(1280, 720, l, Fit.STRETCH, W, H, 2, 1);
        assertThat(yuv422.srcX()).isEqualTo(80);
        assertThat(yuv422.srcY()).isEqualTo(41);
    }

    @Test
    void clippedSourceStartsOnTheChromaGridToo() {
        // scale 1 clipped at the left by 101 pixels: the source cut at 101 moves down to 100
        Layer l = layer(-101, 0, 640, 360, Fit.STRETCH);
        Placement p = Placement.of(640, 360, l, Fit.STRETCH, W, H, 2, 2);
        assertThat(p.srcX()).isEqualTo(100);
        assertThat(p.srcX() + p.srcWidth()).isEqualTo(640);
        assertThat(p.dstX()).isZero();
        assertThat(p.dstWidth()).isEqualTo(538);
    }

    @Test
    void fitArgumentWinsOverTheLayersOwn() {
        // the renderer passes the fit (a colour fills its layer whatever the layer says)
        Layer l = layer(0, 0, W, H, Fit.CONTAIN);
        assertThat(Placement.of(1280, 960, l, Fit.STRETCH, W, H, 1, 1))
                .isEqualTo(new Placement(0, 0, 1280, 960, 0, 0, W, H));
    }

    @Test
    void aCropThatLeavesNothingDrawsNothing() {
        Layer l = layer(0, 0, W, H, Fit.STRETCH);
        assertThat(Placement.of(640, 360, l.withCrop(new io.castline.engine.show.Crop(640, 0, 0, 0)), Fit.STRETCH, W, H, 1, 1)).isNull();
        assertThat(Placement.of(640, 360, l.withCrop(new io.castline.engine.show.Crop(320, 0, 320, 0)), Fit.STRETCH, W, H, 1, 1)).isNull();
        assertThat(Placement.of(640, 360, l.withCrop(new io.castline.engine.show.Crop(0, 400, 0, 0)), Fit.STRETCH, W, H, 1, 1)).isNull();
        assertThat(Placement.of(640, 360, l.withCrop(new io.castline.engine.show.Crop(319, 0, 320, 0)), Fit.STRETCH, W, H, 1, 1))
                .as("one column left").isNotNull();
    }
}
