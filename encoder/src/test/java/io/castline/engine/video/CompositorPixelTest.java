package io.castline.engine.video;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.show.Crop;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Scene;
import io.castline.engine.show.TransitionKind;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.source.VideoSource;
import io.castline.engine.video.SolidFrames.Format;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

/**
 * Renders real canvases with the compositor (free-running, no clock) and checks their pixels
 * against the BT.601 limited-range values of the colours the scene should show there.
 */
class CompositorPixelTest {
    private static final int W = 320;
    private static final int H = 240;
    private static final int FPS = 30;
    /** Per Y, U and V sample: scaling and the two rounding orders (libswscale's, ours) differ by a little. */
    private static final int TOLERANCE = 3;

    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xffffff;
    private static final int RED = 0xff0000;
    private static final int GREEN = 0x00ff00;
    private static final int BLUE = 0x0000ff;
    private static final int YELLOW = 0xffff00;
    private static final int MAGENTA = 0xff00ff;
    private static final int CYAN = 0x00ffff;
    private static final int GREY = 0x808080;
    /** The no-signal card's background (#1b1e24). */
    private static final int CARD = 0x1b1e24;

    @TempDir Path dir;

    /** Closed last-made first: compositors, then planners, then sources. */
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Map<String, VideoSource> sources = new HashMap<>();

    @AfterEach
    void closeAll() throws Exception {
        while (!toClose.isEmpty()) toClose.pop().close();
    }

    // ---- layer order, rectangles ----

    @Test
    void laterLayersAreDrawnOnTopOfEarlierOnes() throws Exception {
        frames("red", SolidFrames.solid("red", 64, 48, Format.YUV420P, RED));
        frames("blue", SolidFrames.solid("blue", 64, 48, Format.RGB24, BLUE));
        color("green", "#00FF00");
        Layer red = Layer.of("red", 0, 0, 200, 160, Fit.STRETCH);
        Layer blue = Layer.of("blue", 120, 80, 200, 160, Fit.STRETCH);
        Layer green = Layer.of("green", 160, 40, 80, 80, Fit.STRETCH);

        Picture upward = renderOne(W, H, scene("up", red, blue, green));
        assertPainted(upward, BLACK, paint(red, RED), paint(blue, BLUE), paint(green, GREEN));
        assertThat(upward.rgbNear(180, 100, GREEN)).as("all three overlap at (180,100): the last is on top").isTrue();

        Picture downward = renderOne(W, H, scene("down", green, blue, red));
        assertPainted(downward, BLACK, paint(green, GREEN), paint(blue, BLUE), paint(red, RED));
        assertThat(downward.rgbNear(180, 100, RED)).as("reversed, the first is now at the bottom").isTrue();
    }

    @Test
    void aLayerFillsItsRectangleAndNothingElse() throws Exception {
        frames("green", SolidFrames.solid("green", 100, 100, Format.YUYV422, GREEN));
        color("yellow", "#FFFF00");
        Layer box = Layer.of("green", 64, 48, 128, 96, Fit.STRETCH);

        Picture alone = renderOne(W, H, scene("alone", box));
        assertPainted(alone, BLACK, paint(box, GREEN));
        // the edges are sharp: the layer starts exactly at its even x
        assertThat(alone.describe(63, 100)).isEqualTo("(63,100) Y=16 U=128 V=128");
        assertThat(alone.rgbNear(64, 100, GREEN)).as(alone.describe(64, 100)).isTrue();

        Picture over = renderOne(W, H, scene("over", Layer.of("yellow", 0, 0, W, H, Fit.STRETCH), box));
        assertPainted(over, YELLOW, paint(box, GREEN));
    }

    /**
     * libswscale's vector code writes a little past the end of each row it is asked for; drawn
     * straight into the canvas, that must not show right of the layer (nor, at the canvas' right
     * edge, at the start of the next row). Checked to the pixel, edges included.
     */
    @ParameterizedTest(name = "{0} at x={1}, {2} wide")
    @CsvSource({"YUV420P,20,98", "RGB24,20,98", "NV12,20,90", "YUYV422,102,100", "YUV420P,20,128",
            "YUV420P,120,200", "RGB24,122,198", "NV12,200,120", "YUYV422,0,318"})
    void nothingIsDrawnBesideALayerWhateverItsWidth(Format format, int x, int w) throws Exception {
        color("yellow", "#FFFF00");
        frames("blue", SolidFrames.solid("blue", 64, 48, format, BLUE));
        Layer pip = Layer.of("blue", x, 80, w, 100, Fit.STRETCH);
        Picture p = renderOne(W, H, scene("pip", Layer.of("yellow", 0, 0, W, H, Fit.STRETCH), pip));
        assertArea(p, "the layer", rect(pip), yuv(BLUE));
        if (x + w < W) assertArea(p, "right of the layer", (px, py) -> px >= x + w && py >= 80 && py < 180, yuv(YELLOW));
        if (x > 0) assertArea(p, "left of the layer", (px, py) -> px < x && py >= 80 && py < 180, yuv(YELLOW));
        assertArea(p, "everything but the layer", (px, py) -> !rect(pip).contains(px, py), yuv(YELLOW));
    }

