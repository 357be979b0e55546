package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.TestWorkdir;
import io.castline.testing.WhipReceiver;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WHIP destination in the studio, against headless Chromium behind a test WHIP endpoint: Test
 * connection says Connected with the right key as the bearer token and why not (401) with a wrong
 * one; Go Live sends WebRTC that Chromium decodes. The keys are never on screen.
 */
@ExtendWith(ApplicationExtension.class)
class StudioWhipUiTest {
    private static final String TOKEN = "studio-whip-token-8w3";
    private static final String WRONG = "studio-wrong-token-2m";
    private Path dir;
    private Studio studio;
    private WhipReceiver receiver;

    @Start
    void start(Stage stage) throws Exception {
        dir = TestWorkdir.fresh("studio-whip-ui");
        receiver = new WhipReceiver(dir, TOKEN);
        String server = "whip://127.0.0.1:" + receiver.port() + WhipReceiver.PATH;
        // WebRTC takes H.264 without B-frames, baseline or main
        StudioProfile profile = new StudioProfile(StudioProfile.CURRENT_VERSION,
                new StudioProfile.Destinations(new StudioProfile.Ingest(server, TOKEN), new StudioProfile.Ingest(server, WRONG)),
                new StudioProfile.Sources("testsrc", "sine"),
                new StudioProfile.Encoder("x264", "ultrafast", "zerolatency", "baseline", "cbr", 600, 0, 0, 23, 1.0, 0, 64),
                new StudioProfile.Canvas(640, 360, 30), new StudioProfile.Recording(false, dir.toString(), "mkv"));
        StudioUi.useProfile(dir.resolve("config"), profile);
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
        receiver.close();
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup("#" + id).queryLabeled().getText());
    }

    private String state(String output) {
        return fx(() -> ((Labeled) studio.scene().lookup("#output-" + output + "-state")).getText());
    }

    private void assertNoKeyOnScreen() {
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(TOKEN));
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(WRONG));
    }

    @Test
    void testConnectionThenGoLiveOverWhip(FxRobot robot) throws Exception {
        robot.clickOn("#open-settings");
        await("the settings dialog", Duration.ofSeconds(5), () -> robot.lookup("#test-primary").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));
        robot.clickOn("#test-primary");
        await("the primary's result", Duration.ofSeconds(30), () -> {
            String t = text(robot, "test-primary-status");
            return !t.isEmpty() && !t.startsWith("testing");
        }, () -> text(robot, "test-primary-status"));
        assertThat(text(robot, "test-primary-status")).startsWith("Connected");
        assertThat(receiver.requests()).containsExactly("201");

        robot.clickOn("#test-backup");
        await("the backup's result", Duration.ofSeconds(30), () -> text(robot, "test-backup-status").startsWith("failed: "),
                () -> text(robot, "test-backup-status"));
        assertThat(text(robot, "test-backup-status")).contains("refused the token (HTTP 401 Unauthorized)");
        assertNoKeyOnScreen();
        robot.clickOn("#settings-cancel");

        robot.clickOn("#go-live");
        await("Go Live confirmed or live", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent()
                || state("primary").equals("LIVE") || state("primary").equals("CONNECTING"), () -> state("primary"));
        if (robot.lookup("#preflight-go-live").tryQuery().isPresent()) robot.clickOn("#preflight-go-live");
        await("the primary LIVE over WHIP", Duration.ofSeconds(25), () -> state("primary").equals("LIVE"), () -> state("primary"));
        await("Chromium decoding the show", Duration.ofSeconds(20), () -> {
            Map<String, Object> r = receiver.report(null);
            return r.get("framesDecoded") instanceof Number n && n.longValue() >= 60;
        }, () -> String.valueOf(receiver.report(null)));
        Map<String, Object> r = receiver.report(null);
        System.out.println("FIGURES studio whip: " + r);
        assertThat(r.get("width")).isEqualTo(640L);
        assertThat(String.valueOf(r.get("audioCodec"))).isEqualTo("audio/opus");
        await("the backup's refusal on its card", Duration.ofSeconds(10), () -> state("backup").equals("FAILED"), () -> state("backup"));
        assertNoKeyOnScreen();
        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5),
                () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(), () -> state("primary"));
        robot.clickOn("#confirm-end-live");
        await("the primary stopped", Duration.ofSeconds(10), () -> !state("primary").equals("LIVE"), () -> state("primary"));
    }
}
