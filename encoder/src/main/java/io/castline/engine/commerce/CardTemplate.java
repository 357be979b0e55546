package io.castline.engine.commerce;

import java.util.Arrays;
import java.util.Optional;

/**
 * The shapes of the product card, each drawn at its own size (a layer scales it, aspect kept).
 * {@code vertical} is for 9:16 shows: compact enough to sit in the part of a phone's screen that
 * the vertical apps leave clear of their buttons and comments.
 */
public enum CardTemplate {
    /** A bar along the bottom of a horizontal show: picture, title, prices, badge, stock, QR. */
    LOWER_THIRD("lower_third", 1280, 232),
    /** A tall card beside the host: a big picture over the title and prices. */
    SIDE("side", 560, 880),
    /** A compact card for vertical shows. */
    VERTICAL("vertical", 900, 380);

    private final String id;
    private final int width;
    private final int height;

    CardTemplate(String id, int width, int height) {
        this.id = id;
        this.width = width;
        this.height = height;
    }

    public String id() { return id; }
    public int width() { return width; }
    public int height() { return height; }

    public static Optional<CardTemplate> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(CardTemplate::id).toList());
    }
}
