package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowStore;
import io.castline.engine.show.ShowFile;
import io.castline.testing.TestWorkdir;
import javafx.scene.control.Labeled;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer runs a flash sale from the studio's keys and docks, with the real engine: pins the
 * first product with its hotkey (the card appears on the program preview), changes its price live
 * in the products dock (the card's picture changes, the show file has the new price; undo brings
 * back the very same picture), plays the run of show with Next cue (the sale scene on air, the
 * other product pinned, the countdown running in the dock and on the picture) and takes the card
 * down with its hotkey. Every step is read from the program preview's pixels.
 */
@ExtendWith(ApplicationExtension.class)
class StudioSellingUiTest {
    /** The card's rectangle on the 640×360 canvas, as shares of the picture. */
    private static final double CARD_X = 40 / 640.0, CARD_Y = 250 / 360.0, CARD_W = 560 / 640.0, CARD_H = 100 / 360.0;
    private static final int BLUE = 0x2040C0, GREEN = 0x20A040;
    private static Path dir;
    private Studio studio;

    @BeforeAll
    static void profileAndShow() throws Exception {
        dir = TestWorkdir.fresh("studio-selling-ui");
        Path config = dir.resolve("config");
        StudioUi.useProfile(config, StudioUi.lightProfile("", "", "", "",
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
        Files.writeString(config.resolve(ShowStore.FILE_NAME), """
                {
                  "version": 2,
                  "canvas": {"width": 640, "height": 360, "fps": 30},
                  "sources": [
                    {"name": "Blue", "kind": "color", "color": "#2040C0"},
                    {"name": "Green", "kind": "color", "color": "#20A040"},
                    {"name": "Card", "kind": "product_card", "template": "lower_third", "locale": "en-US"},
                    {"name": "Timer", "kind": "countdown", "duration": 20, "size": 60},
                    {"name": "Flash", "kind": "countdown", "duration": 2, "size": 30, "product": "TEE", "at_end": "sold_out"}
                  ],
                  "scenes": [
                    {"name": "Studio", "layers": [
                      {"source": "Blue"},
                      {"source": "Flash", "x": 0, "y": 0, "width": 80, "height": 40},
                      {"source": "Card", "x": 40, "y": 250, "width": 560, "height": 100}]},
                    {"name": "Sale", "layers": [
                      {"source": "Green"},
                      {"source": "Timer", "x": 220, "y": 20, "width": 200, "height": 100},
                      {"source": "Card", "x": 40, "y": 250, "width": 560, "height": 100}]}
                  ],
                  "program": "Studio",
                  "products": [
                    {"sku": "TEE", "title": "Sunrise Tee", "variant": "M", "price": "19.00", "compare_at_price": "29.00",
                     "currency": "USD", "stock": 5},
                    {"sku": "MUG", "title": "Glacier Mug", "price": "9.50", "currency": "USD"}
                  ],
                  "cues": [
                    {"name": "Open", "scene": "Studio"},
                    {"name": "Mug sale", "scene": "Sale", "product": "MUG", "countdown": "Timer"}
                  ]
                }
                """);
    }

    @Start
    void start(Stage stage) {
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
    }

    /** The program preview's picture, or null before the first. */
    private Image picture() {
        return fx(() -> studio.scene().lookup("#preview-picture") instanceof ImageView v ? v.getImage() : null);
    }

    /** The pixels of the card's rectangle in the preview (0xRRGGBB), or null before the first picture. */
    private int[] card() {
        return fx(() -> {
            Image image = picture();
            if (image == null) return null;
            int x0 = (int) Math.ceil(image.getWidth() * CARD_X) + 1, y0 = (int) Math.ceil(image.getHeight() * CARD_Y) + 1;
            int w = (int) (image.getWidth() * CARD_W) - 2, h = (int) (image.getHeight() * CARD_H) - 2;
            int[] px = new int[w * h];
            PixelReader r = image.getPixelReader();
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y * w + x] = r.getArgb(x0 + x, y0 + y) & 0xFFFFFF;
            return px;
        });
    }

    /** How many pixels of the card's rectangle are not the scene's backdrop colour (within a few levels). */
    private long cardPixels(int backdrop) {
        int[] px = card();
        return px == null ? -1 : Arrays.stream(px).filter(p -> !near(p, backdrop)).count();
    }

    private int middle() {
        return fx(() -> {
            Image image = picture();
            return image == null ? -1 : image.getPixelReader().getArgb((int) image.getWidth() / 2, (int) image.getHeight() / 2) & 0xFFFFFF;
        });
    }

    private static boolean near(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)) > 12) return false;
        }
        return true;
    }

    private String text(String id) {
        return fx(() -> ((Labeled) studio.scene().lookup(id)).getText());
    }

    private String shown() {
        return String.format("middle %06X, card pixels off the blue %d, pinned '%s', on air %s, countdown %s", middle(),
                cardPixels(BLUE), text("#pinned-product"), fx(() -> studio.viewModel().scenes().programSceneProperty().get()),
                text("#countdown-Timer-time"));
    }

    private void keys(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(key).release(KeyCode.SHIFT, KeyCode.CONTROL);
    }

    @Test
    void aProducerRunsAFlashSaleFromTheKeysAndTheDocks(FxRobot robot) throws Exception {
        await("the preview of the Studio scene", Duration.ofSeconds(20), () -> near(middle(), BLUE), this::shown);
        assertThat(cardPixels(BLUE)).as("nothing pinned: no card").isZero();
        assertThat(text("#pinned-product")).isEqualTo("No card up");

        // the pin-next hotkey: the first product's card on the program
        keys(robot, KeyCode.PERIOD);
        await("the tee's card on the program", Duration.ofSeconds(10), () -> cardPixels(BLUE) > 2_000, this::shown);
        assertThat(text("#pinned-product")).isEqualTo("On the card: Sunrise Tee — M");
        await("the card's picture settled", Duration.ofSeconds(5), () -> Arrays.equals(card(), settle()), this::shown);
        int[] at19 = card();

        // a live price edit in the dock: the card's picture changes; the show file has it
        robot.clickOn("Sunrise Tee — M");
        robot.doubleClickOn("#product-price").eraseText(8).write("12.00").type(KeyCode.ENTER);
        await("the new price in the show", Duration.ofSeconds(5), () -> studio.viewModel().show().current().product("TEE")
                .orElseThrow().price().compareTo(new BigDecimal("12.00")) == 0, this::shown);
        await("the card redrawn with the new price", Duration.ofSeconds(10), () -> !Arrays.equals(card(), at19), this::shown);
        assertThat(cardPixels(BLUE)).as("still a card").isGreaterThan(2_000);
        Path file = dir.resolve("config").resolve(ShowStore.FILE_NAME);
        await("the show saved", Duration.ofSeconds(5), () -> ShowFile.parse(file).product("TEE").orElseThrow().price()
                .compareTo(new BigDecimal("12.00")) == 0, this::shown);

        // a price the rules refuse is said under the fields, and nothing changes
        robot.doubleClickOn("#product-price").eraseText(8).write("-3").type(KeyCode.ENTER);
        await("the refusal", Duration.ofSeconds(5), () -> fx(() -> studio.scene().lookup("#product-problem").isVisible()), this::shown);
        assertThat(text("#product-problem")).contains("products[0].price");
        assertThat(fx(() -> studio.viewModel().show().current().product("TEE").orElseThrow().price())).isEqualByComparingTo("12.00");

        // undo (the focus out of the field): the price and the very same picture come back
        robot.clickOn("#product-list");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await("the old price back", Duration.ofSeconds(5), () -> studio.viewModel().show().current().product("TEE")
                .orElseThrow().price().compareTo(new BigDecimal("19.00")) == 0, this::shown);
        await("the card as it was at 19.00", Duration.ofSeconds(10), () -> Arrays.equals(card(), at19), this::shown);
        assertThat(text("#pinned-product")).as("undo never takes a card down").isEqualTo("On the card: Sunrise Tee — M");

        // Next cue twice: "Open" (the scene already on air), then the mug sale
        assertThat(text("#top-next-cue")).isEqualTo("Next cue: Open");
        keys(robot, KeyCode.N);
        await("the first cue played", Duration.ofSeconds(5), () -> "Next cue: Mug sale".equals(text("#top-next-cue")), this::shown);
        robot.clickOn("#top-next-cue");
        await("the sale scene on air", Duration.ofSeconds(10), () -> near(middle(), GREEN), this::shown);
        await("the mug pinned", Duration.ofSeconds(5), () -> "On the card: Glacier Mug".equals(text("#pinned-product")), this::shown);
        assertThat(text("#top-next-cue")).isEqualTo("End of the run of show");
        assertThat(fx(() -> studio.scene().lookup("#top-next-cue").isDisabled())).isTrue();
        await("the countdown running in the dock", Duration.ofSeconds(5),
                () -> text("#countdown-Timer-time").compareTo("00:19") <= 0 && text("#countdown-Timer-time").startsWith("00:1"),
                this::shown);
        String before = text("#countdown-Timer-time");
        int[] timer = timerPixels();
        await("a second later, a second less", Duration.ofSeconds(5), () -> text("#countdown-Timer-time").compareTo(before) < 0,
                this::shown);
        await("and on the picture", Duration.ofSeconds(5), () -> !Arrays.equals(timerPixels(), timer), this::shown);

        // the countdown hotkey pauses the countdown on air: the dock and the picture stand still; again, it runs on
        keys(robot, KeyCode.D);
        await("paused", Duration.ofSeconds(5), () -> "Timer: paused".equals(fx(() -> ((Labeled) studio.scene()
                .lookup("#countdown-Timer-time")).getTooltip().getText())), this::shown);
        StudioUi.sleep(300); // a frame read before the pause may still be on its way
        String stopped = text("#countdown-Timer-time");
        int[] still = timerPixels();
        StudioUi.sleep(1_500);
        assertThat(text("#countdown-Timer-time")).as("paused in the dock").isEqualTo(stopped);
        assertThat(timerPixels()).as("and on the picture").isEqualTo(still);
        keys(robot, KeyCode.D);
        await("running again", Duration.ofSeconds(5), () -> text("#countdown-Timer-time").compareTo(stopped) < 0, this::shown);
        Snapshots.save(studio.scene(), "studio-selling");

        // the unpin hotkey takes the card down
        keys(robot, KeyCode.U);
        await("no card", Duration.ofSeconds(10), () -> cardPixels(GREEN) == 0, this::shown);
        assertThat(text("#pinned-product")).isEqualTo("No card up");

        // a two-second countdown that ends the tee's sale sold out: the show takes it in (saved, with undo)
        robot.clickOn("#countdown-Flash-start");
        await("the tee sold out in the studio's show", Duration.ofSeconds(10), () -> Integer.valueOf(0).equals(
                studio.viewModel().show().current().product("TEE").orElseThrow().stock()), this::shown);
        await("the dock says so", Duration.ofSeconds(5), () -> robot.lookup("#product-list").queryAs(javafx.scene.control.ListView.class)
                .lookupAll(".label").stream().anyMatch(n -> ((Labeled) n).getText().contains("SOLD OUT")), this::shown);
        await("saved", Duration.ofSeconds(5), () -> Integer.valueOf(0).equals(ShowFile.parse(file).product("TEE").orElseThrow().stock()),
                this::shown);
        await("the dock's countdown at its end", Duration.ofSeconds(5), () -> "00:00".equals(text("#countdown-Flash-time")), this::shown);

        // the last mug went: one click in the dock marks it sold out (saved); undo brings it back
        robot.clickOn("Glacier Mug");
        assertThat(fx(() -> studio.scene().lookup("#product-sold-out").isDisabled())).as("the mug is still for sale").isFalse();
        robot.clickOn("#product-sold-out");
        await("the mug sold out in the show", Duration.ofSeconds(5), () -> Integer.valueOf(0).equals(
                studio.viewModel().show().current().product("MUG").orElseThrow().stock()), this::shown);
        await("saved", Duration.ofSeconds(5), () -> Integer.valueOf(0).equals(ShowFile.parse(file).product("MUG").orElseThrow().stock()),
                this::shown);
        await("nothing more to mark", Duration.ofSeconds(5), () -> fx(() -> studio.scene().lookup("#product-sold-out").isDisabled()),
                this::shown);
        assertThat(fx(() -> ((javafx.scene.control.TextField) studio.scene().lookup("#product-stock")).getText())).isEqualTo("0");
        robot.clickOn("#product-list");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await("the mug for sale again, stock not tracked", Duration.ofSeconds(5), () -> studio.viewModel().show().current()
                .product("MUG").orElseThrow().stock() == null, this::shown);
    }

    /** The card's pixels a moment later (the first pictures of a card may still be a frame behind). */
    private int[] settle() {
        StudioUi.sleep(400);
        return card();
    }

    /** The countdown's rectangle (220, 20, 200×100 on the canvas) in the preview. */
    private int[] timerPixels() {
        return fx(() -> {
            Image image = picture();
            PixelReader r = image.getPixelReader();
            int x0 = (int) (image.getWidth() * 230 / 640), y0 = (int) (image.getHeight() * 30 / 360);
            int w = (int) (image.getWidth() * 180 / 640), h = (int) (image.getHeight() * 80 / 360);
            int[] px = new int[w * h];
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y * w + x] = r.getArgb(x0 + x, y0 + y) & 0xFFFFFF;
            return px;
        });
    }
}
