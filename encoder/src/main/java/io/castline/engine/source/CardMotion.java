package io.castline.engine.source;

import java.util.Locale;

/**
 * How a product card comes and goes: {@code style} (slide in from the nearer side edge of the
 * canvas, fade, or none) over {@code frames} frames of the media clock. Frame k (0 on the frame
 * the new pin is first drawn) of an animation in shows {@link #progress}(k) of the card: (k+1)/n,
 * so the first frame already moves and frame n−1 is the card in place; out shows 1 − that, so
 * its last frame is the card gone.
 */
public record CardMotion(Style style, int frames) {
    public enum Style {
        NONE, SLIDE, FADE;

        public String id() { return name().toLowerCase(Locale.ROOT); }
    }

    public static final CardMotion NONE = new CardMotion(Style.NONE, 1);

    public CardMotion {
        frames = Math.max(1, frames);
    }

    public boolean animated() { return style != Style.NONE; }

    /** How much of the card is in on frame {@code k} of an animation in of {@code n} frames: (k+1)/n, at most 1. */
    public static double progress(long k, int n) {
        return k < 0 ? 0 : Math.min(1.0, (k + 1) / (double) n);
    }

    /**
     * Where a sliding card stands when {@code shown} of it is in (0..1): its offset from its place
     * in even canvas pixels, eased out (1 − (1 − shown)², fast first and settling, as broadcast
     * graphics move). A card whose centre is in the left half comes from the left edge (negative
     * offsets down to −(x + width), fully off), else from the right (up to canvas width − x).
     */
    public static int slideOffset(double shown, int x, int width, int canvasWidth) {
        double eased = 1 - (1 - shown) * (1 - shown);
        boolean fromLeft = x + width / 2.0 <= canvasWidth / 2.0;
        double distance = fromLeft ? x + width : canvasWidth - x;
        int offset = 2 * (int) Math.round(distance * (1 - eased) / 2);
        return fromLeft ? -offset : offset;
    }
}
