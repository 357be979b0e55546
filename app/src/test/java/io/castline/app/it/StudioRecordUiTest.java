package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.LiveState;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
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
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording on its own, with the real engine and nginx-rtmp: Record off air writes the program to
 * a file; Go Live then joins the same encoder (the recording goes on); End Live ends the stream
 * and leaves the recording; Ctrl+Shift+R stops it. The file holds the whole span, from 0, with no
 * frame missing; the stream holds its part.
 */
@ExtendWith(ApplicationExtension.class)
class StudioRecordUiTest {
    private static final String KEY = "sk_record_ui_4d1b";
    private static Path dir;
    private static NginxRtmp ingest;
    private Studio studio;

    @BeforeAll
    static void serverAndProfile() throws Exception {
        dir = TestWorkdir.fresh("studio-record-ui");
        ingest = NginxRtmp.start(dir.resolve("ingest"));
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile("rtmp://127.0.0.1:" + ingest.port() + "/"
                + NginxRtmp.LIVE, KEY, "", "", new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
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

    private String cards() {
        return String.join(", ", fx(() -> studio.viewModel().outputs().stream()
                .map(c -> c.name() + " " + c.stateTextProperty().get() + " (" + c.detailTextProperty().get() + ")").toList()));
    }

    private String recordText() {
        return fx(() -> ((Labeled) studio.scene().lookup("#record")).getText());
    }

    /** The stats bar's "lagged N · skipped M": ticks the compositor missed and frames the encoder skipped. */
    private long framesLateOrSkipped() {
        String text = fx(() -> ((Labeled) studio.scene().lookup("#stat-frames")).getText());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lagged (\\d+) · skipped (\\d+)").matcher(text);
        assertThat(m.matches()).as("the stats bar's frames: " + text).isTrue();
        return Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
    }

    @Test
    void recordOffAirGoLiveAndEndLiveWhileItRecordsThenStopIt(FxRobot robot) throws Exception {
        await("the program running", Duration.ofSeconds(10),
                () -> ((Labeled) studio.scene().lookup("#stat-fps")).getText().endsWith("/ 30 fps"), this::cards);
        assertThat(state("recording")).isEqualTo("OFF");
        StudioUi.sleep(2_000); // the program's clock is past 0 when the recording starts
        robot.clickOn("#record");
        await("recording on its own", Duration.ofSeconds(15), () -> state("recording").equals("LIVE"), this::cards);
        assertThat(recordText()).isEqualTo("Stop recording");
        assertThat(state("primary")).isEqualTo("READY");
        assertThat(fx(() -> studio.viewModel().liveProperty().get())).isFalse();
        StudioUi.sleep(3_000);

        robot.clickOn("#go-live");
        await("the pre-flight", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent(), this::cards);
        robot.clickOn("#preflight-go-live");
        await("primary LIVE beside the recording", Duration.ofSeconds(20),
                () -> state("primary").equals("LIVE") && state("recording").equals("LIVE"), this::cards);
        Snapshots.save(studio.scene(), "studio-recording-and-live");
        StudioUi.sleep(3_000);

        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5),
                () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(), this::cards);
        robot.clickOn("#confirm-end-live");
        await("off air", Duration.ofSeconds(30),
                () -> studio.viewModel().liveStateProperty().get() == LiveState.OFF_AIR, this::cards);
        // the cards follow the engine's next frame, published as the outputs are taken out
        await("the primary's card STOPPED", Duration.ofSeconds(5), () -> state("primary").equals("STOPPED"), this::cards);
        assertThat(state("recording")).as("End Live leaves the recording").isEqualTo("LIVE");
        assertThat(recordText()).isEqualTo("Stop recording");
        StudioUi.sleep(2_000);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.R).release(KeyCode.SHIFT, KeyCode.CONTROL);
        await("the recording STOPPED", Duration.ofSeconds(15), () -> state("recording").equals("STOPPED"), this::cards);
        assertThat(recordText()).isEqualTo("Record");
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#output-recording-detail")).getText()))
                .matches("stopped; recorded castline-\\d{8}-\\d{6}\\.mkv \\(\\d+ frames, [\\d.]+ s, [\\d.]+ MB\\)");
        await("the notice", Duration.ofSeconds(5), () -> visibleTexts().contains("Recording saved"), this::cards);
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(KEY));
        StudioUi.sleep(1_500); // the stats bar's next second: the program's totals, the recording's span included
        long late = framesLateOrSkipped();

        Path file;
        try (var files = Files.list(dir.resolve("recordings"))) {
            List<Path> all = files.toList();
            assertThat(all).as("one file for the whole span").hasSize(1);
            file = all.get(0);
        }
        Ffprobe.Probe rec = Ffprobe.probe(file);
        double first = rec.videoPackets().stream().mapToDouble(Ffprobe.Packet::ptsTime).min().orElse(Double.NaN);
        double[] pts = rec.videoPackets().stream().mapToDouble(Ffprobe.Packet::ptsTime).sorted().toArray();
        double gap = 0;
        long missing = 0;
        for (int i = 1; i < pts.length - 1; i++) {
            double step = pts[i] - pts[i - 1];
            gap = Math.max(gap, step);
            missing += Math.max(0, Math.round(step * 30) - 1);
        }
        System.out.printf(Locale.ROOT, "FIGURES studio recording on its own: %d frames, %.2f s, first pts %.3f s, "
                + "largest step %.3f s, %d frames missing, compositor late or skipped %d%n",
                rec.videoFrameCount(), rec.durationSeconds(), first, gap, missing, late);
        assertThat(first).as("its timeline starts at 0").isBetween(0.0, 0.2);
        assertThat(rec.durationSeconds()).as("off air, live, off air again").isGreaterThan(7.0);
        // every tick the compositor rendered reached the file: a frame is missing only where the
        // compositor itself missed its tick (a loaded machine), and the stats bar counted it
        assertThat(missing).as("no frame missing through Go Live and End Live but the ticks the compositor missed")
                .isLessThanOrEqualTo(late);
        assertThat(gap).as("no gap longer than the missed ticks").isLessThan((1.5 + late) / 30);
        assertThat(rec.audio().codecName()).isEqualTo("aac");

        ingest.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
        Ffprobe.Probe live = Ffprobe.probe(ingest.recordings(KEY).get(0));
        assertThat(live.firstVideoPacketIsKey()).isTrue();
        assertThat(live.videoFrameCount()).as("the stream's part").isGreaterThan(60).isLessThan(rec.videoFrameCount());
    }
}
