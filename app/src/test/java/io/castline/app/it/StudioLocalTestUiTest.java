package io.castline.app.it;

import io.castline.engine.settings.ConfigDirs;
import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.LiveState;
import io.castline.testing.TestWorkdir;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A new user with no settings at all: Go Live is not refused but streams primary and backup to the
 * built-in receivers on loopback (bundled FFmpeg in RTMP listen mode), the studio says it is a local
 * test, and End Live shows what each receiver got, read with ffprobe.
 */
@ExtendWith(ApplicationExtension.class)
class StudioLocalTestUiTest {
    private static Path dir;
    private Studio studio;

    @BeforeAll
    static void emptyProfile() throws Exception {
        dir = TestWorkdir.fresh("studio-local-test-ui");
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        System.setProperty(ConfigDirs.PROPERTY, config.toString());
    }

    @Start
    void start(Stage stage) {
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(60, TimeUnit.SECONDS);
        assertThat(receivers()).as("local test receivers left running after the studio closed").isEmpty();
    }

    private String text(String id) {
        return fx(() -> {
            Node n = studio.scene().lookup(id);
            return n == null ? null : ((Labeled) n).getText();
        });
    }

    private String cards() {
        return "primary " + text("#output-primary-state") + " (" + text("#output-primary-detail") + "), backup "
                + text("#output-backup-state") + " (" + text("#output-backup-detail") + "), status "
                + studio.viewModel().statusTextProperty().get();
    }

    /** ffmpeg RTMP listeners started by this JVM that are still alive. */
    private static List<String> receivers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(p.info().command().orElse("")))
                .filter(c -> c.contains("ffmpeg") && c.contains("-listen"))
                .toList();
    }

    @Test
    void goLiveWithoutDestinationsStreamsToTheLocalReceiversAndShowsWhatArrived(FxRobot robot) throws Exception {
        StudioProfile profile = studio.viewModel().profileProperty().get();
        assertThat(profile.ingest("primary").isEmpty() && profile.ingest("backup").isEmpty())
                .as("a fresh profile has no destination").isTrue();
        assertThat(fx(() -> studio.scene().lookup("#local-test-banner").isVisible())).isTrue();
        assertThat(text("#local-test-banner-text")).contains("no destination is set").contains("nothing leaves");

        robot.clickOn("#go-live");
        await("both outputs LIVE against the local receivers", Duration.ofSeconds(45),
                () -> "LIVE".equals(text("#output-primary-state")) && "LIVE".equals(text("#output-backup-state")),
                this::cards);
        assertThat(robot.lookup("#preflight-refused").tryQuery()).as("the pre-flight refusal").isEmpty();
        assertThat(robot.lookup("#preflight-warning").tryQuery()).as("a pre-flight warning").isEmpty();
        assertThat(text("#local-test-banner-text")).startsWith("Local test: nothing leaves this computer");
        assertThat(text("#output-primary-url")).startsWith("rtmp://127.0.0.1:");
        assertThat(text("#output-backup-url")).startsWith("rtmp://127.0.0.1:").isNotEqualTo(text("#output-primary-url"));
        assertThat(receivers()).as("one receiver per network output").hasSize(2);
        assertThat(text("#uplink-reason")).as("the uplink panel during a local test").contains("local test");

        // several keyframe intervals, so the spacing can be measured
        double gopSeconds = profile.encoder().gopSeconds();
        StudioUi.sleep((long) (Math.max(6, 3 * gopSeconds + 1) * 1000));
        assertThat(text("#output-primary-state")).as(cards()).isEqualTo("LIVE");
        assertThat(text("#output-backup-state")).as(cards()).isEqualTo("LIVE");
        Snapshots.save(studio.scene(), "studio-local-test-live");

        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5),
                () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(), this::cards);
        robot.clickOn("#confirm-end-live");
        await("off air", Duration.ofSeconds(60),
                () -> studio.viewModel().liveStateProperty().get() == LiveState.OFF_AIR, this::cards);
        await("the local test results", Duration.ofSeconds(10),
                () -> robot.lookup("#local-test-primary-codec").tryQuery().isPresent()
                        && robot.lookup("#local-test-backup-codec").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));
        assertThat(receivers()).as("the receivers end with the stream").isEmpty();

        int width = profile.canvas().width();
        int height = profile.canvas().height();
        int fps = profile.canvas().fps();
        int gopFrames = (int) Math.round(gopSeconds * fps);
        for (String output : List.of("primary", "backup")) {
            String codec = result(robot, output, "codec");
            String size = result(robot, output, "size");
            String rate = result(robot, output, "fps");
            String keyframes = result(robot, output, "keyframes");
            String bitrate = result(robot, output, "bitrate");
            String audio = result(robot, output, "audio");
            System.out.printf("local test %s: %s, %s, %s, keyframes %s, %s, audio %s, received %s%n", output, codec, size,
                    rate, keyframes, bitrate, audio, result(robot, output, "received"));
            assertThat(codec).startsWith("h264");
            assertThat(size).isEqualTo(width + "×" + height);
            assertThat(number(rate, "([0-9.]+) fps")).isCloseTo(fps, within(1.0));
            assertThat((int) number(keyframes, "every (\\d+) frames")).isBetween(gopFrames - 1, gopFrames + 1);
            assertThat(number(keyframes, "\\(([0-9.]+) s\\)")).isCloseTo(gopSeconds, within(0.1));
            assertThat(bitrate).matches("[0-9.]+ (kbps|Mbps)");
            assertThat(audio).startsWith("aac");
        }
        assertThat(String.join("\n", visibleTexts())).contains("Local test: what arrived (nothing left this computer)");
        Snapshots.save(robot.lookup("#local-test-results").query().getScene(), "studio-local-test-results");
        robot.clickOn("#local-test-results-close");
        assertThat(fx(() -> studio.scene().lookup("#local-test-show-results").isVisible())).isTrue();
    }

    private String result(FxRobot robot, String output, String key) {
        Optional<Node> n = robot.lookup("#local-test-" + output + "-" + key).tryQuery();
        assertThat(n).as(output + " " + key).isPresent();
        return fx(() -> ((Labeled) n.get()).getText());
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'" + text + "' matches " + regex).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
