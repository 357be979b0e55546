package io.castline.engine.source;

/**
 * A picture that does not move (an image, a colour, a text): straight (not premultiplied) ARGB
 * pixels, row by row. The compositor converts it once per layer geometry, not per frame.
 *
 * @param fillsLayer true when it has no shape of its own (a colour): it fills its layer whatever the fit
 */
public record Still(int width, int height, int[] argb, boolean fillsLayer) {
    /** Nothing to draw (a product card with no product pinned): its layers are left out of the plan. */
    public static final Still BLANK = new Still(1, 1, new int[]{0}, false);

    public Still {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("a still of " + width + "x" + height + " needs " + width * height + " pixels");
        }
    }

    /** True when every pixel is fully opaque. */
    public boolean opaque() {
        for (int p : argb) if (p >>> 24 != 0xff) return false;
        return true;
    }
}
