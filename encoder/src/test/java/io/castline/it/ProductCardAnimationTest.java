package io.castline.it;

import io.castline.engine.Program;
import io.castline.engine.clock.MediaClock;
import io.castline.engine.settings.Canvas;
import io.castline.engine.show.Scene;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.source.ProductCardSource;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.video.Compositor;
import io.castline.engine.video.ScenePlanner;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A product card's animations on a running program, frame by frame: it slides in from the left
 * edge on a pin (the first frame of the slide within two frames of the pin's return, each frame
 * the card drawn by the engine shifted by the offset the formula gives, frame n−1 in place) and
 * out on an unpin; it fades in and, pinned to another product, fades out and the other in.
 */
class ProductCardAnimationTest {
    private static final int W = 640, H = 360, FPS = 30;
    private static final int CARD_X = 0, CARD_Y = 244, CARD_W = 640, CARD_H = 116;
    /** 0.5 s at 30 fps. */
    private static final int N = 15;

    private static Show show(Path dir, String animation) throws Exception {
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": %d, "height": %d, "fps": %d},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Card", "kind": "product_card", "qr": false, "locale": "en-US",
                              "animation": "%s", "animation_duration": 0.5}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"},
                    {"source": "Card", "x": %d, "y": %d, "width": %d, "height": %d}]},
                            {"name": "Other", "layers": [{"source": "Back"}]}],
                 "program": "Main", "recording": {"path": "x.mkv"},
                 "products": [{"sku": "TEE", "title": "Classic Tee", "price": "25.00", "currency": "USD", "stock": 3},
                              {"sku": "MUG", "title": "Ceramic Mug", "price": "14.50", "currency": "USD"}]}
                """.formatted(W, H, FPS, animation, CARD_X, CARD_Y, CARD_W, CARD_H));
        return ShowFile.read(file);
    }

    /** The formula (see CardMotion): frame k of n shows (k+1)/n; a slide is eased out, 1 − (1 − shown)², in even pixels. */
    private static double shown(int k) {
        return Math.min(1.0, (k + 1) / (double) N);
    }

    /** From the left edge (the card's centre is not right of the canvas' centre): the whole card's width off at most. */
    private static int slideOffset(double shown) {
        double eased = 1 - (1 - shown) * (1 - shown);
        return -2 * (int) Math.round((CARD_X + CARD_W) * (1 - eased) / 2);
    }

    @Test
    void theCardSlidesInOnThePinAndOutOnTheUnpinFrameByFrame() throws Exception {
        Path dir = TestWorkdir.fresh("card-slide");
        Show show = show(dir, "slide");
        byte[] empty = reference(show, dir, null);
        byte[] card = reference(show, dir, "TEE");
        assertThat(CanvasFrames.difference(card, empty)).as("the card changes the picture").isGreaterThan(10);
        try (Program program = Program.start(show, dir);
             CanvasFrames frames = new CanvasFrames(program.compositor(), CARD_X, CARD_Y, CARD_W, CARD_H)) {
            frames.awaitMatch(empty, "the backdrop before the pin", 0);
            long before = program.compositor().nextIndex() - 1;
            program.pin("TEE");
            long at = program.compositor().nextIndex();
            long first = firstChange(frames, empty, before);
            // the frame being drawn when pin returned may be the last without it: the next one has it
            assertThat(first).as("the slide's first frame, frame %d next at the pin's return", at).isLessThanOrEqualTo(at + 1);
            frames.awaitIndex(first + N + 5);
            int previous = Integer.MIN_VALUE;
            int checked = 0;
            for (int k = 0; k < N + 5; k++) {
                int offset = slideOffset(shown(k));
                assertThat(offset).as("frame %d of the slide moves on", k).isGreaterThan(k < N ? previous : previous - 1);
                previous = offset;
                if (assertFrame(frames, first + k, shifted(card, empty, offset), "slide in, frame " + k + " at offset " + offset)) checked++;
            }
            assertThat(frame(frames, first)).as("the slide's first frame is drawn").isNotNull();
            assertThat(checked).as("frames of the slide composed").isGreaterThan(N / 2);
            assertThat(slideOffset(shown(0))).as("the first frame is already in by a fifteenth, eased").isEqualTo(-2 * (int) Math.round(640 * (14.0 / 15) * (14.0 / 15) / 2));
            assertThat(slideOffset(shown(N - 1))).as("frame n-1: in place").isZero();

            before = program.compositor().nextIndex() - 1;
            program.unpin();
            at = program.compositor().composed();
            long out = firstChange(frames, card, before);
            assertThat(out).isLessThanOrEqualTo(at + 1);
            frames.awaitIndex(out + N + 3);
            checked = 0;
            for (int k = 0; k < N + 3; k++) {
                double s = 1 - shown(k);
                if (assertFrame(frames, out + k, s <= 0 ? empty : shifted(card, empty, slideOffset(s)), "slide out, frame " + k)) checked++;
            }
            assertThat(checked).as("frames of the slide out composed").isGreaterThan(N / 2);
            assertThat(program.failure()).isNull();
        }
    }

    @Test
    void theCardFadesInAndAnotherPinFadesItOutThenTheOtherIn() throws Exception {
        Path dir = TestWorkdir.fresh("card-fade");
        Show show = show(dir, "fade");
        byte[] empty = reference(show, dir, null);
        byte[] tee = reference(show, dir, "TEE");
        byte[] mug = reference(show, dir, "MUG");
        try (Program program = Program.start(show, dir);
             CanvasFrames frames = new CanvasFrames(program.compositor(), CARD_X, CARD_Y, CARD_W, CARD_H)) {
            frames.awaitMatch(empty, "the backdrop before the pin", 0);
            long before = program.compositor().nextIndex() - 1;
            program.pin("TEE");
            long at = program.compositor().nextIndex();
            long first = firstChange(frames, empty, before);
            assertThat(first).isLessThanOrEqualTo(at + 1);
            frames.awaitIndex(first + N + 3);
            double previous = 0;
            int checked = 0;
            for (int k = 0; k < N + 3; k++) {
                double share = shown(k);
                byte[] got = frame(frames, first + k);
                if (got == null) continue;
                checked++;
                double estimated = share(empty, tee, got);
                assertThat(estimated).as("fade in, frame %d: %.3f of the card", k, share).isCloseTo(share, within(0.01));
                assertThat(maxDifference(got, mix(empty, tee, share))).as("fade in, frame %d, each pixel", k).isLessThanOrEqualTo(2);
                if (k < N) assertThat(estimated).as("frame %d is nearer the card than the one before", k).isGreaterThan(previous);
                previous = estimated;
            }
            assertThat(checked).as("frames of the fade composed").isGreaterThan(N / 2);
            byte[] last = frame(frames, first + N - 1);
            if (last != null) assertThat(CanvasFrames.difference(last, tee)).as("frame n-1: the card").isLessThan(0.05);

            // another product: the tee fades out over n frames, then the mug in over n more
            before = program.compositor().nextIndex() - 1;
            program.pin("MUG");
            long swap = firstChange(frames, tee, before);
            frames.awaitIndex(swap + 2 * N + 3);
            checked = 0;
            for (int k = 0; k < 2 * N + 3; k++) {
                byte[] got = frame(frames, swap + k);
                if (got == null) continue;
                checked++;
                double share = k < N ? 1 - shown(k) : shown(k - N);
                assertThat(share(empty, k < N ? tee : mug, got)).as("swap, frame %d: %.3f of the %s", k, share, k < N ? "tee" : "mug")
                        .isCloseTo(share, within(0.01));
            }
            assertThat(checked).as("frames of the swap composed").isGreaterThan(N);
            assertThat(program.failure()).isNull();
        }
    }

    /**
     * The animation's first frame is exactly the first frame drawn with the new pin: a compositor
     * on the clock is given the pinned card's plan at a frame fixed in advance (a scheduled cut of
     * the same scene), and that frame is the slide's frame 0, the one before it the backdrop.
     */
    @Test
    void theSlidesFirstFrameIsTheFrameThePinnedPlanIsFirstDrawnOn() throws Exception {
        Path dir = TestWorkdir.fresh("card-slide-exact");
        Show show = show(dir, "slide");
        byte[] empty = reference(show, dir, null);
        byte[] card = reference(show, dir, "TEE");
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, FPS), dir);
        Scene scene = show.scene("Main").orElseThrow();
        try (OpenedSource back = SourceKinds.open(show.source("Back").orElseThrow(), context);
             OpenedSource opened = SourceKinds.open(show.source("Card").orElseThrow(), context);
             ScenePlanner planner = new ScenePlanner(W, H)) {
            java.util.function.Function<String, io.castline.engine.source.VideoSource> sources =
                    n -> n.equals("Back") ? back.video() : opened.video();
            try (Compositor compositor = new Compositor(W, H, FPS, planner.plan(scene, sources));
                 CanvasFrames frames = new CanvasFrames(compositor, CARD_X, CARD_Y, CARD_W, CARD_H)) {
                compositor.start(MediaClock.startingNow());
                frames.awaitIndex(3);
                ((ProductCardSource) opened.video()).show(show.product("TEE").orElseThrow());
                long at = compositor.nextIndex() + 10;
                compositor.scheduleCut(planner.plan(scene, sources), at);
                frames.awaitIndex(at + N + 2);
                byte[] before = frame(frames, at - 1);
                if (before != null) assertThat(CanvasFrames.difference(before, empty)).as("the frame before: no card").isLessThan(0.05);
                assertThat(frame(frames, at)).as("frame %d, the first with the pin, is drawn", at).isNotNull();
                for (int k = 0; k < N + 2; k++) {
                    assertFrame(frames, at + k, shifted(card, empty, slideOffset(shown(k))), "frame " + k + " after the cut");
                }
                assertThat(compositor.failure()).isNull();
            }
        }
    }

    @Test
    void aCardPinnedWhileItsSceneWasOffAirIsSimplyThereWhenTheSceneComesBack() throws Exception {
        Path dir = TestWorkdir.fresh("card-off-air");
        Show show = show(dir, "slide");
        byte[] empty = reference(show, dir, null);
        byte[] card = reference(show, dir, "TEE");
        try (Program program = Program.start(show, dir);
             CanvasFrames frames = new CanvasFrames(program.compositor(), CARD_X, CARD_Y, CARD_W, CARD_H)) {
            frames.awaitMatch(empty, "the backdrop", 0);
            program.cut("Other");
            frames.awaitIndex(program.compositor().nextIndex() + 3);
            program.pin("TEE");
            frames.awaitIndex(program.compositor().nextIndex() + 5);
            assertThat(frame(frames, program.compositor().nextIndex() - 1)).as("no card in the other scene").isNotNull();
            program.cut("Main");
            long at = program.compositor().nextIndex();
            frames.awaitIndex(at + 4);
            int checked = 0;
            for (long i = at + 1; i <= at + 4; i++) {
                if (assertFrame(frames, i, card, "frame " + (i - at) + " after the cut: the whole card, no slide")) checked++;
            }
            assertThat(checked).as("frames after the cut composed").isGreaterThan(1);
            assertThat(program.failure()).isNull();
        }
    }

    // ---- the engine's own drawing, and what each frame should be made of it ----

    /** The card region as a compositor of its own draws the scene with {@code sku} pinned (no animation: drawn as it is). */
    private static byte[] reference(Show show, Path dir, String sku) throws Exception {
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, FPS), dir);
        try (OpenedSource back = SourceKinds.open(show.source("Back").orElseThrow(), context);
             OpenedSource card = SourceKinds.open(show.source("Card").orElseThrow(), context)) {
            ((ProductCardSource) card.video()).show(sku == null ? null : show.product(sku).orElseThrow());
            Scene scene = show.scene("Main").orElseThrow();
            return OverlaysProgramTest.region(scene, n -> n.equals("Back") ? back.video() : card.video(), W,
                    new int[]{CARD_X, CARD_Y, CARD_W, CARD_H});
        }
    }

    /** The card's region with the card moved {@code offset} pixels (the backdrop where it has not come yet). */
    private static byte[] shifted(byte[] card, byte[] empty, int offset) {
        return each(i -> {
            int x = i % CARD_W - offset;
            return x >= 0 && x < CARD_W ? card[i - offset] : empty[i];
        }, card.length);
    }

    /** {@code share} of the way from the backdrop to the card, pixel by pixel. */
    private static byte[] mix(byte[] empty, byte[] card, double share) {
        return each(i -> (byte) Math.round((empty[i] & 0xff) + ((card[i] & 0xff) - (empty[i] & 0xff)) * share), card.length);
    }

    /** How far {@code got} is from the backdrop towards the card: the least-squares share over every pixel. */
    private static double share(byte[] empty, byte[] card, byte[] got) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.length; i++) {
            int d = (card[i] & 0xff) - (empty[i] & 0xff);
            num += ((got[i] & 0xff) - (empty[i] & 0xff)) * (double) d;
            den += d * (double) d;
        }
        return num / den;
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        return max;
    }

    private static byte[] each(IntFunction<Byte> pixel, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[i] = pixel.apply(i);
        return out;
    }

    /** The index of the first frame after {@code after} that differs from {@code was}. */
    private static long firstChange(CanvasFrames frames, byte[] was, long after) throws InterruptedException {
        for (int tries = 0; tries < 500; tries++) {
            for (CanvasFrames.Taken t : frames.taken()) {
                if (t.index() > after && CanvasFrames.difference(t.region(), was) > 0.05) return t.index();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no frame after " + after + " changed");
    }

    /**
     * Frame {@code index}, or null when the compositor skipped it (the machine was busy): the next
     * frames are still the formula's for their own indices, and the first frame of an animation is
     * always drawn (it is the first drawn with the new pin).
     */
    private static byte[] frame(CanvasFrames frames, long index) {
        List<CanvasFrames.Taken> all = frames.taken();
        for (CanvasFrames.Taken t : all) if (t.index() == index) return t.region();
        return null;
    }

    /** Checks frame {@code index} if it was composed; true when it was. */
    private static boolean assertFrame(CanvasFrames frames, long index, byte[] expected, String what) {
        byte[] got = frame(frames, index);
        if (got != null) assertThat(CanvasFrames.difference(got, expected)).as(what).isLessThan(0.05);
        return got != null;
    }
}
