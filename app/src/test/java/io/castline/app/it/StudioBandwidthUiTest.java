package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.studio.LiveState;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
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
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Test bandwidth" runs the engine's bandwidth test against a real ingest without freezing the
 * window; its result makes the pre-flight quiet and becomes the live uplink capacity.
 */
@ExtendWith(ApplicationExtension.class)
class StudioBandwidthUiTest {
    private static final String KEY = "sk_bandwidth_ui_90d1e4";
    private NginxRtmp ingest;
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = TestWorkdir.fresh("studio-bandwidth-ui");
        ingest = NginxRtmp.start(dir.resolve("ingest"));
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile(
                "rtmp://127.0.0.1:" + ingest.port() + "/" + NginxRtmp.LIVE, KEY, "", "",
                new io.castline.app.profile.StudioProfile.Recording(false, dir.toString(), "mkv")));
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
        ingest.close();
    }

    private String text(String id) {
        return fx(() -> ((Labeled) studio.scene().lookup("#" + id)).getText());
    }

    @Test
    void theTestMeasuresTheUplinkAndItsResultIsUsedLive(FxRobot robot) {
        assertThat(text("uplink-verdict")).isEqualTo("NOT MEASURED");
        robot.clickOn("#bandwidth-test");
        await("the test running", Duration.ofSeconds(5),
                () -> studio.scene().lookup("#bandwidth-test").isDisabled(), () -> text("bandwidth-test-status"));
        // the window stays responsive while the test pushes: the status line moves on
        await("progress", Duration.ofSeconds(10), () -> text("bandwidth-test-status").startsWith("bandwidth test: "),
                () -> text("bandwidth-test-status"));
        await("the result", Duration.ofSeconds(30), () -> text("bandwidth-test-status").startsWith("measured "),
                () -> text("bandwidth-test-status"));
        assertThat(text("uplink-verdict")).isEqualTo("ENOUGH HEADROOM");
        assertThat(text("uplink-capacity")).endsWith("measured by the test");
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(KEY));

        // measured and enough: Go Live asks nothing
        robot.clickOn("#go-live");
        await("primary LIVE", Duration.ofSeconds(20), () -> text("output-primary-state").equals("LIVE"),
                () -> text("output-primary-detail"));
        await("the engine using the tested capacity", Duration.ofSeconds(10),
                () -> text("uplink-capacity").contains("(bandwidth test)"), () -> text("uplink-capacity"));
        assertThat(robot.lookup("#preflight-warning").tryQuery()).isEmpty();
        assertThat(studio.viewModel().liveStateProperty().get()).isEqualTo(LiveState.LIVE);
    }
}
