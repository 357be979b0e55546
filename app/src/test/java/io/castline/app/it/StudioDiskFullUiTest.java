package io.castline.app.it;

import org.junit.jupiter.api.Tag;
import io.castline.app.Studio;
import io.castline.app.notify.ToastLayer;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.LiveState;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.SmallDisk;
import io.castline.testing.TestWorkdir;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio recording onto a real small disk (a tmpfs) that fills up while live, beside a real
 * nginx-rtmp primary: the Recording card says the disk is full, what was kept and where the
 * recording goes on; the notice says what to do and that the stream is not affected (not "lost its
 * connection … check that ingest server"); once there is room the card names the new file; after End
 * Live the card and a notice list both files and "Show in folder" opens their folder. Needs root (a
 * tmpfs mount), which CI has: there the test fails rather than skip.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
@ExtendWith(ApplicationExtension.class)
class StudioDiskFullUiTest {
    private static final String KEY = "sk_disk_full_ui_5e21";
    private static final Pattern FIRST = Pattern.compile("castline-\\d{8}-\\d{6}\\.mkv");
    private static NginxRtmp primary;
    private static SmallDisk disk;
    private static Path dir;
    private Studio studio;
    private final List<Path> opened = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void serverDiskAndProfile() throws Exception {
        String unavailable = SmallDisk.unavailableReason();
        // CI runs as root: there the disk must be made and filled, never skipped
        if (System.getenv("CI") != null) assertThat(unavailable).as("CI must be able to mount a tmpfs").isNull();
        Assumptions.assumeTrue(unavailable == null, () -> "studio disk-full test skipped: " + unavailable);
        dir = TestWorkdir.fresh("studio-disk-full-ui");
        primary = NginxRtmp.start(dir.resolve("primary"));
        disk = SmallDisk.mount(dir.resolve("disk"), 16);
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile(
                "rtmp://127.0.0.1:" + primary.port() + "/" + NginxRtmp.LIVE, KEY, "", "",
                new StudioProfile.Recording(true, disk.dir().toString(), "mkv")));
    }

    @AfterAll
    static void stopServerAndDisk() {
        if (disk != null) disk.close();
        if (primary != null) primary.close();
    }

    @Start
    void start(Stage stage) {
        studio = Studio.create(stage);
        // the system's file manager cannot be watched from here: note which folder it was asked for
        studio.viewModel().setFolderOpener(folder -> {
            opened.add(folder);
            return CompletableFuture.completedFuture(null);
        });
        stage.show();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
    }

    private String text(String id) {
        return fx(() -> ((Labeled) studio.scene().lookup("#" + id)).getText());
    }

    private String cards() {
        return "primary " + text("output-primary-state") + ", recording " + text("output-recording-state") + " ("
                + text("output-recording-detail") + " | " + text("output-recording-url") + "), toasts " + toasts();
    }

    /** Every text of the toasts on screen. FX thread inside. */
    private List<String> toasts() {
        return fx(() -> {
            List<String> out = new ArrayList<>();
            for (Node toast : ((Parent) studio.scene().lookup("#toasts")).getChildrenUnmodifiable()) collect(toast, out);
            return out;
        });
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null) out.add(l.getText());
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) collect(c, out);
    }

    private String toast(String key) {
        return fx(() -> {
            Node t = studio.scene().lookup("#" + ToastLayer.idOf(key));
            if (t == null) return null;
            List<String> out = new ArrayList<>();
            collect(t, out);
            return String.join(" | ", out);
        });
    }

    @Test
    void aFullDiskIsToldAsOneAndTheCardNamesEveryFile(FxRobot robot) throws Exception {
        robot.clickOn("#go-live");
        await("the pre-flight warning", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent(),
                this::cards);
        robot.clickOn("#preflight-go-live");
        await("primary and recording LIVE", Duration.ofSeconds(25), () -> text("output-primary-state").equals("LIVE")
                && text("output-recording-state").equals("LIVE"), this::cards);
        String detail = text("output-recording-detail");
        assertThat(detail).startsWith("recording to ");
        String first = detail.substring("recording to ".length());
        assertThat(first).matches(FIRST);
        assertThat(text("output-recording-url")).isEqualTo("in " + disk.dir());
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#output-recording-url")).getTooltip().getText()))
                .isEqualTo("recording to " + disk.dir().resolve(first));
        String second = first.replace(".mkv", "-2.mkv");
        StudioUi.sleep(4_000);

        disk.fill();
        await("the recording waiting for room", Duration.ofSeconds(15),
                () -> text("output-recording-state").equals("PAUSED"), this::cards);
        await("the card saying the disk is full", Duration.ofSeconds(5),
                () -> text("output-recording-detail").startsWith("disk full: waiting for free space"), this::cards);
        String waiting = text("output-recording-detail");
        assertThat(waiting).contains("\nkept " + first + " (").endsWith("goes on in " + second + " when there is room");
        assertThat(text("output-recording-url")).isEqualTo("in " + disk.dir());
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#output-recording-url")).getTooltip().getText()))
                .isEqualTo(disk.dir().resolve(first) + "\nnext: " + disk.dir().resolve(second));
        // the notice: what happened, what is kept, what to do; nothing of ingest servers and networks
        await("the full-disk notice", Duration.ofSeconds(5), () -> toast("reconnecting:recording") != null, this::cards);
        String notice = toast("reconnecting:recording");
        assertThat(fx(() -> ((javafx.scene.control.Control) studio.scene().lookup("#output-recording-folder")).getTooltip().getText()))
                .isEqualTo("Show in folder: " + disk.dir());
        assertThat(notice).startsWith("Recording paused: the disk is full | The disk is full")
                .contains("Kept " + first + " (").contains(" in " + disk.dir() + ". What to do: free some space")
                .endsWith("the recording goes on in " + second + " by itself; the stream is not affected.")
                .doesNotContain("lost its connection", "ingest", "network");
        // the figures the card and the notice give for the kept file are the engine's, and that many frames are in it
        Matcher kept = Pattern.compile(Pattern.quote(first) + " \\((\\d+) frames").matcher(waiting);
        assertThat(kept.find()).isTrue();
        int claimed = Integer.parseInt(kept.group(1));
        assertThat(claimed).isPositive();
        assertThat(text("output-primary-state")).as("the stream is not affected").isEqualTo("LIVE");
        Snapshots.save(studio.scene(), "studio-disk-full");

        disk.free();
        await("the recording going on in the next file", Duration.ofSeconds(15),
                () -> text("output-recording-state").equals("LIVE"), this::cards);
        assertThat(text("output-recording-url")).isEqualTo("in " + disk.dir());
        assertThat(text("output-recording-detail")).startsWith("recording to " + second + "\nafter a write error; kept " + first + " (");
        StudioUi.sleep(3_000);
        assertThat(text("output-primary-state")).isEqualTo("LIVE");
        assertThat(text("output-primary-reconnects")).isEqualTo("0");

        robot.clickOn("#go-live");
        await("the End Live question", Duration.ofSeconds(5), () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(),
                this::cards);
        robot.clickOn("#confirm-end-live");
        await("off air", Duration.ofSeconds(30), () -> studio.viewModel().liveStateProperty().get() == LiveState.OFF_AIR,
                this::cards);
        await("the recording STOPPED", Duration.ofSeconds(5), () -> text("output-recording-state").equals("STOPPED"), this::cards);
        // the card lists both files, with what each holds, and shows their folder
        String stopped = text("output-recording-detail");
        assertThat(stopped).startsWith("stopped; recorded 2 files:\n" + first + " (" + claimed + " frames, ")
                .contains("\n" + second + " (");
        assertThat(text("output-recording-url")).isEqualTo("2 files in " + disk.dir());
        assertThat(text("output-recording-reconnects")).isEqualTo("1");
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#output-recording-url")).getTooltip().getText()))
                .isEqualTo(disk.dir().resolve(first) + "\n" + disk.dir().resolve(second));
        await("the saved notice", Duration.ofSeconds(5), () -> toast("recording-saved") != null, this::cards);
        assertThat(toast("recording-saved")).startsWith("Recording saved in 2 files | " + first + " (" + claimed + " frames, ")
                .contains(", " + second + " (").endsWith(", in " + disk.dir() + ".");
        Snapshots.save(studio.scene(), "studio-recording-saved");
        robot.clickOn("#output-recording-folder");
        await("the folder opened", Duration.ofSeconds(5), () -> !opened.isEmpty(), this::cards);
        assertThat(opened).containsExactly(disk.dir());

        // and the files are what the card says: two recordings, the first with at least the frames it claims
        primary.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
        assertThat(disk.files()).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder(first, second);
        assertThat(Ffprobe.probe(disk.dir().resolve(first)).videoFrameCount()).isGreaterThanOrEqualTo(claimed);
        assertThat(Ffprobe.probe(disk.dir().resolve(second)).videoFrameCount()).isPositive();
        assertThat(Files.size(disk.dir().resolve(second))).isPositive();
    }
}
