package io.castline.app.it;

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
 * The studio against the real engine and two real nginx-rtmp ingests: a host clicks Go Live, both
 * cards go LIVE; the backup ingest dies and comes back while the primary stays LIVE; the host ends
 * the broadcast. The stream key never shows.
 */
@ExtendWith(ApplicationExtension.class)
class StudioLiveUiTest {
    private static final String KEY = "sk_studio_ui_7f3a9c21";
    private static NginxRtmp primary;
    private static NginxRtmp backup;
    private static Path dir;
    private Studio studio;

    @BeforeAll
    static void servers() throws Exception {
        dir = TestWorkdir.fresh("studio-live-ui");
        primary = NginxRtmp.start(dir.resolve("primary"));
        backup = NginxRtmp.start(dir.resolve("backup"));
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile(
                "rtmp://127.0.0.1:" + primary.port() + "/" + NginxRtmp.LIVE, KEY,
                "rtmp://127.0.0.1:" + backup.port() + "/" + NginxRtmp.LIVE, KEY,
                new StudioProfile.Recording(true, dir.resolve("recordings").toString(), "mkv")));
    }

    @AfterAll
    static void stopServers() {
        if (primary != null) primary.close();
        if (backup != null) backup.close();
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
        return "primary " + state("primary") + " (" + detail("primary") + "), backup " + state("backup") + " ("
                + detail("backup") + ")";
    }

    @Test
    void goLiveSurvivesTheBackupIngestDyingAndComingBackThenEnds(FxRobot robot) throws Exception {
        assertThat(state("primary")).isEqualTo("READY");
        assertThat(fx(() -> studio.scene().lookup("#live-badge").isVisible())).isFalse();
        // off air the program already runs: its frame rate in the stats bar, the tone on the meter (which mutes)
        await("the program's frame rate off air", Duration.ofSeconds(10),
                () -> ((Labeled) studio.scene().lookup("#stat-fps")).getText().endsWith("/ 30 fps"), this::cards);
        await("the meter showing the tone off air", Duration.ofSeconds(10), () -> meterWidth() > 0, this::cards);
        robot.clickOn("#mute-audio");
        await("the muted meter at zero", Duration.ofSeconds(5), () -> meterWidth() == 0, this::cards);
        robot.clickOn("#mute-audio");
        await("the meter back", Duration.ofSeconds(5), () -> meterWidth() > 0, this::cards);
        // the preview switch: off shows why the screen is empty, on brings the picture back
        await("the preview before Go Live", Duration.ofSeconds(10), this::previewShown, this::cards);
        robot.clickOn("#preview-toggle");
        await("the preview off", Duration.ofSeconds(5), () -> !previewShown(), this::cards);
        assertThat(visibleTexts()).contains("Preview off · the stream and the recording go on as before");
        robot.clickOn("#preview-toggle");
        await("the preview back", Duration.ofSeconds(10), this::previewShown, this::cards);

        robot.clickOn("#go-live");
        // no bandwidth test yet: the pre-flight warns and offers one, the host goes live anyway
        await("the pre-flight warning", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent(),
                this::cards);
        assertThat(String.join("\n", visibleTexts())).contains("has not been measured yet");
        robot.clickOn("#preflight-go-live");

        await("every output LIVE", Duration.ofSeconds(25), () -> state("primary").equals("LIVE")
                && state("backup").equals("LIVE") && state("recording").equals("LIVE"), this::cards);
        assertThat(detail("recording")).matches("recording to castline-\\d{8}-\\d{6}\\.mkv");
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#output-recording-url")).getText()))
                .isEqualTo("in " + dir.resolve("recordings").toAbsolutePath().normalize());
        assertThat(fx(() -> studio.scene().lookup("#live-badge").isVisible())).isTrue();
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#go-live")).getText())).isEqualTo("End Live");
        await("the live timer running", Duration.ofSeconds(5),
                () -> !((Labeled) studio.scene().lookup("#live-timer")).getText().equals("00:00:00"), this::cards);
        await("kbps figures", Duration.ofSeconds(5),
                () -> ((Labeled) studio.scene().lookup("#output-primary-kbps")).getText().endsWith("kbps"), this::cards);
        assertNoKeyVisible();

        // let the backup's connection count as established (not a refused publish), then kill its server
        StudioUi.sleep(4_000);
        // the program preview: the live picture in the pane, pixels that change from pulse to pulse
        await("the live preview", Duration.ofSeconds(5), this::previewShown, this::cards);
        // the 640x360 canvas fills the preview screen (the renderer scales it up), aspect kept
        assertThat(fx(() -> {
            var picture = studio.scene().lookup("#preview-picture").getBoundsInParent();
            var screen = studio.scene().lookup("#preview-screen").getLayoutBounds();
            return java.util.List.of(picture.getWidth() / screen.getWidth(), picture.getHeight() / screen.getHeight());
        })).allSatisfy(share -> assertThat(share).isBetween(0.99, 1.01));
        int first = fx(() -> previewPixel());
        await("the preview moving", Duration.ofSeconds(5), () -> fx(this::previewPixel) != first, this::cards);
        Snapshots.save(studio.scene(), "studio-live");
        backup.kill();
        await("backup RECONNECTING", Duration.ofSeconds(15), () -> state("backup").equals("RECONNECTING"), this::cards);
        assertThat(detail("backup")).startsWith("reconnecting").contains("(attempt ").contains("\nlost: ");
        assertThat(state("primary")).isEqualTo("LIVE");
        assertThat(fx(() -> studio.scene().lookup("#output-backup-retry").isVisible())).isTrue();
        StudioUi.sleep(3_000);
        Snapshots.save(studio.scene(), "studio-backup-reconnecting");
        assertThat(state("backup")).as(cards()).isEqualTo("RECONNECTING");
        assertThat(state("primary")).as(cards()).isEqualTo("LIVE");
        assertNoKeyVisible();

        backup.restart();
        await("backup LIVE again", Duration.ofSeconds(15), () -> state("backup").equals("LIVE"), this::cards);
        assertThat(state("primary")).isEqualTo("LIVE");
        await("the reconnect counted", Duration.ofSeconds(5),
                () -> ((Labeled) studio.scene().lookup("#output-backup-reconnects")).getText().equals("1"), this::cards);

        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5),
                () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(), this::cards);
        robot.clickOn("#confirm-end-live");
        await("off air", Duration.ofSeconds(30),
                () -> studio.viewModel().liveStateProperty().get() == LiveState.OFF_AIR, this::cards);
        assertThat(state("primary")).isEqualTo("STOPPED");
        // the recording's card and a notice name the file that was written, with what it holds
        await("the recording STOPPED", Duration.ofSeconds(5), () -> state("recording").equals("STOPPED"), this::cards);
        assertThat(detail("recording")).matches("stopped; recorded castline-\\d{8}-\\d{6}\\.mkv \\(\\d+ frames, [\\d.]+ s, [\\d.]+ MB\\)");
        assertThat(fx(() -> studio.scene().lookup("#output-recording-folder").isVisible())).isTrue();
        assertThat(visibleTexts()).anySatisfy(t -> assertThat(t).isEqualTo("Recording saved"));
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#go-live")).getText())).isEqualTo("Go Live");
        assertNoKeyVisible();
        primary.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
        try (var files = java.nio.file.Files.list(dir.resolve("recordings"))) {
            assertThat(files.toList()).singleElement().satisfies(f -> {
                assertThat(f.getFileName().toString()).matches("castline-\\d{8}-\\d{6}\\.mkv");
                assertThat(java.nio.file.Files.size(f)).isGreaterThan(100_000);
            });
        }
    }

    private void assertNoKeyVisible() {
        var texts = visibleTexts();
        assertThat(texts).as("what the windows show").anySatisfy(t -> assertThat(t).contains("/live/••••"));
        assertThat(texts).noneSatisfy(t -> assertThat(t).contains(KEY));
    }

    /** The program picture is on screen. FX thread. */
    private boolean previewShown() {
        return studio.scene().lookup("#preview-picture") instanceof javafx.scene.image.ImageView v && v.getImage() != null
                && v.getScene() != null;
    }

    /** The width of the audio meter's RMS bar on screen. FX thread. */
    private double meterWidth() {
        javafx.scene.Parent meter = (javafx.scene.Parent) studio.scene().lookup("#meter-audio");
        return meter.getChildrenUnmodifiable().get(0).getLayoutBounds().getWidth();
    }

    /** A pixel of the preview image where the test pattern's timecode and moving shapes are. FX thread. */
    private int previewPixel() {
        javafx.scene.image.ImageView v = (javafx.scene.image.ImageView) studio.scene().lookup("#preview-picture");
        javafx.scene.image.Image image = v.getImage();
        int sum = 0;
        for (int x = 0; x < image.getWidth(); x += 7) {
            sum = 31 * sum + image.getPixelReader().getArgb(x, (int) (image.getHeight() * 0.85));
            sum = 31 * sum + image.getPixelReader().getArgb(x, (int) (image.getHeight() * 0.1));
        }
        return sum;
    }
}
