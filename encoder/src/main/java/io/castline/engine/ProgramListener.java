package io.castline.engine;

import io.castline.engine.commerce.Product;

/**
 * What a program tells of itself: the pins (for a recording's chapters) and the catalogue changes it
 * makes on its own (a countdown that ends sold out), which whoever keeps the show — the studio's
 * model, the control API — must take in. Called on the program's "castline-program-events" thread,
 * in order, never with the program's lock held; a listener must not block.
 */
public interface ProgramListener {
    /**
     * {@code product} is pinned on the cards from {@code frame} of the program's clock (the first
     * frame that can show it: the call's next; the card is on the canvas on it or the one after).
     */
    default void productPinned(Product product, long frame) {}

    /** Nothing is pinned from {@code frame} on. */
    default void productUnpinned(long frame) {}

    /**
     * The program changed a product of its show's catalogue ({@code product} as it now is) on
     * {@code frame}: a countdown that ends {@code sold_out} sets its stock to 0.
     */
    default void productChanged(Product product, long frame) {}
}
