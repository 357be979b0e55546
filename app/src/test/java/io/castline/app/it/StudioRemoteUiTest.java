package io.castline.app.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowStore;
import io.castline.testing.HeadlessChromium;
import io.castline.testing.TestWorkdir;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio serves the producer's remote: the host turns it on in the Remote dialog, which shows
 * the link once as a QR code (decoded here back to the link, token in it; the token file is
 * owner-only); a phone's browser (headless Chromium, Selenium) opens the link and pins a product,
 * switches the scene and plays the next cue — the studio's docks and its program preview follow;
 * a price changed through the API is an edit the studio can undo. Reopened, the dialog no longer
 * shows the token.
 */
@ExtendWith(ApplicationExtension.class)
class StudioRemoteUiTest {
    private static Path dir;
    private Studio studio;
    private HeadlessChromium browser;

    @BeforeAll
    static void profileAndShow() throws Exception {
        dir = TestWorkdir.fresh("studio-remote-ui");
        Path config = dir.resolve("config");
        StudioUi.useProfile(config, StudioUi.lightProfile("", "", "", "",
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
        Files.writeString(config.resolve(ShowStore.FILE_NAME), """
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
                 "sources": [{"name": "Blue", "kind": "color", "color": "#2040C0"},
                             {"name": "Green", "kind": "color", "color": "#20A040"},
                             {"name": "Card", "kind": "product_card", "template": "lower_third", "locale": "en-US"}],
                 "scenes": [{"name": "Studio", "layers": [{"source": "Blue"},
                                {"source": "Card", "x": 40, "y": 250, "width": 560, "height": 100}]},
                            {"name": "Sale", "layers": [{"source": "Green"},
                                {"source": "Card", "x": 40, "y": 250, "width": 560, "height": 100}]}],
                 "program": "Studio",
                 "products": [{"sku": "TEE", "title": "Sunrise Tee", "price": "19.00", "currency": "USD", "stock": 5},
                              {"sku": "MUG", "title": "Glacier Mug", "price": "9.50", "currency": "USD"}],
                 "cues": [{"name": "Open", "scene": "Studio"}, {"name": "Mug sale", "scene": "Sale", "product": "MUG"}]}
                """);
    }

    @Start
    void start(Stage stage) {
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        if (browser != null) browser.close();
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
    }

    private String text(String id) {
        return fx(() -> {
            Node n = StudioUi.lookupAnywhere(id);
            return n instanceof Labeled l ? l.getText() : n instanceof TextField t ? t.getText() : null;
        });
    }

    private boolean visible(String id) {
        return fx(() -> {
            Node n = StudioUi.lookupAnywhere(id);
            if (n == null || !n.getScene().getWindow().isShowing()) return false;
            for (Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
            return true;
        });
    }

    private int middle() {
        return fx(() -> {
            if (!(studio.scene().lookup("#preview-picture") instanceof ImageView v) || v.getImage() == null) return -1;
            Image image = v.getImage();
            return image.getPixelReader().getArgb((int) image.getWidth() / 2, (int) image.getHeight() / 2) & 0xFFFFFF;
        });
    }

    private String shown() {
        return String.format("remote status '%s', pinned '%s', on air %s, middle %06X", text("#remote-status"),
                text("#pinned-product"), fx(() -> studio.viewModel().scenes().programSceneProperty().get()), middle());
    }

    /** What the QR code in the dialog says. */
    private String qrText() throws Exception {
        Image image = fx(() -> ((ImageView) StudioUi.lookupAnywhere("#remote-qr")).getImage());
        int w = (int) image.getWidth(), h = (int) image.getHeight();
        int[] argb = new int[w * h];
        fx(() -> {
            image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            return null;
        });
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, argb)))).getText();
    }

    @Test
    void aPhoneRunsTheStudiosShowThroughTheRemote(FxRobot robot) throws Exception {
        await("the preview", Duration.ofSeconds(20), () -> middle() >= 0, this::shown);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        robot.clickOn("#open-remote");
        await("the remote dialog", Duration.ofSeconds(5), () -> StudioUi.lookupAnywhere("#remote-dialog") != null, this::shown);
        robot.doubleClickOn("#remote-port").eraseText(6).write(String.valueOf(port)).type(KeyCode.ENTER);
        robot.clickOn("#remote-enabled");
        await("serving", Duration.ofSeconds(10), () -> String.valueOf(text("#remote-status")).startsWith("Serving"), this::shown);
        assertThat(text("#remote-status")).isEqualTo("Serving http://127.0.0.1:" + port + "/ (this computer only)");
        await("the link shown", Duration.ofSeconds(5), () -> visible("#remote-link"), this::shown);
        String link = text("#remote-link");
        Path tokenFile = dir.resolve("config").resolve("control-token");
        String token = Files.readString(tokenFile).strip();
        assertThat(link).isEqualTo("http://127.0.0.1:" + port + "/#token=" + token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(qrText()).as("the QR code is the link").isEqualTo(link);

        // closed and opened again: the token is not shown a second time
        robot.clickOn("#remote-close");
        robot.clickOn("#open-remote");
        await("the dialog again", Duration.ofSeconds(5), () -> visible("#remote-token-seen"), this::shown);
        assertThat(visible("#remote-link")).isFalse();
        assertThat(StudioUi.visibleTexts()).noneMatch(t -> t.contains(token));
        robot.clickOn("#remote-close");

        // the phone: opens the link, pins the mug, puts the sale on air, plays cues
        browser = new HeadlessChromium(dir);
        browser.open(link);
        browser.await("connected", () -> browser.text("#status").equals("connected"));
        browser.click("[data-pin='MUG']");
        await("the mug pinned in the studio", Duration.ofSeconds(10), () -> "On the card: Glacier Mug".equals(text("#pinned-product")),
                this::shown);
        browser.click("[data-scene='Sale']");
        await("the sale on air in the studio", Duration.ofSeconds(10), () -> (middle() & 0xFFFFFF) != -1
                && Math.abs((middle() >> 8 & 0xFF) - 0xA0) < 16, this::shown);
        assertThat(fx(() -> studio.viewModel().scenes().programSceneProperty().get())).isEqualTo("Sale");
        browser.click("#next-cue");
        await("the first cue: back to Studio", Duration.ofSeconds(10),
                () -> "Studio".equals(fx(() -> studio.viewModel().scenes().programSceneProperty().get())), this::shown);
        await("the studio's top bar names the next", Duration.ofSeconds(5), () -> "Next cue: Mug sale".equals(text("#top-next-cue")),
                this::shown);

        // a price from the API is an edit with undo in the studio
        HttpResponse<String> edit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/requests/SetProduct"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sku\": \"TEE\", \"price\": \"15.00\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
        assertThat(fx(() -> studio.viewModel().show().current().product("TEE").orElseThrow().price())).isEqualByComparingTo("15.00");
        await("the phone's list shows it", Duration.ofSeconds(10), () -> browser.textNow("[data-sku='TEE']", "").contains("15.00"), this::shown);
        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/requests/SetProduct"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sku\": \"TEE\", \"price\": \"-1\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("products[0].price");
        robot.clickOn("#scene-list");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await("undone in the studio", Duration.ofSeconds(5), () -> studio.viewModel().show().current().product("TEE").orElseThrow()
                .price().compareTo(new java.math.BigDecimal("19.00")) == 0, this::shown);

        HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/requests/GetSceneList"))
                .header("Authorization", "Bearer not-" + token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(token);
    }
}