    // ---- crop ----

    @ParameterizedTest
    @EnumSource(Format.class)
    void aCropCutsTheSourceBeforeItIsFitted(Format format) throws Exception {
        frames("halves", SolidFrames.of("halves", 160, 120, format, (x, y) -> x < 80 ? RED : BLUE));
        Layer rightHalf = Layer.of("halves", 0, 0, W, H, Fit.STRETCH).withCrop(new Crop(80, 0, 0, 0));
        Picture cropped = renderOne(W, H, scene("crop", rightHalf));
        assertPainted(cropped, BLUE);

        frames("quads", SolidFrames.of("quads", 160, 120, format, CompositorPixelTest::quadrants));
        Layer bottomRight = Layer.of("quads", 0, 0, 160, 120, Fit.STRETCH).withCrop(new Crop(80, 60, 0, 0));
        Layer topLeft = Layer.of("quads", 160, 0, 160, 120, Fit.STRETCH).withCrop(new Crop(0, 0, 80, 60));
        Layer topRight = Layer.of("quads", 0, 120, 160, 120, Fit.STRETCH).withCrop(new Crop(80, 0, 0, 60));
        Layer bottomLeft = Layer.of("quads", 160, 120, 160, 120, Fit.STRETCH).withCrop(new Crop(0, 60, 80, 0));
        Picture four = renderOne(W, H, scene("four", bottomRight, topLeft, topRight, bottomLeft));
        assertPainted(four, BLACK, paint(bottomRight, YELLOW), paint(topLeft, RED), paint(topRight, BLUE), paint(bottomLeft, GREEN));
    }

    // ---- fits ----

