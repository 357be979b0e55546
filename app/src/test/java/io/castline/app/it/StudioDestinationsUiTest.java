package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Destinations as a list, through the real Settings dialog and a real nginx-rtmp: the host removes
 * the empty backup, adds two platforms (one of which refuses every publish), saves, and gets one
 * card each; Go Live carries the show to the two that take it while the refused one says why on
 * its own card. What arrived is read back with ffprobe. No stream key is ever shown.
 */
@ExtendWith(ApplicationExtension.class)
class StudioDestinationsUiTest {
    private static final String KEY = "sk_dest_primary_3c1e";
    private static final String SHOP_KEY = "sk_dest_shop_9a02";
    private static final String MARKET_KEY = "sk_dest_market_51f7";
    private static NginxRtmp ingest;
    private static Path config;
    private Studio studio;

    @BeforeAll
    static void server() throws Exception {
        Path dir = TestWorkdir.fresh("studio-destinations-ui");
        ingest = NginxRtmp.start(dir.resolve("nginx"));
        config = dir.resolve("config");
        StudioUi.useProfile(config, StudioUi.lightProfile("rtmp://127.0.0.1:" + ingest.port() + "/" + NginxRtmp.LIVE, KEY,
                "", "", new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
    }

    @AfterAll
    static void stopServer() {
        if (ingest != null) ingest.close();
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

    private String state(String output) {
        return fx(() -> ((Labeled) studio.scene().lookup("#output-" + output + "-state")).getText());
    }

    private String detail(String output) {
        return fx(() -> ((Labeled) studio.scene().lookup("#output-" + output + "-detail")).getText());
    }

    private String cards() {
        return String.join(", ", fx(() -> studio.viewModel().outputs().stream()
                .map(c -> c.name() + " " + c.stateTextProperty().get() + " (" + c.detailTextProperty().get() + ")").toList()));
    }

    /** What the settings dialog says needs attention. */
    private String summary() {
        return fx(() -> ((Labeled) new FxRobot().lookup("#settings-summary").query()).getText());
    }

    /** Picks {@code value} in the combo box {@code id} from its open list (a text elsewhere may say the same). */
    private static void choose(FxRobot robot, String id, String value) {
        reveal(robot, id);
        robot.clickOn(id);
        javafx.scene.Node cell = robot.lookup(".combo-box-popup .list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> value.equals(c.getText())).query();
        robot.clickOn(cell);
    }

    private static void replaceText(FxRobot robot, String id, String text) {
        fx(() -> {
            ((TextField) robot.lookup(id).query()).clear();
            return null;
        });
        write(robot, id, text);
    }

    /** Clicks into a field of the (scrolling) Stream tab, brought into view first as a host would scroll, and types. */
    private static void write(FxRobot robot, String id, String text) {
        reveal(robot, id);
        robot.clickOn(id).write(text);
    }

    private static void reveal(FxRobot robot, String id) {
        fx(() -> {
            io.castline.app.ui.Scrolling.reveal(robot.lookup(id).query());
            return null;
        });
    }

    @Test
    void addedDestinationsGetACardEachAndGoLiveBesideARefusedOne(FxRobot robot) throws Exception {
        assertThat(cards()).startsWith("primary READY").contains("backup OFF");
        robot.clickOn("#open-settings");
        await("the settings dialog", Duration.ofSeconds(5), () -> robot.lookup("#field-primary").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));

        robot.clickOn("#remove-backup");
        await("the backup's section gone", Duration.ofSeconds(5), () -> robot.lookup("#field-backup").tryQuery().isEmpty(),
                () -> String.join(" | ", visibleTexts()));
        robot.clickOn("#add-destination");
        await("the new destination's name chosen to type over", Duration.ofSeconds(5),
                () -> robot.lookup("#field-destination-2-name").query().isFocused(), this::summary);
        reveal(robot, "#add-destination");
        robot.clickOn("#add-destination");
        await("the second one's", Duration.ofSeconds(5),
                () -> robot.lookup("#field-destination-3-name").query().isFocused(), this::summary);
        // a second "primary" is refused at its role, by the engine's rule for a show's outputs
        choose(robot, "#field-destination-2-role", "primary");
        await("two primaries refused", Duration.ofSeconds(5), () -> robot.lookup("#error-outputs").queryLabeled().isVisible(),
                this::summary);
        assertThat(fx(() -> robot.lookup("#error-outputs").queryLabeled().getText())).contains("role primary; one may");
        assertThat(fx(() -> robot.lookup("#settings-save").query().isDisabled())).isTrue();
        choose(robot, "#field-destination-2-role", "extra");

        replaceText(robot, "#field-destination-2-name", "shop");
        write(robot, "#field-destination-2", "rtmp://127.0.0.1:" + ingest.port() + "/" + NginxRtmp.LIVE);
        write(robot, "#field-destination-2-key", SHOP_KEY);
        // a name taken twice is refused at the second one's name field
        replaceText(robot, "#field-destination-3-name", "Shop");
        await("the name refused", Duration.ofSeconds(5),
                () -> robot.lookup("#error-destination-3-name").queryLabeled().isVisible()
                        && robot.lookup("#error-destination-3-name").queryLabeled().getText().contains("name of another output"),
                this::summary);
        assertThat(fx(() -> robot.lookup("#settings-save").query().isDisabled())).isTrue();
        replaceText(robot, "#field-destination-3-name", "market");
        write(robot, "#field-destination-3", "rtmp://127.0.0.1:" + ingest.port() + "/" + NginxRtmp.DENY);
        write(robot, "#field-destination-3-key", MARKET_KEY);
        assertThat(fx(() -> ((Labeled) robot.lookup("#title-destination-3").query()).getText()))
                .isEqualTo("Market · another platform");
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(SHOP_KEY).contains(MARKET_KEY));
        Snapshots.save(robot.lookup("#settings-dialog").query().getScene(), "settings-destinations");
        await("Save enabled", Duration.ofSeconds(5), () -> !robot.lookup("#settings-save").query().isDisabled(),
                this::summary);
        reveal(robot, "#settings-save");
        robot.clickOn("#settings-save");

        await("a card per destination", Duration.ofSeconds(5), () -> cards().startsWith("primary READY")
                && cards().contains("shop READY") && cards().contains("market READY"), this::cards);
        assertThat(fx(() -> studio.viewModel().outputs().stream().map(c -> c.name()).toList()))
                .containsExactly("primary", "shop", "market", "recording");
        assertThat(studio.scene().lookup("#output-backup")).as("the removed backup's card").isNull();
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#output-shop-url")).getText()))
                .isEqualTo("rtmp://127.0.0.1:" + ingest.port() + "/live/••••");
        StudioProfile saved = new ProfileStore(config).load().profile();
        assertThat(saved.outputs()).extracting(StudioProfile.Output::name, StudioProfile.Output::role)
                .containsExactly(tuple("primary", "primary"), tuple("shop", "extra"), tuple("market", "extra"));
        assertThat(saved.ingest("shop").key()).as("from the key store").isEqualTo(SHOP_KEY);

        robot.clickOn("#go-live");
        await("the pre-flight", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent(),
                this::cards);
        robot.clickOn("#preflight-go-live");
        await("primary and shop LIVE, market refused", Duration.ofSeconds(25), () -> state("primary").equals("LIVE")
                && state("shop").equals("LIVE") && List.of("FAILED", "RECONNECTING").contains(state("market")), this::cards);
        assertThat(detail("market")).as("the refused one says why on its own card").isNotBlank();
        StudioUi.sleep(3_000);
        assertThat(state("primary")).isEqualTo("LIVE");
        assertThat(state("shop")).isEqualTo("LIVE");
        Snapshots.save(studio.scene(), "studio-three-destinations");
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(KEY).contains(SHOP_KEY).contains(MARKET_KEY));
        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5),
                () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(), this::cards);
        robot.clickOn("#confirm-end-live");
        await("off air", Duration.ofSeconds(30),
                () -> studio.viewModel().liveStateProperty().get() == io.castline.app.studio.LiveState.OFF_AIR, this::cards);

        ingest.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
        ingest.awaitPublishesFinished(NginxRtmp.LIVE, SHOP_KEY, 1, Duration.ofSeconds(10));
        for (String key : List.of(KEY, SHOP_KEY)) {
            assertThat(ingest.recordings(key)).as(key).singleElement().satisfies(f ->
                    assertThat(Ffprobe.probe(f).videoFrameCount()).as("frames that reached " + key).isGreaterThan(60));
        }
        assertThat(ingest.recordings(MARKET_KEY)).as("the refused one").isEmpty();
    }
}
