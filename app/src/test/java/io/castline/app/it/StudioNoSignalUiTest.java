package io.castline.app.it;

import org.junit.jupiter.api.Tag;
import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.LiveState;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import javafx.scene.control.Labeled;
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
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The camera is missing (a device that does not exist, through the real camera path): before Go
 * Live the host is told, in words, with what to do; the program shows the NO SIGNAL picture and
 * the tone still plays; Go Live still goes out and the stream carries on.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
@ExtendWith(ApplicationExtension.class)
class StudioNoSignalUiTest {
    private static final String KEY = "sk_no_signal_4e1d";
    private static final String MISSING_CAMERA = "/dev/castline-no-such-camera";
    private static NginxRtmp primary;
    private static Path dir;
    private Studio studio;

    @BeforeAll
    static void serverAndProfile() throws Exception {
        dir = TestWorkdir.fresh("studio-no-signal-ui");
        primary = NginxRtmp.start(dir.resolve("primary"));
        StudioProfile light = StudioUi.lightProfile("rtmp://127.0.0.1:" + primary.port() + "/" + NginxRtmp.LIVE, KEY, "", "",
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv"));
        StudioUi.useProfile(dir.resolve("config"), new StudioProfile(light.version(), light.outputs(),
                new StudioProfile.Sources("camera:" + MISSING_CAMERA, "sine"), light.encoder(), light.canvas(), light.recording(), null));
    }

    @AfterAll
    static void stopServer() {
        if (primary != null) primary.close();
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

    private String state() {
        return fx(() -> ((Labeled) studio.scene().lookup("#output-primary-state")).getText());
    }

    @Test
    void aMissingCameraIsToldBeforeGoLiveAndTheStreamStillGoesOut(FxRobot robot) {
        await("the no-picture notice", Duration.ofSeconds(15),
                () -> visibleTexts().stream().anyMatch(t -> t.contains("No picture from the video source")),
                () -> String.join(" | ", visibleTexts()));
        String all = String.join(" ", visibleTexts()).replaceAll("\\s+", " "); // the popup wraps its lines
        assertThat(all).contains("Cannot open " + MISSING_CAMERA + ": No such file or directory")
                .contains("NO SIGNAL picture").contains("What to do:");
        // the program runs on the no-signal card: the preview shows it, the tone is on the meter
        await("the preview", Duration.ofSeconds(10), () -> studio.scene().lookup("#preview-picture") instanceof
                javafx.scene.image.ImageView v && v.getImage() != null && v.getScene() != null, () -> state());
        await("the meter", Duration.ofSeconds(10), () -> ((javafx.scene.Parent) studio.scene().lookup("#meter-audio"))
                .getChildrenUnmodifiable().get(0).getLayoutBounds().getWidth() > 0, () -> state());
        Snapshots.save(studio.scene(), "studio-no-signal");

        robot.clickOn("#go-live");
        await("the pre-flight warning", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent(),
                this::state);
        robot.clickOn("#preflight-go-live");
        await("primary LIVE without a camera", Duration.ofSeconds(25), () -> state().equals("LIVE"), this::state);
        StudioUi.sleep(3_000);
        assertThat(state()).isEqualTo("LIVE");

        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5),
                () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(), this::state);
        robot.clickOn("#confirm-end-live");
        await("off air", Duration.ofSeconds(30),
                () -> studio.viewModel().liveStateProperty().get() == LiveState.OFF_AIR, this::state);
        primary.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
        assertThat(primary.recordings(KEY)).singleElement().satisfies(f ->
                assertThat(java.nio.file.Files.size(f)).as("what the ingest recorded").isGreaterThan(50_000));
    }
}
