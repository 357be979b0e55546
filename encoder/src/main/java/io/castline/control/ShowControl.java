package io.castline.control;

import io.castline.engine.Program.Framed;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.show.Cue;
import io.castline.engine.show.TransitionKind;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a producer can do to a running show, from the studio's hotkeys or a remote: the one set of
 * actions the control API offers. The studio implements it over its own show model (so an edit
 * from the remote is an edit with undo like any other); {@code castline live} over its program
 * ({@link ProgramShowControl}). Bad input is an {@link IllegalArgumentException} with the reason,
 * and changes nothing; an action the show cannot take now is an {@link IllegalStateException}.
 */
public interface ShowControl {
    List<String> scenes();

    String programScene();

    /** Puts {@code scene} on air; {@code kind} and {@code duration} null for the producer's transition. */
    void setProgramScene(String scene, TransitionKind kind, Duration duration) throws AvException;

    List<Product> products();

    Optional<Product> pinned();

    Product pin(String sku) throws AvException;

    void unpin() throws AvException;

    Product pinNext() throws AvException;

    Product pinPrevious() throws AvException;

    /** Changes a product's price, compare-at price or stock (null: unchanged); the card shows it from the next frame. */
    Product editProduct(String sku, BigDecimal price, BigDecimal compareAtPrice, Integer stock) throws AvException;

    // The same actions with the program frame each took effect on (the first that can show it; see
    // Program.Framed), for the answers of the control API. Where the implementation cannot tell the
    // frame (the studio acts through its own models), -1.

    default Framed<Product> pinWithFrame(String sku) throws AvException { return new Framed<>(pin(sku), -1); }

    /** The frame the cards are empty from, or -1. */
    default long unpinWithFrame() throws AvException {
        unpin();
        return -1;
    }

    default Framed<Product> pinNextWithFrame() throws AvException { return new Framed<>(pinNext(), -1); }

    default Framed<Product> pinPreviousWithFrame() throws AvException { return new Framed<>(pinPrevious(), -1); }

    default Framed<Product> editProductWithFrame(String sku, BigDecimal price, BigDecimal compareAtPrice, Integer stock)
            throws AvException {
        return new Framed<>(editProduct(sku, price, compareAtPrice, stock), -1);
    }

    Countdown startCountdown(String name) throws AvException;

    Countdown pauseCountdown(String name);

    Countdown resetCountdown(String name);

    /** The countdown sources of the show and their states. */
    Map<String, Countdown> countdowns();

    List<Cue> cues();

    /** The cue on air, or null before the first. */
    Cue currentCue();

    /** The cue Next cue plays, or null after the last. */
    Cue upcomingCue();

    Cue nextCue() throws AvException;

    boolean live();

    void goLive() throws AvException;

    void endLive();

    /** The latest statistics: outputs (state, kbps), the uplink verdict, frames (as {@code --stats} writes them). */
    Map<String, Object> stats();
}
