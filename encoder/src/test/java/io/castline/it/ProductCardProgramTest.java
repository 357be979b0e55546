package io.castline.it;

import com.sun.net.httpserver.HttpServer;
import io.castline.engine.Program;
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
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A running program's product card: pinned, edited and unpinned while the clock runs, each change on
 * the canvas within two frames of the call's return, and each canvas the same as the engine draws
 * that card on its own. Its picture comes from a web server that is busy at first. The card does
 * not animate here (ProductCardAnimationTest checks the frames of its animations).
 */
class ProductCardProgramTest {
    private static final int W = 640;
    private static final int H = 360;
    /** The card's layer: the lower third's 1280x232 at half size. */
    private static final int CARD_X = 0, CARD_Y = 244, CARD_W = 640, CARD_H = 116;

    private Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private String previousCacheDir;

    @BeforeEach
    void setUp() throws IOException {
        dir = TestWorkdir.fresh("product-card");
        previousCacheDir = System.getProperty("castline.cache.dir");
        System.setProperty("castline.cache.dir", dir.resolve("cache").toString());
        BufferedImage picture = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 300; y++) for (int x = 0; x < 300; x++) picture.setRGB(x, y, x < 150 ? 0x20C060 : 0xF0F0F0);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tee.png", exchange -> {
            // busy at first, as a shop's image CDN can be: the picture is asked for again
            if (requests.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, png.size());
                try (OutputStream out = exchange.getResponseBody()) {
                    png.writeTo(out);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
        if (previousCacheDir == null) System.clearProperty("castline.cache.dir");
        else System.setProperty("castline.cache.dir", previousCacheDir);
    }

