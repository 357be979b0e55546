package io.castline.it;

import io.castline.control.ControlEvents;
import io.castline.control.ControlServer;
import io.castline.control.ControlToken;
import io.castline.control.ProgramShowControl;
import io.castline.engine.Program;
import io.castline.engine.show.ShowFile;
import io.castline.testing.HeadlessChromium;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web remote in a real headless browser (Debian's chromium and chromedriver, driven with
 * Selenium): a producer taps scene, pin, countdown and Next cue buttons and the running program
 * follows; health shows the outputs; a wrong token is refused on the page.
 */
class RemotePageTest {
    private Program program;
    private ControlServer server;
    private ControlToken token;
    private HeadlessChromium browser;
    private Path dir;

    @BeforeEach
    void start() throws Exception {
        dir = TestWorkdir.fresh("remote-page");
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "sources": [{"name": "Red", "kind": "color", "color": "#E02020"},
                             {"name": "Card", "kind": "product_card", "qr": false},
                             {"name": "Deal", "kind": "countdown", "duration": 60}],
                 "scenes": [{"name": "Intro", "layers": [{"source": "Red"}]},
                            {"name": "Sell", "layers": [{"source": "Red"}, {"source": "Card", "y": 120, "height": 60},
                                                        {"source": "Deal", "width": 100, "height": 50}]}],
                 "program": "Sell", "recording": {"path": "x.mkv"},
                 "products": [{"sku": "TEE", "title": "Classic Tee", "price": "25.00", "currency": "USD", "stock": 4},
                              {"sku": "MUG", "title": "Mug", "price": "9.50", "currency": "USD"}],
                 "cues": [{"name": "Welcome", "scene": "Intro"}, {"name": "The tee", "scene": "Sell", "product": "TEE"}]}
                """);
        program = Program.start(ShowFile.read(file), dir);
        ControlEvents events = new ControlEvents();
        token = ControlToken.random();
        Map<String, Object> stats = Map.of("outputs", List.of(Map.of("name", "primary", "state", "LIVE", "kbps", 2480.0),
                Map.of("name", "backup", "state", "RECONNECTING", "kbps", 0.0)), "uplink", Map.of("verdict", "ok"));
        server = ControlServer.start(new ProgramShowControl(program, events, ProgramShowControl.alwaysLive(() -> stats)),
                events, token, 0, false);

        browser = new HeadlessChromium(dir);
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (program != null) program.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private void await(String what, BooleanSupplier condition) { browser.await(what, condition); }

    private void click(String css) { browser.click(css); }

    private String text(String css) { return browser.text(css); }

    private String attribute(String css, String name) { return browser.attribute(css, name); }

    private WebElement find(String css) { return browser.find(css); }

    @Test
    void aProducerRunsTheShowFromThePhonesBrowser() throws Exception {
        browser.open(url() + "#token=" + token.reveal());
        await("connected", () -> text("#status").equals("connected"));
        assertThat(browser.currentUrl()).as("the token leaves the address bar").doesNotContain(token.reveal());

        // health: each output's state and the uplink verdict
        await("health", () -> text("#health").contains("RECONNECTING"));
        assertThat(text("[data-output='primary']")).contains("LIVE", "2480 kbps");
        assertThat(text("#uplink")).contains("ok");
        assertThat(text("#live")).isEqualTo("LIVE");

        // scenes
        click("[data-scene='Intro']");
        await("the program switched", () -> program.programScene().equals("Intro"));
        await("the button shows it", () -> attribute("[data-scene='Intro']", "class").contains("on"));

        // products: pin, next, unpin
        click("[data-pin='TEE']");
        await("TEE pinned", () -> program.pinned().map(p -> p.sku().equals("TEE")).orElse(false));
        await("the list shows it", () -> text("[data-pin='TEE']").equals("Pinned"));
        click("#pin-next");
        await("MUG pinned", () -> program.pinned().map(p -> p.sku().equals("MUG")).orElse(false));
        click("#unpin");
        await("unpinned", () -> program.pinned().isEmpty());

        // stock edited elsewhere (the studio): the next refresh of the list shows it
        program.apply(program.show().withProducts(List.of(program.show().products().get(0).withStock(0),
                program.show().products().get(1))));
        click("[data-pin='TEE']"); // a pin refreshes every list
        await("sold out shown", () -> text("[data-sku='TEE']").contains("SOLD OUT"));

        // countdown
        click("[data-countdown-start='Deal']");
        await("the countdown runs", () -> program.countdownState("Deal").running());
        click("[data-countdown-pause='Deal']");
        await("paused", () -> !program.countdownState("Deal").running());

        // the run of show
        assertThat(text("#cue-next")).isEqualTo("Welcome");
        click("#next-cue");
        await("first cue", () -> text("#cue-current").equals("Welcome"));
        click("#next-cue");
        await("second cue", () -> program.programScene().equals("Sell"));
        await("the end of the run", () -> text("#cue-next").equals("the end"));
        assertThat(find("#next-cue").isEnabled()).isFalse();

        Files.write(dir.resolve("remote.png"), browser.screenshot());
    }

    @Test
    void aWrongTokenIsRefusedOnThePage() {
        browser.open(url() + "#token=not-the-token");
        await("refused", () -> text("#status").equals("wrong token"));
        assertThat(find("#login").isDisplayed()).as("it asks for the token").isTrue();
        find("#token").sendKeys(token.reveal());
        click("#login-form button");
        await("connected with the right one", () -> text("#status").equals("connected"));
    }
}