    @ParameterizedTest
    @EnumSource(Format.class)
    void containKeepsTheWholePictureAndTheBarsShowTheLayerBelow(Format format) throws Exception {
        stripes(format);
        color("yellow", "#FFFF00");
        Layer below = Layer.of("yellow", 0, 0, W, H, Fit.STRETCH);
        // 160x120 (4:3) into 320x120: 160x120 centred, bars of 80 each side
        Layer wide = Layer.of("stripes", 0, 0, 320, 120, Fit.CONTAIN);
        // into 160x240: 160x120 centred, bars of 60 above and below
        Layer tall = Layer.of("stripes", 0, 120, 160, 240, Fit.CONTAIN);
        Picture p = renderOne(W, H, scene("contain", below, wide, tall));
        assertPainted(p, YELLOW,
                paint(80, 0, 160, 30, RED), paint(80, 30, 160, 60, GREEN), paint(80, 90, 160, 30, BLUE),
                // the tall layer is cut at the canvas' bottom: its picture is rows 180..300
                paint(0, 180, 160, 30, RED), paint(0, 210, 160, 30, GREEN));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void coverFillsTheRectangleWithTheMiddleOfThePicture(Format format) throws Exception {
        stripes(format);
        // 160x120 into 320x120: scaled by 2, only rows 30..90 of the source (the green band) are visible
        Layer cover = Layer.of("stripes", 0, 60, 320, 120, Fit.COVER);
        Picture p = renderOne(W, H, scene("cover", cover));
        assertPainted(p, BLACK, paint(cover, GREEN));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void stretchScalesEachAxisOnItsOwn(Format format) throws Exception {
        stripes(format);
        // 160x120 into 320x240 then 320x120: the bands keep their share of the height
        Picture full = renderOne(W, H, scene("stretch", Layer.of("stripes", 0, 0, W, H, Fit.STRETCH)));
        assertPainted(full, BLACK, paint(0, 0, W, 60, RED), paint(0, 60, W, 120, GREEN), paint(0, 180, W, 60, BLUE));
        Picture flat = renderOne(W, H, scene("flat", Layer.of("stripes", 0, 60, W, 120, Fit.STRETCH)));
        assertPainted(flat, BLACK, paint(0, 60, W, 30, RED), paint(0, 90, W, 60, GREEN), paint(0, 150, W, 30, BLUE));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aVerticalCanvasIsFilledByACoverLayer(Format format) throws Exception {
        // a 16:9 picture on a 9:16 canvas: only its middle ~101 columns (x 109..211) are visible
        frames("wide", SolidFrames.of("wide", 320, 180, format, (x, y) -> x < 100 ? RED : x < 220 ? GREEN : BLUE));
        Picture p = renderOne(360, 640, scene(360, 640, "vertical", Layer.of("wide", 0, 0, 360, 640, Fit.COVER)));
        assertThat(p.width()).isEqualTo(360);
        assertThat(p.height()).isEqualTo(640);
        assertPainted(p, GREEN);
    }

    // ---- opacity ----

    @Test
    void aHalfOpaqueLayerMixesWithWhatIsBelow() throws Exception {
        color("red", "#FF0000");
        frames("blue", SolidFrames.solid("blue", 32, 32, Format.YUV420P, BLUE));
        color("blueStill", "#0000FF");
        Layer video = Layer.of("blue", 40, 40, 120, 120, Fit.STRETCH).withOpacity(0.5);
        Layer still = Layer.of("blueStill", 200, 40, 80, 120, Fit.STRETCH).withOpacity(0.5);
        Picture p = renderOne(W, H, scene("mix", Layer.of("red", 0, 0, W, H, Fit.STRETCH), video, still));
        int[] mix = mix(RED, BLUE);
        assertArea(p, "translucent video", rect(video), mix);
        assertArea(p, "translucent still", rect(still), mix);
        assertPainted(p, RED, paint(video, -1), paint(still, -1)); // -1: not checked here
        // a real mix, not one of the two
        assertThat(p.y(100, 100)).isBetween(SolidFrames.y(BLUE) + 10, SolidFrames.y(RED) - 10);
        assertThat(p.y(240, 100)).isBetween(SolidFrames.y(BLUE) + 10, SolidFrames.y(RED) - 10);
    }

    // ---- stills: text, PNG with alpha ----

    @Test
    void textIsDrawnInItsLayerOnly() throws Exception {
        color("blue", "#0000FF");
        open("title", SourceConfig.of("title", "text", "text", "Castline", "size", 48, "color", "#FFFFFF"));
        Layer text = Layer.of("title", 40, 80, 240, 80, Fit.CONTAIN);
        Picture p = renderOne(W, H, scene("text", Layer.of("blue", 0, 0, W, H, Fit.STRETCH), text));

        assertArea(p, "outside the text layer", (x, y) -> !rect(text).contains(x, y), yuv(BLUE));
        int white = 0;
        int blue = 0;
        for (int y = 80; y < 160; y++) {
            for (int x = 40; x < 280; x++) {
                if (p.y(x, y) >= 225) white++;
                if (p.rgbNear(x, y, BLUE)) blue++;
            }
        }
        int area = 240 * 80;
        assertThat(white).as("near-white text pixels in the layer").isGreaterThan(area / 50);
        assertThat(blue).as("the text's background is transparent: the blue below shows").isGreaterThan(area / 2);
        assertThat(white + blue).isLessThan(area);
    }

    @Test
    void aPngWithAlphaIsBlendedOverTheLayerBelow() throws Exception {
        color("blue", "#0000FF");
        // three bands of 32 columns: opaque red, white at alpha 128, fully transparent (green)
        BufferedImage png = image(96, 32, (x, y) -> x < 32 ? 0xffff0000 : x < 64 ? 0x80ffffff : 0x0000ff00);
        image("logo", png);
        Layer logo = Layer.of("logo", 64, 64, 96, 32, Fit.STRETCH); // its own size: no scaling
        Picture p = renderOne(W, H, scene("png", Layer.of("blue", 0, 0, W, H, Fit.STRETCH), logo));
        int[] halfWhite = mix(WHITE, BLUE, 128);
        assertArea(p, "opaque band", rect(64, 64, 32, 32), yuv(RED));
        assertArea(p, "half-transparent band", rect(96, 64, 32, 32), halfWhite);
        assertArea(p, "transparent band and the rest", (x, y) -> !rect(64, 64, 64, 32).contains(x, y), yuv(BLUE));
        assertThat(p.y(110, 80)).isBetween(SolidFrames.y(BLUE) + 40, SolidFrames.y(WHITE) - 40);
    }

    // ---- off the canvas ----

    @Test
    void thePartsOfLayersOffTheCanvasAreCutOff() throws Exception {
        color("grey", "#808080");
        frames("quads", SolidFrames.of("quads", 160, 120, Format.NV12, CompositorPixelTest::quadrants));
        image("corner", image(80, 80, (x, y) -> 0xff000000 | (y < 40 ? (x < 40 ? MAGENTA : WHITE) : (x < 40 ? CYAN : BLACK))));
        color("green", "#00FF00");
        frames("blue", SolidFrames.solid("blue", 40, 40, Format.RGB24, BLUE));
        Layer topLeft = Layer.of("quads", -160, -120, 320, 240, Fit.STRETCH);   // visible: its bottom-right quarter
        Layer bottomRight = Layer.of("quads", 240, 180, 160, 120, Fit.STRETCH); // visible: its top-left quarter
        Layer corner = Layer.of("corner", 280, -20, 80, 80, Fit.STRETCH);        // visible: columns 0..40, rows 20..80
        Layer left = Layer.of("green", -40, 100, 80, 40, Fit.STRETCH);
        Layer translucent = Layer.of("blue", 120, 200, 80, 80, Fit.STRETCH).withOpacity(0.5);
        Picture p = renderOne(W, H, scene("off", Layer.of("grey", 0, 0, W, H, Fit.STRETCH),
                topLeft, bottomRight, corner, left, translucent));
        assertPainted(p, GREY,
                paint(0, 0, 160, 120, YELLOW),
                paint(240, 180, 80, 60, RED),
                paint(280, 0, 40, 20, MAGENTA), paint(280, 20, 40, 40, CYAN),
                paint(0, 100, 40, 40, GREEN),
                paint(120, 200, 80, 40, -1));
        assertArea(p, "translucent layer cut at the bottom", rect(120, 200, 80, 40), mix(GREY, BLUE));
    }

    // ---- no signal ----

    @Test
    void aSourceWithAProblemShowsTheCardInItsLayerOnly() throws Exception {
        frames("green", SolidFrames.solid("green", W, H, Format.YUV420P, GREEN));
        SolidFrames camera = frames("camera", SolidFrames.solid("camera", 64, 48, Format.RGB24, RED));
        camera.setProblem("no signal: unplugged");
        Layer layer = Layer.of("camera", 160, 120, 128, 96, Fit.COVER);
        Rig rig = rig(W, H, scene("cam", Layer.of("green", 0, 0, W, H, Fit.STRETCH), layer));
        rig.compositor.startFreeRunning(40);

        for (int i = 0; i < 3; i++) {
            Picture p = rig.take();
            assertArea(p, "outside the broken layer", (x, y) -> !rect(layer).contains(x, y), yuv(GREEN));
            assertCard(p, rect(layer));
        }
        camera.setProblem(null);
        Picture back = null;
        for (int i = 0; i < 10 && back == null; i++) {
            Picture p = rig.take();
            if (p.rgbNear(224, 168, RED)) back = p;
        }
        assertThat(back).as("the source's own picture once it has no problem").isNotNull();
        assertPainted(back, GREEN, paint(layer, RED));
        rig.assertClean();
    }

    @Test
    void aFullCanvasSourceWithAProblemIsNotPassedThrough() throws Exception {
        SolidFrames camera = frames("camera", SolidFrames.of("camera", W, H, Format.YUV420P, CompositorPixelTest::quadrantsFull));
        camera.setProblem("no signal: unplugged");
        Rig rig = rig(W, H, scene("cam", Layer.of("camera", 0, 0, W, H, Fit.CONTAIN)));
        rig.compositor.startFreeRunning(40);
        for (int i = 0; i < 3; i++) assertCard(rig.take(), rect(0, 0, W, H));
        camera.setProblem(null);
        Picture back = null;
        for (int i = 0; i < 10 && back == null; i++) {
            Picture p = rig.take();
            if (p.rgbNear(240, 180, YELLOW)) back = p;
        }
        assertThat(back).isNotNull();
        // passed through: the very samples of the source
        assertPainted(back, BLACK, paint(0, 0, 160, 120, RED), paint(160, 0, 160, 120, BLUE),
                paint(0, 120, 160, 120, GREEN), paint(160, 120, 160, 120, YELLOW));
        assertThat(back.describe(0, 0)).isEqualTo("(0,0) Y=" + SolidFrames.y(RED) + " U=" + SolidFrames.u(RED) + " V=" + SolidFrames.v(RED));
        rig.assertClean();
    }

    // ---- what a previous frame left in a pooled canvas ----

    @ParameterizedTest(name = "{0}")
    @EnumSource(BarsCase.class)
    void theBarsOfAContainLayerAreBlackEvenOnAReusedCanvas(BarsCase c) throws Exception {
        color("red", "#FF0000");
        frames("picture", SolidFrames.of("picture", c.width, c.height, Format.YUV420P, (x, y) -> x < c.width / 2 ? GREEN : BLUE));
        RenderPlan redPlan = scene("red", Layer.of("red", 0, 0, W, H, Fit.STRETCH));
        RenderPlan contain = scene("contain", Layer.of("picture", 0, 0, W, H, Fit.CONTAIN).withCrop(c.crop));
        Rig rig = rig(W, H, redPlan);
        rig.compositor.startFreeRunning(40);
        for (int i = 0; i < 5; i++) assertPainted(rig.take(), RED); // every pooled canvas is red now
        rig.compositor.show(contain);
        Picture shown = null;
        for (int i = 0; i < 10 && shown == null; i++) {
            Picture p = rig.take();
            if (!p.rgbNear(W / 2, H / 2, RED)) shown = p;
        }
        assertThat(shown).isNotNull();
        List<Picture> frames = new ArrayList<>(List.of(shown));
        for (int i = 0; i < 3; i++) frames.add(rig.take());
        for (Picture p : frames) assertPainted(p, BLACK, c.picture);
        rig.assertClean();
    }

    enum BarsCase {
        /** 16:9 on 4:3: letterboxed. */
        WIDE_SOURCE(320, 180, Crop.NONE, paint(0, 30, 160, 180, GREEN), paint(160, 30, 160, 180, BLUE)),
        /** 4:3 on 4:3 but cropped to 2:3 (only its blue half): pillarboxed. */
        CROPPED_TO_NARROW(160, 120, new Crop(80, 0, 0, 0), paint(80, 0, 160, 240, BLUE));

        final int width;
        final int height;
        final Crop crop;
        final Paint[] picture;

        BarsCase(int width, int height, Crop crop, Paint... picture) {
            this.width = width;
            this.height = height;
            this.crop = crop;
            this.picture = picture;
        }
    }

    // ---- free-running: every source frame once ----

    @ParameterizedTest(name = "passed through: {0}")
    @ValueSource(booleans = {true, false})
    void freeRunningRendersEachFrameOfTheSourceExactlyOnce(boolean passThrough) throws Exception {
        int n = 12;
        List<Integer> greys = new ArrayList<>();
        for (int k = 0; k < n; k++) greys.add(0x010101 * (20 + 18 * k));
        SolidFrames.Sequence sequence = frames("seq", new SolidFrames.Sequence("seq", W, H, Format.YUV420P, greys));
        color("red", "#FF0000");
        Layer full = Layer.of("seq", 0, 0, W, H, Fit.STRETCH);
        RenderPlan plan = passThrough ? scene("seq", full)
                : scene("seq", Layer.of("red", 0, 0, W, H, Fit.STRETCH), full.withRect(0, 0, W / 2, H / 2));
        Rig rig = rig(W, H, plan);
        rig.compositor.startFreeRunning(n);
        List<Integer> shown = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Compositor.Canvas canvas = rig.compositor.nextCanvas(2_000);
            if (canvas == null) break;
            Picture p = Picture.of(canvas.frame());
            rig.compositor.recycle(canvas);
            int luma = p.y(W / 4, H / 4);
            int frame = -1;
            for (int i = 0; i < n; i++) if (Math.abs(luma - SolidFrames.y(greys.get(i))) <= TOLERANCE) frame = i;
            shown.add(frame);
        }
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k < n; k++) expected.add(k);
        assertThat(shown).as("the source frame each canvas shows (%d taken from the source)", sequence.taken())
                .isEqualTo(expected);
        assertThat(sequence.taken()).isEqualTo(n);
        rig.assertClean();
    }

    // ---- transitions ----

    @Test
    void aFadeIsAStrictMixEveryFrameThenTheNewScene() throws Exception {
        int n = 8;
        frames("red", SolidFrames.solid("red", W, H, Format.YUV420P, RED)); // passed through while steady
        color("blue", "#0000FF");
        RenderPlan a = scene("A", Layer.of("red", 0, 0, W, H, Fit.STRETCH));
        RenderPlan b = scene("B", Layer.of("blue", 0, 0, W, H, Fit.STRETCH));
        Rig rig = rig(W, H, a);
        rig.compositor.startFreeRunning(60);
        List<Picture> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) seen.add(rig.take());
        rig.compositor.transition(b, TransitionKind.FADE, n);
        int trailingB = 0;
        while (trailingB < 3 && seen.size() < 50) {
            Picture p = rig.take();
            seen.add(p);
            trailingB = p.rgbNear(W / 2, H / 2, BLUE) ? trailingB + 1 : 0;
        }
        StringBuilder pattern = new StringBuilder();
        List<Picture> mixes = new ArrayList<>();
        for (Picture p : seen) {
            if (p.rgbNear(W / 2, H / 2, RED)) pattern.append('A');
            else if (p.rgbNear(W / 2, H / 2, BLUE)) pattern.append('B');
            else {
                pattern.append('M');
                mixes.add(p);
            }
        }
        assertThat(pattern.toString()).matches("A{4,}M{" + n + "}BBB");

        int[] from = {SolidFrames.y(RED), SolidFrames.u(RED), SolidFrames.v(RED)};
        int[] to = {SolidFrames.y(BLUE), SolidFrames.u(BLUE), SolidFrames.v(BLUE)};
        int[] previous = from;
        for (Picture m : mixes) {
            int[] now = m.yuvAt(W / 2, H / 2);
            assertArea(m, "a fade frame is the same mix everywhere", (x, y) -> true, now, 1);
            for (int c = 0; c < 3; c++) {
                int step = Integer.signum(to[c] - from[c]);
                assertThat((now[c] - previous[c]) * step).as("component %d moves towards B: %s after %s",
                        c, Arrays.toString(now), Arrays.toString(previous)).isPositive();
                assertThat((to[c] - now[c]) * step).as("component %d has not reached B: %s", c, Arrays.toString(now)).isPositive();
            }
            previous = now;
        }
        assertThat(rig.compositor.transitionFrames()).isEqualTo(n);
        assertThat(rig.compositor.inTransition()).isFalse();
        assertPainted(seen.get(seen.size() - 1), BLUE);
        rig.assertClean();
    }

