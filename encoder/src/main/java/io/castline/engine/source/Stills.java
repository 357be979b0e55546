package io.castline.engine.source;

import java.awt.image.BufferedImage;

/** Stills from Java2D pictures. */
final class Stills {
    private Stills() {}

    /** The image's pixels as straight ARGB (whatever its type: indexed PNG, grey JPEG, …). */
    static Still of(BufferedImage image, boolean fillsLayer) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        return new Still(w, h, argb, fillsLayer);
    }
}
