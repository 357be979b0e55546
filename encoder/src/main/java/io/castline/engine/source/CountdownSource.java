package io.castline.engine.source;

import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.CountdownFace;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A countdown's source: no thread and no frames. Its face (background and digits) is made once;
 * its state is swapped whole by start, pause and reset, and the compositor reads it each tick to
 * pick the digits of that frame.
 */
public final class CountdownSource implements VideoSource {
    /**
     * What happens once it has run out: it stays at 00:00, it is hidden, the program cuts to
     * {@link #endScene()}, its product is sold out, or its deal price ends (the card shows the
     * regular price again).
     */
    public enum AtEnd {
        STAY, HIDE, SCENE, SOLD_OUT, RESTORE_PRICE;

        /** True when the end changes the card of the countdown's product. */
        public boolean changesProduct() { return this == SOLD_OUT || this == RESTORE_PRICE; }

        /** The show file's word: "stay", "sold_out", … */
        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

        /** The end action the show file names, or null for an unknown one. */
        public static AtEnd of(String id) {
            for (AtEnd a : values()) if (a.id().equals(id)) return a;
            return null;
        }
    }

    private final String name;
    private final int fps;
    private final AtEnd atEnd;
    private final String endScene;
    private final String product;
    private final java.math.BigDecimal dealPrice;
    private final Still background;
    private final Still[] digits = new Still[10];
    private final CountdownFace face;
    private final AtomicReference<Countdown> state;

    CountdownSource(String name, CountdownFace face, Countdown ready, int fps, AtEnd atEnd, String endScene,
                    String product, java.math.BigDecimal dealPrice) {
        this.name = name;
        this.endScene = endScene;
        this.product = product;
        this.dealPrice = dealPrice;
        this.face = face;
        this.fps = fps;
        this.atEnd = atEnd;
        this.state = new AtomicReference<>(ready);
        this.background = Stills.of(face.background(), false);
        for (int d = 0; d < 10; d++) digits[d] = Stills.of(face.digit(d), false);
    }

    public CountdownFace face() { return face; }
    public Still background() { return background; }
    public Still digit(int d) { return digits[d]; }
    public int fps() { return fps; }
    public AtEnd atEnd() { return atEnd; }
    /** The scene the program cuts to on the frame it runs out ({@link AtEnd#SCENE}), else null. */
    public String endScene() { return endScene; }
    public Countdown state() { return state.get(); }
    /** The SKU of the product the countdown is about, or null: the product pinned when it starts. */
    public String product() { return product; }
    /** The price its product sells at while it runs (and while paused), or null for none. */
    public java.math.BigDecimal dealPrice() { return dealPrice; }

    /**
     * The {@code deal_price} setting as an amount (text "19.99", as prices are written in the
     * catalogue, or a number), read with the catalogue's {@link io.castline.engine.commerce.Amounts};
     * null when it is not set or is no amount.
     */
    public static java.math.BigDecimal dealPriceOf(SourceConfig config) {
        Object v = config.settings().get("deal_price");
        return v == null ? null : io.castline.engine.commerce.Amounts.parse(v.toString());
    }

    /** Counts down from frame {@code frame} of the program on; returns the new state. */
    public Countdown start(long frame) { return state.updateAndGet(c -> c.start(frame)); }
    public Countdown pause(long frame) { return state.updateAndGet(c -> c.pause(frame)); }
    public Countdown reset() { return state.updateAndGet(Countdown::reset); }

    @Override public String name() { return name; }
    @Override public String label() { return "countdown"; }
    @Override public void start() {}
    @Override public AVFrame takeLatest() { return null; }
    @Override public boolean hasFrames() { return false; }
    @Override public String problem() { return null; }
    @Override public void close() {}
}