    @Test
    void aSlidePushesTheOldSceneOutToTheLeft() throws Exception {
        int n = 6;
        color("red", "#FF0000");
        color("green", "#00FF00");
        color("blue", "#0000FF");
        color("yellow", "#FFFF00");
        RenderPlan a = scene("A", Layer.of("red", 0, 0, W, H, Fit.STRETCH), Layer.of("green", 200, 100, 40, 40, Fit.STRETCH));
        RenderPlan b = scene("B", Layer.of("blue", 0, 0, W, H, Fit.STRETCH), Layer.of("yellow", 0, 100, 20, 40, Fit.STRETCH));
        IntBinaryOperator sceneA = (x, y) -> x >= 200 && x < 240 && y >= 100 && y < 140 ? GREEN : RED;
        IntBinaryOperator sceneB = (x, y) -> x < 20 && y >= 100 && y < 140 ? YELLOW : BLUE;
        Rig rig = rig(W, H, a);
        rig.compositor.transition(b, TransitionKind.SLIDE, n); // before the first frame: it starts at once
        rig.compositor.startFreeRunning(n + 2);

        int lastBoundary = W;
        for (int k = 0; k < n; k++) {
            Picture p = rig.take();
            int boundary = 0;
            while (boundary < W && p.rgbNear(boundary, 20, RED)) boundary++;
            assertThat(boundary).as("frame %d: where scene B starts", k).isStrictlyBetween(0, lastBoundary);
            int offset = W - boundary;
            assertThat(offset).as("frame %d: (k+1)/(n+1) of the way", k).isCloseTo((k + 1) * W / (n + 1), within(2));
            int b0 = boundary;
            assertArea(p, "frame " + k + " (boundary " + boundary + ")", (x, y) -> Math.abs(x - b0) > 1,
                    (x, y) -> yuv(x < b0 ? sceneA.applyAsInt(x + offset, y) : sceneB.applyAsInt(x - b0, y)), TOLERANCE);
            lastBoundary = boundary;
        }
        assertPainted(rig.take(), BLUE, paint(0, 100, 20, 40, YELLOW));
        assertPainted(rig.take(), BLUE, paint(0, 100, 20, 40, YELLOW));
        assertThat(rig.compositor.transitionFrames()).isEqualTo(n);
        rig.assertClean();
    }

