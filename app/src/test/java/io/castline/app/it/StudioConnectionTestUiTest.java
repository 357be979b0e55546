package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.LiveState;
import io.castline.app.ui.Css;
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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Test connection" in Settings publishes a short test stream to one real ingest without going live
 * and says in words whether it worked: against a real nginx-rtmp it connects, against a closed port
 * it fails with the reason; the stream key is never on screen.
 */
@ExtendWith(ApplicationExtension.class)
class StudioConnectionTestUiTest {
    private static final String KEY = "sk_conntest_ui_4e81b7";
    private static final String BACKUP_KEY = "sk_conntest_ui_backup_0a5c";
    private NginxRtmp ingest;
    private Studio studio;
    private Path config;
    private StudioProfile profile;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = TestWorkdir.fresh("studio-connection-test-ui");
        ingest = NginxRtmp.start(dir.resolve("ingest"));
        config = dir.resolve("config");
        profile = StudioUi.lightProfile("rtmp://127.0.0.1:" + ingest.port() + "/" + NginxRtmp.LIVE, KEY,
                "rtmp://127.0.0.1:" + closedPort() + "/" + NginxRtmp.LIVE, BACKUP_KEY,
                new StudioProfile.Recording(false, dir.toString(), "mkv"));
        StudioUi.useProfile(config, profile);
        studio = Studio.create(stage);
        stage.show();
    }

    /** A loopback port nothing listens on (bound once, then released). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @AfterEach
    void close() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
        ingest.close();
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup("#" + id).queryLabeled().getText());
    }

    @Test
    void connectedToARealIngestFailedWithTheReasonAgainstAClosedPort(FxRobot robot) throws Exception {
        robot.clickOn("#open-settings");
        await("the settings dialog", Duration.ofSeconds(5), () -> robot.lookup("#test-primary").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));
        assertThat(text(robot, "test-primary-status")).isEmpty();

        robot.clickOn("#test-primary");
        await("the test running", Duration.ofSeconds(5), () -> text(robot, "test-primary-status").startsWith("testing"),
                () -> text(robot, "test-primary-status"));
        assertThat(text(robot, "test-primary-status")).endsWith("/live/••••…");
        // off the UI thread: the dialog answers while the test publishes
        robot.clickOn("Encoder");
        robot.clickOn("Stream");
        await("the result", Duration.ofSeconds(30), () -> !text(robot, "test-primary-status").startsWith("testing"),
                () -> text(robot, "test-primary-status"));
        String connected = text(robot, "test-primary-status");
        assertThat(connected).startsWith("Connected: the ingest accepted a short test stream.")
                .contains("not an upload speed test").contains("Test bandwidth").doesNotContainPattern("[0-9]+ ?[kM]bps");
        Labeled primaryStatus = robot.lookup("#test-primary-status").queryLabeled();
        assertThat(fx(() -> primaryStatus.getStyleClass().contains(Css.HEALTH_OK))).isTrue();
        // it really published to the ingest (nginx records every publish of the live application)
        ingest.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
        assertThat(ingest.recordings(KEY)).isNotEmpty();

        robot.clickOn("#test-backup");
        await("the backup's result", Duration.ofSeconds(30), () -> text(robot, "test-backup-status").startsWith("failed: "),
                () -> text(robot, "test-backup-status"));
        String failed = text(robot, "test-backup-status");
        assertThat(failed).contains("Connection refused");
        Labeled backupStatus = robot.lookup("#test-backup-status").queryLabeled();
        assertThat(fx(() -> backupStatus.getStyleClass().contains(Css.HEALTH_BAD))).isTrue();
        assertThat(text(robot, "test-primary-status")).isEqualTo(connected);

        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(KEY));
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(BACKUP_KEY));
        Snapshots.save(backupStatus.getScene(), "settings-test-connection");

        // a test is not going live, and changes nothing
        robot.clickOn("#settings-cancel");
        assertThat(studio.viewModel().liveStateProperty().get()).isEqualTo(LiveState.OFF_AIR);
        assertThat(new ProfileStore(config).load().profile()).isEqualTo(profile.withDefaults());
    }
}