    private Show show() throws IOException {
        String image = "http://127.0.0.1:" + server.getAddress().getPort() + "/tee.png";
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": %d, "height": %d, "fps": 30},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Card", "kind": "product_card", "template": "lower_third", "qr": false, "locale": "en-US",
                              "animation": "none"}],
                 "scenes": [{"name": "Main", "layers": [
                    {"source": "Back"},
                    {"source": "Card", "x": %d, "y": %d, "width": %d, "height": %d}]}],
                 "program": "Main", "recording": {"path": "x.mkv"},
                 "products": [
                    {"sku": "TEE", "title": "Classic Tee", "variant": "Black / M", "price": "25.00", "compare_at_price": "35.00",
                     "currency": "USD", "stock": 3, "image": "%s"},
                    {"sku": "MUG", "title": "Ceramic Mug", "price": "14.50", "currency": "USD", "image": "missing.png"}]}
                """.formatted(W, H, CARD_X, CARD_Y, CARD_W, CARD_H, image));
        return ShowFile.read(file);
    }

    @Test
    void pinEditAndUnpinReachTheCanvasWithinTwoFramesAsTheEngineDrawsTheCard() throws Exception {
        Show show = show();
        Product tee = show.product("TEE").orElseThrow();
        try (Program program = Program.start(show, dir); Frames frames = new Frames(program.compositor())) {
            byte[] empty = reference(show, null);
            frames.awaitMatch(empty, "the backdrop alone before any pin", 0);

            long before = program.compositor().nextIndex();
            assertThat(program.pin("TEE")).isEqualTo(tee);
            // the picture is not here yet (the server was busy): the card with its placeholder first…
            long at = program.compositor().nextIndex();
            byte[] placeholder = reference(show, tee, false);
            assertThat(difference(placeholder, empty)).as("the card changes the picture").isGreaterThan(10);
            long shown = frames.awaitMatch(placeholder, "the pinned card (placeholder picture)", before);
            // frame indices, not the count composed: on a busy machine a skipped frame makes the two differ
            assertThat(shown).as("the first frame with the card, frame %d next at the pin's return", at).isLessThanOrEqualTo(at + 2);
            // …then, once the second request brought it, the card with the product's picture, by itself
            byte[] withPicture = reference(show, tee, true);
            assertThat(difference(withPicture, placeholder)).as("the picture shows").isGreaterThan(1);
            frames.awaitMatch(withPicture, "the card with the picture that came", shown);
            assertThat(requests.get()).as("asked again after the 503").isEqualTo(2);

            // a price edit: the new price at the next frames
            Show cheaper = show.withProducts(List.of(tee.withPrice(new BigDecimal("19.00")), show.products().get(1)));
            program.apply(cheaper);
            at = program.compositor().nextIndex();
            byte[] newPrice = reference(cheaper, cheaper.product("TEE").orElseThrow(), true);
            assertThat(difference(newPrice, withPicture)).as("the price changes the picture").isGreaterThan(0.2);
            assertThat(frames.awaitMatch(newPrice, "the new price", at - 1)).isLessThanOrEqualTo(at + 2);

            // sold out
            Show soldOut = cheaper.withProducts(List.of(cheaper.products().get(0).withStock(0), cheaper.products().get(1)));
            program.apply(soldOut);
            at = program.compositor().nextIndex();
            assertThat(frames.awaitMatch(reference(soldOut, soldOut.product("TEE").orElseThrow(), true), "SOLD OUT", at - 1))
                    .isLessThanOrEqualTo(at + 2);

            // next: the mug, whose picture is missing: its placeholder, never an error
            assertThat(program.pinNext().sku()).isEqualTo("MUG");
            at = program.compositor().nextIndex();
            assertThat(frames.awaitMatch(reference(soldOut, soldOut.product("MUG").orElseThrow(), false), "the next product", at - 1))
                    .isLessThanOrEqualTo(at + 2);
            assertThat(program.pinNext().sku()).as("after the last, the first").isEqualTo("TEE");
            assertThat(program.pinPrevious().sku()).isEqualTo("MUG");

            program.unpin();
            at = program.compositor().nextIndex();
            assertThat(frames.awaitMatch(empty, "nothing pinned", at - 1)).isLessThanOrEqualTo(at + 2);
            assertThat(program.pinned()).isEmpty();

            assertThatThrownBy(() -> program.pin("NOPE")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no product has the SKU 'NOPE'");
            assertThat(program.compositor().skipped()).as("skipped frames").isZero();
            assertThat(program.failure()).isNull();
        }
    }

    @Test
    void aPinnedProductThatLeavesTheCatalogueIsUnpinned() throws Exception {
        Show show = show();
        try (Program program = Program.start(show, dir); Frames frames = new Frames(program.compositor())) {
            program.pin("MUG");
            program.apply(show.withProducts(List.of(show.products().get(0))));
            assertThat(program.pinned()).isEmpty();
            long at = program.compositor().nextIndex();
            frames.awaitMatch(reference(show, null), "no card", at - 1);
        }
    }

    // ---- the engine's own drawing of the card, and the frames of the program ----

    private byte[] reference(Show show, Product product) throws Exception {
        return reference(show, product, false);
    }

    /**
     * The card region's luma as a compositor of its own draws the scene with {@code product} pinned:
     * with its picture (read from the cache the program fetched it into) or with the placeholder.
     */
    private byte[] reference(Show show, Product product, boolean picture) throws Exception {
        if (product != null && !picture) {
            product = new Product(product.sku(), product.title(), product.variant(), product.price(), product.compareAtPrice(),
                    product.currency(), null, product.stock(), product.url());
        } else if (picture) {
            Path cache = dir.resolve("cache/product-images");
            LiveFixture.await("the picture in the cache", Duration.ofSeconds(10), () -> {
                try (var files = Files.list(cache)) {
                    return files.anyMatch(f -> !f.getFileName().toString().endsWith(".tmp"));
                } catch (IOException e) {
                    return false;
                }
            });
        }
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, 30), dir);
        try (OpenedSource back = SourceKinds.open(show.source("Back").orElseThrow(), context);
             OpenedSource card = SourceKinds.open(show.source("Card").orElseThrow(), context);
             ScenePlanner planner = new ScenePlanner(W, H)) {
            ((ProductCardSource) card.video()).show(product);
            Scene scene = show.scene("Main").orElseThrow();
            try (Compositor c = new Compositor(W, H, 30, planner.plan(scene, n -> n.equals("Back") ? back.video() : card.video()))) {
                c.startFreeRunning(1);
                Compositor.Canvas canvas = c.nextCanvas(5_000);
                assertThat(canvas).isNotNull();
                try {
                    return region(canvas.frame());
                } finally {
                    c.recycle(canvas);
                }
            }
        }
    }

    private static byte[] region(AVFrame f) {
        return CanvasFrames.luma(f, CARD_X, CARD_Y, CARD_W, CARD_H);
    }

    private static double difference(byte[] a, byte[] b) {
        return CanvasFrames.difference(a, b);
    }

    /** Every canvas the program composes, its card region kept. */
    private static final class Frames extends CanvasFrames {
        Frames(Compositor compositor) {
            super(compositor, CARD_X, CARD_Y, CARD_W, CARD_H);
        }
    }
}