    // ======== harness ========

    /** A compositor and what to take from it. */
    private static final class Rig {
        final Compositor compositor;

        Rig(Compositor compositor) { this.compositor = compositor; }

        Picture take() throws InterruptedException {
            Compositor.Canvas canvas = compositor.nextCanvas(5_000);
            assertThat(canvas).as("a canvas within 5 s (compositor failure: %s)", compositor.failure()).isNotNull();
            try {
                return Picture.of(canvas.frame());
            } finally {
                compositor.recycle(canvas);
            }
        }

        void assertClean() {
            assertThat(compositor.failure()).as("compositor failure").isNull();
            assertThat(compositor.skipped()).as("skipped frames").isZero();
            assertThat(compositor.lagged()).as("lagged frames").isZero();
        }
    }

    private Rig rig(int w, int h, RenderPlan plan) throws AvException {
        Compositor c = new Compositor(w, h, FPS, plan);
        toClose.push(c);
        return new Rig(c);
    }

    /** Renders 3 frames of {@code plan} (every pooled canvas once) and returns the last; they must all be the same. */
    private Picture renderOne(int w, int h, RenderPlan plan) throws Exception {
        Rig rig = rig(w, h, plan);
        rig.compositor.startFreeRunning(3);
        Picture first = rig.take();
        Picture second = rig.take();
        Picture third = rig.take();
        assertThat(first.width()).isEqualTo(w);
        assertThat(first.height()).isEqualTo(h);
        assertThat(second.sameAs(first) && third.sameAs(first)).as("the same plan gives the same picture each frame").isTrue();
        rig.assertClean();
        return third;
    }

