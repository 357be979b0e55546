package io.castline.engine.video;

import io.castline.engine.source.CardMotion;
import io.castline.engine.source.ProductCardSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.Map;

/**
 * Draws the animated product cards of a renderer. An animation starts on the first frame that
 * draws a card's new change of product (so the pin shows on the frame it takes effect on) when the
 * card was drawn on the frame before; a card coming on screen with its scene (a cut, a transition)
 * is simply there. From that start, each frame's picture is a function of its index. A change
 * during an animation goes out from what was showing then. Clock thread only; no allocation per
 * frame (a track is made the first time a card is seen).
 */
final class CardAnimator {
    private static final long NEVER = Long.MIN_VALUE;

    /** What a renderer knows of one card: the change it draws, from which frame, and the last frame it drew it. */
    private static final class Track {
        long serial;
        ProductCardSource.Change change = ProductCardSource.Change.NONE;
        boolean hasCurrent;
        long start = NEVER;
        /** How much of the card before the change was showing when it came (the animation out starts there). */
        double before;
        long lastDrawn = NEVER;
    }

    private final int canvasWidth;
    /** Weak: a card source closed by an edit (reopened anew) is forgotten with it. */
    private final Map<ProductCardSource, Track> tracks = new java.util.WeakHashMap<>();
    private long tick = NEVER;
    private long previousTick = NEVER;

    CardAnimator(int canvasWidth) {
        this.canvasWidth = canvasWidth;
    }

    /**
     * Every frame the clock makes, whether it draws a card or not: a card last drawn before a scene
     * without it was on air was not on screen the frame before it comes back (it is simply there).
     */
    void tick(long frame) {
        if (frame != tick) {
            previousTick = tick;
            tick = frame;
        }
    }

    void draw(RenderPlan.CardItem item, AVFrame canvas, long frame, byte[] scratch) {
        tick(frame);
        int n = item.motion().frames();
        Track t = tracks.get(item.source());
        if (t == null) {
            t = new Track();
            tracks.put(item.source(), t);
            follow(t, item, NEVER, 0);
        } else if (t.serial != item.serial()) {
            boolean onScreen = t.lastDrawn == previousTick || t.lastDrawn == frame;
            follow(t, item, onScreen ? frame : NEVER, onScreen ? currentShown(t, frame, n) : 0);
        }
        t.lastDrawn = frame;
        if (t.start == NEVER) {
            draw(item.currentAt(frame), 1, item, canvas, scratch);
            return;
        }
        long k = frame - t.start;
        switch (t.change) {
            case OUT -> draw(item.previous(), t.before * (1 - CardMotion.progress(k, n)), item, canvas, scratch);
            case SWAP -> {
                if (t.before > 0 && k < n) draw(item.previous(), t.before * (1 - CardMotion.progress(k, n)), item, canvas, scratch);
                else draw(item.currentAt(frame), CardMotion.progress(t.before > 0 ? k - n : k, n), item, canvas, scratch);
            }
            default -> draw(item.currentAt(frame), CardMotion.progress(k, n), item, canvas, scratch);
        }
    }

    private static void follow(Track t, RenderPlan.CardItem item, long start, double before) {
        t.serial = item.serial();
        t.change = item.change();
        t.hasCurrent = item.current() != null;
        t.start = start;
        t.before = before;
    }

    /** How much of the card that {@code t} draws as its current one shows on {@code frame}. */
    private static double currentShown(Track t, long frame, int n) {
        if (!t.hasCurrent) return 0;
        if (t.start == NEVER) return 1;
        long k = frame - t.start;
        return switch (t.change) {
            case OUT -> 0;
            case SWAP -> t.before > 0 ? (k < n ? 0 : CardMotion.progress(k - n, n)) : CardMotion.progress(k, n);
            default -> CardMotion.progress(k, n);
        };
    }

    /** {@code card} with {@code shown} of it in: faded to that share of its alpha, or slid that far in from its edge. */
    private void draw(PreparedStill card, double shown, RenderPlan.CardItem item, AVFrame canvas, byte[] scratch) {
        if (card == null || shown <= 0) return;
        long y = FrameMemory.plane(canvas, 0);
        int yStride = FrameMemory.stride(canvas, 0);
        long u = FrameMemory.plane(canvas, 1);
        long v = FrameMemory.plane(canvas, 2);
        int cStride = FrameMemory.stride(canvas, 1);
        if (shown >= 1) {
            card.drawInto(y, yStride, u, v, cStride, scratch);
        } else if (item.motion().style() == CardMotion.Style.FADE) {
            int fade = (int) Math.round(shown * 256);
            card.drawPart(0, 0, card.width(), card.height(), card.x(), card.y(), fade, y, yStride, u, v, cStride, scratch);
        } else {
            int at = card.x() + CardMotion.slideOffset(shown, card.x(), card.width(), canvasWidth);
            int from = Math.max(0, at);
            int to = Math.min(canvasWidth, at + card.width());
            if (to > from) card.drawPart(from - at, 0, to - from, card.height(), from, card.y(), 256, y, yStride, u, v, cStride, scratch);
        }
    }
}
