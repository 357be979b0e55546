package io.castline.it;

import io.castline.engine.Program;
import io.castline.engine.ProgramListener;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
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

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A countdown about a product on a running program: while it runs (and while paused) the card shows
 * the deal price with the regular one struck through, and from exactly its end frame the card is the
 * one after its end (SOLD OUT, or the regular price again), each frame compared with the engine's
 * own drawing of that card.
 */
class CountdownDealProgramTest {
    private static final int W = 640, H = 360, FPS = 30;
    /** The card's layer: the lower third's 1280x232 at half size. */
    private static final int CARD_X = 0, CARD_Y = 244, CARD_W = 640, CARD_H = 116;

    private Show show(Path dir, String atEnd, String product) throws Exception {
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": %d, "height": %d, "fps": %d},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Card", "kind": "product_card", "template": "lower_third", "qr": false, "locale": "en-US"},
                             {"name": "Deal", "kind": "countdown", "duration": 2, "deal_price": "19.00", "at_end": "%s"%s}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"},
                    {"source": "Deal", "x": 160, "y": 20, "width": 320, "height": 160},
                    {"source": "Card", "x": %d, "y": %d, "width": %d, "height": %d}]}],
                 "program": "Main", "recording": {"path": "x.mkv"},
                 "products": [
                    {"sku": "TEE", "title": "Classic Tee", "variant": "Black / M", "price": "25.00", "compare_at_price": "35.00",
                     "currency": "USD", "stock": 3},
                    {"sku": "MUG", "title": "Ceramic Mug", "price": "14.50", "currency": "USD"}]}
                """.formatted(W, H, FPS, atEnd, product == null ? "" : ", \"product\": \"" + product + "\"",
                CARD_X, CARD_Y, CARD_W, CARD_H));
        return ShowFile.read(file);
    }

    /** The listener's record of the program's catalogue changes: "SKU stock@frame". */
    private static final class Heard implements ProgramListener {
        final List<String> changes = new CopyOnWriteArrayList<>();

        @Override public void productChanged(Product product, long frame) {
            changes.add(product.sku() + " " + product.stock() + "@" + frame);
        }
    }

    @Test
    void aDealThatEndsSoldOutShowsTheDealPriceThenSoldOutFromTheEndFrame() throws Exception {
        Path dir = TestWorkdir.fresh("countdown-sold-out");
        Show show = show(dir, "sold_out", "TEE");
        Product tee = show.product("TEE").orElseThrow();
        Product deal = tee.withPrice(new BigDecimal("19.00")).withCompareAtPrice(new BigDecimal("25.00"));
        byte[] regular = reference(dir, show, tee);
        byte[] atDeal = reference(dir, show, deal);
        byte[] soldOut = reference(dir, show, tee.withStock(0));
        assertThat(CanvasFrames.difference(atDeal, regular)).as("the deal price changes the card").isGreaterThan(0.2);
        assertThat(CanvasFrames.difference(soldOut, atDeal)).as("SOLD OUT changes the card").isGreaterThan(1);
        Heard heard = new Heard();
        try (Program program = Program.start(show, dir);
             CanvasFrames frames = new CanvasFrames(program.compositor(), CARD_X, CARD_Y, CARD_W, CARD_H)) {
            program.addListener(heard);
            program.pin("TEE");
            frames.awaitMatch(regular, "the regular card before the start", -1);
            long before = program.compositor().nextIndex();
            Countdown started = program.startCountdown("Deal");
            long end = started.endFrame();
            long shown = frames.awaitMatch(atDeal, "the deal price once started", before - 1);
            // drawn before the anchor is taken: on the countdown's first frame, or the next when the clock was drawing it
            assertThat(shown).as("the first frame with the deal price (the countdown's first: %d)", started.anchorFrame())
                    .isLessThanOrEqualTo(started.anchorFrame() + 1);
            frames.awaitIndex(end + 15);
            int checked = 0;
            for (CanvasFrames.Taken t : frames.taken()) {
                if (t.index() < shown) continue;
                byte[] expected = t.index() < end ? atDeal : soldOut;
                assertThat(CanvasFrames.difference(t.region(), expected)).as("frame %d (end frame %d): %s", t.index(), end,
                        t.index() < end ? "the deal price" : "SOLD OUT").isLessThan(0.05);
                checked++;
            }
            assertThat(checked).isGreaterThan(2 * FPS - 3);
            // the sale is in the show's catalogue, as after a real one, and the listeners heard it with its frame
            assertThat(program.show().product("TEE").orElseThrow().stock()).isZero();
            LiveFixture.await("the change told", java.time.Duration.ofSeconds(5), () -> !heard.changes.isEmpty());
            assertThat(heard.changes).containsExactly("TEE 0@" + end);
            // a reset ends the run; the stock stays 0 (it was sold)
            program.resetCountdown("Deal");
            long at = program.compositor().nextIndex();
            frames.awaitIndex(at + 5);
            assertThat(CanvasFrames.difference(frames.taken().get(frames.taken().size() - 1).region(), soldOut)).isLessThan(0.05);
            assertThat(program.compositor().skipped()).isZero();
            assertThat(program.failure()).isNull();
        }
    }

    @Test
    void restorePriceEndsTheDealOnTheEndFrameAndAPauseKeepsIt() throws Exception {
        Path dir = TestWorkdir.fresh("countdown-restore");
        Show show = show(dir, "restore_price", null); // about the pinned product
        Product mug = show.product("MUG").orElseThrow();
        Product deal = mug.withPrice(new BigDecimal("19.00")).withCompareAtPrice(mug.price());
        Heard heard = new Heard();
        try (Program program = Program.start(show, dir);
             CanvasFrames frames = new CanvasFrames(program.compositor(), CARD_X, CARD_Y, CARD_W, CARD_H)) {
            program.addListener(heard);
            // nothing pinned: the countdown cannot know its product, and nothing starts
            assertThatThrownBy(() -> program.startCountdown("Deal")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("none is pinned");
            assertThat(program.countdownState("Deal").running()).isFalse();
            program.pin("MUG");
            // 19.00 is not below the mug's 14.50: refused, nothing changes
            assertThatThrownBy(() -> program.startCountdown("Deal")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the countdown 'Deal': deal_price: 19.00 is not below the price of 'MUG' (14.50 USD)");
            assertThat(program.countdownState("Deal").running()).isFalse();

            Show cheaper = show.withProducts(List.of(show.products().get(0), mug.withPrice(new BigDecimal("29.00"))));
            program.apply(cheaper);
            Product dearMug = cheaper.product("MUG").orElseThrow();
            byte[] regular = reference(dir, cheaper, dearMug);
            byte[] atDeal = reference(dir, cheaper, dearMug.withPrice(new BigDecimal("19.00")).withCompareAtPrice(dearMug.price()));
            assertThat(deal.price()).isEqualByComparingTo("19.00");

            // paused: the deal price stays on the card
            Countdown running = program.startCountdown("Deal");
            frames.awaitMatch(atDeal, "the deal price", running.anchorFrame() - 1);
            Countdown paused = program.pauseCountdown("Deal");
            frames.awaitIndex(paused.anchorFrame() + 20);
            for (CanvasFrames.Taken t : frames.taken()) {
                if (t.index() >= paused.anchorFrame() - 1) {
                    assertThat(CanvasFrames.difference(t.region(), atDeal)).as("frame %d, paused", t.index()).isLessThan(0.05);
                }
            }
            // resumed to its end: the regular price from the end frame on
            Countdown resumed = program.startCountdown("Deal");
            long end = resumed.endFrame();
            frames.awaitIndex(end + 15);
            int after = 0;
            for (CanvasFrames.Taken t : frames.taken()) {
                if (t.index() < resumed.anchorFrame()) continue;
                byte[] expected = t.index() < end ? atDeal : regular;
                assertThat(CanvasFrames.difference(t.region(), expected)).as("frame %d (end frame %d)", t.index(), end)
                        .isLessThan(0.05);
                if (t.index() >= end) after++;
            }
            assertThat(after).isGreaterThan(10);
            assertThat(program.show().product("MUG").orElseThrow()).as("the catalogue is untouched").isEqualTo(dearMug);
            assertThat(heard.changes).isEmpty();
            assertThat(program.failure()).isNull();
        }
    }

    /** The card region as a compositor of its own draws the scene's card with {@code product} (the countdown left out). */
    private static byte[] reference(Path dir, Show show, Product product) throws Exception {
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, FPS), dir);
        try (OpenedSource back = SourceKinds.open(show.source("Back").orElseThrow(), context);
             OpenedSource card = SourceKinds.open(show.source("Card").orElseThrow(), context);
             ScenePlanner planner = new ScenePlanner(W, H)) {
            ((ProductCardSource) card.video()).show(product);
            Scene main = show.scene("Main").orElseThrow();
            Scene scene = new Scene("Main", List.of(main.layers().get(0), main.layers().get(2)));
            try (Compositor c = new Compositor(W, H, FPS, planner.plan(scene, n -> n.equals("Back") ? back.video() : card.video()))) {
                c.startFreeRunning(1);
                Compositor.Canvas canvas = c.nextCanvas(5_000);
                assertThat(canvas).isNotNull();
                try {
                    return CanvasFrames.luma(canvas.frame(), CARD_X, CARD_Y, CARD_W, CARD_H);
                } finally {
                    c.recycle(canvas);
                }
            }
        }
    }
}