    private RenderPlan scene(String name, Layer... layers) throws AvException {
        return scene(W, H, name, layers);
    }

    /** The plan of a scene of {@code layers} on a {@code w}x{@code h} canvas. */
    private RenderPlan scene(int w, int h, String name, Layer... layers) throws AvException {
        ScenePlanner planner = new ScenePlanner(w, h);
        toClose.push(planner);
        return planner.plan(new Scene(name, List.of(layers)), sources::get);
    }

    private <S extends VideoSource> S frames(String name, S source) {
        toClose.push(source);
        sources.put(name, source);
        return source;
    }

    private void color(String name, String hex) throws AvException {
        open(name, SourceConfig.of(name, "color", "color", hex));
    }

    private void image(String name, BufferedImage image) throws IOException, AvException {
        Path file = dir.resolve(name + ".png");
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
        open(name, SourceConfig.of(name, "image", "path", file.getFileName().toString()));
    }

    private void open(String name, SourceConfig config) throws AvException {
        SourceKind.Context context = new SourceKind.Context(new io.castline.engine.settings.Canvas(W, H, FPS), dir);
        OpenedSource opened = SourceKinds.open(config, context);
        toClose.push(opened);
        assertThat(opened.video().problem()).as("source %s", name).isNull();
        sources.put(name, opened.video());
    }

