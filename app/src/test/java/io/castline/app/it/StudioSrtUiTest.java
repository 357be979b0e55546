package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.BundledTools;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SRT destination in the studio, against FFmpeg's SRT listener: Test connection says Connected
 * (and, with a wrong passphrase, why not), Go Live sends the show over SRT, and the card shows the
 * connection's figures; the passphrase and stream id are never on screen.
 */
@ExtendWith(ApplicationExtension.class)
class StudioSrtUiTest {
    private static final String PASSPHRASE = "studio-srt-phrase-3k9";
    private static final String STREAM_ID = "publish/studio-srt-id-55";
    private Path dir;
    private int port;
    private Studio studio;
    private Process listener;

    @Start
    void start(Stage stage) throws Exception {
        dir = TestWorkdir.fresh("studio-srt-ui");
        try (DatagramSocket s = new DatagramSocket(0)) {
            port = s.getLocalPort();
        }
        String primary = "srt://127.0.0.1:" + port + "?streamid=" + STREAM_ID + "&passphrase=" + PASSPHRASE + "&latency=200000";
        String backup = "srt://127.0.0.1:" + port + "?passphrase=wrong-phrase-but-long";
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile(primary, "", backup, "",
                new StudioProfile.Recording(false, dir.toString(), "mkv")));
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
        if (listener != null) listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    /** FFmpeg taking one SRT caller (it ends when that caller leaves) into {@code file}. */
    private Process listen(Path file) throws InterruptedException {
        Process p = BundledTools.startFfmpeg(List.of("-loglevel", "debug", "-y", "-i",
                "srt://127.0.0.1:" + port + "?mode=listener&passphrase=" + PASSPHRASE, "-c", "copy", "-f", "mpegts",
                file.toString()), dir.resolve(file.getFileName() + ".log"));
        Thread.sleep(500); // it binds its UDP port
        return p;
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup("#" + id).queryLabeled().getText());
    }

    private String state(String output) {
        return fx(() -> ((Labeled) studio.scene().lookup("#output-" + output + "-state")).getText());
    }

    @Test
    void testConnectionThenGoLiveOverSrt(FxRobot robot) throws Exception {
        listener = listen(dir.resolve("test.ts"));
        robot.clickOn("#open-settings");
        await("the settings dialog", Duration.ofSeconds(5), () -> robot.lookup("#test-primary").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));
        robot.clickOn("#test-primary");
        await("the primary's result", Duration.ofSeconds(30), () -> {
            String t = text(robot, "test-primary-status");
            return !t.isEmpty() && !t.startsWith("testing");
        }, () -> text(robot, "test-primary-status"));
        assertThat(text(robot, "test-primary-status")).startsWith("Connected");
        assertThat(listener.waitFor(15, TimeUnit.SECONDS)).as("the test stream ended").isTrue();
        assertThat(Files.readString(dir.resolve("test.ts.log"))).contains("accept streamid [" + STREAM_ID + "]");

        listener = listen(dir.resolve("refused.ts"));
        robot.clickOn("#test-backup");
        await("the backup's result", Duration.ofSeconds(30), () -> text(robot, "test-backup-status").startsWith("failed: "),
                () -> text(robot, "test-backup-status"));
        assertThat(text(robot, "test-backup-status")).contains("wrong passphrase");
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(PASSPHRASE).contains(STREAM_ID)
                .contains("wrong-phrase-but-long"));
        robot.clickOn("#settings-cancel");
        listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

        Path received = dir.resolve("live.ts");
        listener = listen(received);
        robot.clickOn("#go-live");
        await("Go Live confirmed or live", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent()
                || state("primary").equals("LIVE") || state("primary").equals("CONNECTING"), () -> state("primary"));
        if (robot.lookup("#preflight-go-live").tryQuery().isPresent()) robot.clickOn("#preflight-go-live");
        await("the primary LIVE over SRT", Duration.ofSeconds(25), () -> state("primary").equals("LIVE"), () -> state("primary"));
        await("RTT on the primary's card", Duration.ofSeconds(10),
                () -> String.join(" ", visibleTexts()).contains("RTT"), () -> String.join(" | ", visibleTexts()));
        Thread.sleep(3000);
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(PASSPHRASE));
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(STREAM_ID));
        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5),
                () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(), () -> state("primary"));
        robot.clickOn("#confirm-end-live");
        assertThat(listener.waitFor(20, TimeUnit.SECONDS)).as("the listener saw the end").isTrue();

        Ffprobe.Probe r = Ffprobe.probe(received);
        assertThat(r.video().width()).isEqualTo(640);
        assertThat(r.videoFrameCount()).as("seconds of the show").isGreaterThan(60);
    }
}
