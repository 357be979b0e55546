package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.TestWorkdir;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.Window;
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

/** The bandwidth planner, opened from the top bar and typed into like a host would. */
@ExtendWith(ApplicationExtension.class)
class StudioPlannerUiTest {
    private static final String KEY = "sk_planner_ui_6d02aa";
    private static final String BACKUP_KEY = "sk_planner_ui_backup_91c3";
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = TestWorkdir.fresh("studio-planner-ui");
        // two destinations (never connected to here) at 600k video + 64k audio: 2 × 664 × 1.3 = 1726.4 kbps
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile("rtmp://primary.example.com/live", KEY,
                "rtmp://backup.example.com/live", BACKUP_KEY, new StudioProfile.Recording(false, dir.toString(), "mkv")));
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup("#" + id).queryLabeled().getText());
    }

    @Test
    void aHundredThousandViewersAtTwoMegabitsNeed300GbpsAndTheUplinkPlanFollowsTheSettings(FxRobot robot) {
        robot.clickOn("#open-planner");
        await("the planner", Duration.ofSeconds(5), () -> robot.lookup("#planner-viewers").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));
        assertThat(text(robot, "planner-total")).isEqualTo("–");

        robot.clickOn("#planner-viewers").write("100000");
        robot.clickOn("#planner-bitrate").write("2M");
        await("the total", Duration.ofSeconds(5), () -> text(robot, "planner-total").equals("300 Gbps"),
                () -> text(robot, "planner-total") + " / " + text(robot, "planner-formula"));
        assertThat(text(robot, "planner-formula")).isEqualTo("100,000 viewers × 2 Mbps × 1.5 safety factor");
        assertThat(text(robot, "planner-uplink-total")).isEqualTo("1.73 Mbps");
        assertThat(text(robot, "planner-uplink")).startsWith("2 outputs (primary + backup) × (video 600 kbps + audio 64 kbps)");

        // a wrong factor is shown at the field, and the total waits for it
        robot.clickOn("#planner-factor").eraseText(3).write("0.5");
        Labeled factorError = robot.lookup("#planner-factor-error").queryLabeled();
        assertThat(fx(factorError::isVisible)).isTrue();
        assertThat(fx(factorError::getText)).startsWith("the safety factor must be at least 1");
        assertThat(text(robot, "planner-total")).isEqualTo("–");
        robot.clickOn("#planner-factor").eraseText(3).write("1.5");
        assertThat(fx(factorError::isVisible)).isFalse();
        assertThat(text(robot, "planner-total")).isEqualTo("300 Gbps");

        // a ladder: the average comes from the renditions' viewer shares, and each rendition's load is shown
        robot.clickOn("#planner-mode-ladder");
        assertThat(fx(() -> robot.lookup("#planner-bitrate").query().isVisible())).isFalse();
        assertThat(text(robot, "planner-total")).isEqualTo("531 Gbps");
        assertThat(text(robot, "planner-rendition-load-1")).isEqualTo("720p: 50% of viewers × 3 Mbps → 225 Gbps");
        robot.clickOn("#planner-rendition-share-2").eraseText(2).write("10");
        assertThat(text(robot, "planner-ladder-error")).isEqualTo("the viewer shares add up to 90%; they must add up to 100%");
        robot.clickOn("#planner-rendition-share-2").eraseText(2).write("20");
        assertThat(text(robot, "planner-total")).isEqualTo("531 Gbps");
        Node total = robot.lookup("#planner-total").query();
        Snapshots.save(total.getScene(), "planner");
        robot.clickOn("#planner-mode-average");
        assertThat(text(robot, "planner-total")).isEqualTo("300 Gbps");

        // not modal: the studio goes on, and the uplink plan follows saved settings
        Window plannerWindow = fx(() -> total.getScene().getWindow());
        fx(() -> {
            studio.viewModel().saveSettings(StudioUi.lightProfile("rtmp://primary.example.com/live", KEY, "", "",
                    new StudioProfile.Recording(false, "/tmp", "mkv")));
            return null;
        });
        assertThat(text(robot, "planner-uplink-total")).isEqualTo("863.2 kbps");
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(KEY));
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(BACKUP_KEY));
        robot.clickOn("#planner-close");
        assertThat(fx(plannerWindow::isShowing)).isFalse();

        // opened again, it keeps what was typed
        robot.clickOn("#open-planner");
        await("the planner again", Duration.ofSeconds(5), () -> robot.lookup("#planner-total").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));
        assertThat(text(robot, "planner-total")).isEqualTo("300 Gbps");
    }
}