    /** 160x120: rows 0..30 red, 30..90 green, 90..120 blue. */
    private void stripes(Format format) {
        frames("stripes", SolidFrames.of("stripes", 160, 120, format, (x, y) -> y < 30 ? RED : y < 90 ? GREEN : BLUE));
    }

    /** 160x120 quarters: red, blue above; green, yellow below. */
    private static int quadrants(int x, int y) {
        return y < 60 ? (x < 80 ? RED : BLUE) : (x < 80 ? GREEN : YELLOW);
    }

    private static int quadrantsFull(int x, int y) {
        return y < H / 2 ? (x < W / 2 ? RED : BLUE) : (x < W / 2 ? GREEN : YELLOW);
    }

    private static BufferedImage image(int w, int h, IntBinaryOperator argbAt) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, argbAt.applyAsInt(x, y));
        return img;
    }

    // ======== pictures and expectations ========

    /** A copy of a canvas' planes. */
    record Picture(int width, int height, byte[] luma, byte[] cb, byte[] cr) {
        static Picture of(AVFrame f) {
            int w = f.width();
            int h = f.height();
            assertThat(f.format()).as("canvas pixel format").isEqualTo(AV_PIX_FMT_YUV420P);
            return new Picture(w, h, copy(f, 0, w, h), copy(f, 1, w / 2, h / 2), copy(f, 2, w / 2, h / 2));
        }

        private static byte[] copy(AVFrame f, int p, int w, int h) {
            ByteBuffer plane = f.data(p).capacity((long) f.linesize(p) * h).asByteBuffer();
            byte[] out = new byte[w * h];
            for (int row = 0; row < h; row++) plane.get(row * f.linesize(p), out, row * w, w);
            return out;
        }

        int y(int x, int y) { return luma[y * width + x] & 0xff; }
        int u(int x, int y) { return cb[(y / 2) * (width / 2) + x / 2] & 0xff; }
        int v(int x, int y) { return cr[(y / 2) * (width / 2) + x / 2] & 0xff; }
        int[] yuvAt(int x, int y) { return new int[]{y(x, y), u(x, y), v(x, y)}; }

        boolean near(int x, int y, int[] yuv, int tolerance) {
            return Math.abs(y(x, y) - yuv[0]) <= tolerance && Math.abs(u(x, y) - yuv[1]) <= tolerance
                    && Math.abs(v(x, y) - yuv[2]) <= tolerance;
        }

        boolean rgbNear(int x, int y, int rgb) { return near(x, y, yuv(rgb), TOLERANCE); }

        boolean sameAs(Picture o) {
            return width == o.width && height == o.height && Arrays.equals(luma, o.luma) && Arrays.equals(cb, o.cb)
                    && Arrays.equals(cr, o.cr);
        }

        String describe(int x, int y) { return "(" + x + "," + y + ") Y=" + y(x, y) + " U=" + u(x, y) + " V=" + v(x, y); }
    }

    /** Pixels of the canvas that a check covers. */
    interface Region {
        boolean contains(int x, int y);
    }

    /** The expected Y, U, V at a pixel. */
    interface Expected {
        int[] at(int x, int y);
    }

    /** A rectangle of one colour (-1: not checked), clipped to the canvas by whoever reads it. */
    record Paint(int x0, int y0, int x1, int y1, int rgb) implements Region {
        @Override public boolean contains(int x, int y) { return x >= x0 && x < x1 && y >= y0 && y < y1; }

        boolean nearEdge(int x, int y, int margin) {
            boolean inX = x >= x0 - margin && x < x1 + margin;
            boolean inY = y >= y0 - margin && y < y1 + margin;
            return (inY && (Math.abs(x - x0) < margin || Math.abs(x - x1) < margin))
                    || (inX && (Math.abs(y - y0) < margin || Math.abs(y - y1) < margin));
        }
    }

    private static Paint paint(int x, int y, int w, int h, int rgb) { return new Paint(x, y, x + w, y + h, rgb); }

    private static Paint paint(Layer l, int rgb) { return paint(l.x(), l.y(), l.width(), l.height(), rgb); }

    private static Paint rect(int x, int y, int w, int h) { return paint(x, y, w, h, -1); }

    private static Paint rect(Layer l) { return paint(l, -1); }

    /**
     * Every pixel shows the colour of the last paint that covers it ({@code background} where none
     * does), but for those within 4 pixels of a paint's edge (where scaling blends neighbours).
     */
    private static void assertPainted(Picture p, int background, Paint... paints) {
        Region away = (x, y) -> {
            for (Paint paint : paints) if (paint.nearEdge(x, y, 4)) return false;
            Paint top = topAt(paints, x, y);
            return top == null ? background >= 0 : top.rgb() >= 0;
        };
        assertArea(p, "painted " + Arrays.toString(paints) + " over " + hex(background), away, (x, y) -> {
            Paint top = topAt(paints, x, y);
            return yuv(top == null ? background : top.rgb());
        }, TOLERANCE);
    }

    private static Paint topAt(Paint[] paints, int x, int y) {
        for (int i = paints.length - 1; i >= 0; i--) if (paints[i].contains(x, y)) return paints[i];
        return null;
    }

    private static void assertArea(Picture p, String what, Region region, int[] yuv) {
        assertArea(p, what, region, (x, y) -> yuv, TOLERANCE);
    }

    private static void assertArea(Picture p, String what, Region region, int[] yuv, int tolerance) {
        assertArea(p, what, region, (x, y) -> yuv, tolerance);
    }

    /** Each pixel of {@code region} within {@code tolerance} of {@code expected} in Y, U and V. */
    private static void assertArea(Picture p, String what, Region region, Expected expected, int tolerance) {
        int checked = 0;
        int wrong = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        StringBuilder examples = new StringBuilder();
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                if (!region.contains(x, y)) continue;
                checked++;
                int[] e = expected.at(x, y);
                if (!p.near(x, y, e, tolerance)) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                    if (wrong++ < 6) examples.append("\n  ").append(p.describe(x, y)).append(" expected ").append(Arrays.toString(e));
                }
            }
        }
        assertThat(checked).as("%s: pixels checked", what).isPositive();
        assertThat(wrong).as("%s: %d of %d pixels off by more than %d, within x %d..%d, y %d..%d:%s",
                what, wrong, checked, tolerance, minX, maxX, minY, maxY, examples).isZero();
    }

    /** The layer shows the no-signal card: mostly its dark background, some bright text, nothing of the source. */
    private static void assertCard(Picture p, Paint where) {
        int area = 0;
        int card = 0;
        int bright = 0;
        int red = 0;
        int[] cardYuv = yuv(CARD);
        for (int y = Math.max(0, where.y0()); y < Math.min(p.height(), where.y1()); y++) {
            for (int x = Math.max(0, where.x0()); x < Math.min(p.width(), where.x1()); x++) {
                area++;
                if (p.near(x, y, cardYuv, TOLERANCE)) card++;
                if (p.y(x, y) > 120) bright++;
                if (p.v(x, y) > 180) red++;
            }
        }
        assertThat(card).as("card background pixels of %d", area).isGreaterThan(area * 3 / 4);
        assertThat(bright).as("bright text pixels of %d", area).isPositive();
        assertThat(red).as("pixels of the source's own (red) picture").isZero();
    }

    static int[] yuv(int rgb) { return new int[]{SolidFrames.y(rgb), SolidFrames.u(rgb), SolidFrames.v(rgb)}; }

    /** The YUV halfway between two colours' YUVs. */
    private static int[] mix(int a, int b) { return mix(a, b, 128); }

    /** {@code alpha}/255 of {@code top} over {@code below}, per Y, U and V sample. */
    private static int[] mix(int top, int below, int alpha) {
        int[] t = yuv(top);
        int[] b = yuv(below);
        int[] out = new int[3];
        for (int c = 0; c < 3; c++) out[c] = Math.round((t[c] * alpha + b[c] * (255 - alpha)) / 255f);
        return out;
    }

    private static String hex(int rgb) { return rgb < 0 ? "-" : String.format("#%06X", rgb); }
}
