package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.LiveState;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices as a host meets them, against the real engine: a microphone that cannot be opened is
 * told and then stays warned on its channel strip after the notice has gone; a backup ingest that
 * refuses is told when live; no notice covers the stats bar; at End Live the broadcast's notices
 * go and no new ones come.
 */
@ExtendWith(ApplicationExtension.class)
class StudioNotificationsUiTest {
    private static final String KEY = "sk_notices_ui_3b9d";
    /** No sound server or device has this name, whatever the machine. */
    private static final String DEAD_MIC = "castline-no-such-microphone";
    private static NginxRtmp primary;
    private static Path dir;
    private Studio studio;

    @BeforeAll
    static void serverAndProfile() throws Exception {
        dir = TestWorkdir.fresh("studio-notices-ui");
        primary = NginxRtmp.start(dir.resolve("primary"));
        StudioProfile light = StudioUi.lightProfile("rtmp://127.0.0.1:" + primary.port() + "/" + NginxRtmp.LIVE, KEY,
                "rtmp://127.0.0.1:1/" + NginxRtmp.LIVE, KEY, // nothing listens on port 1: refused at once
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv"));
        StudioUi.useProfile(dir.resolve("config"), new StudioProfile(light.version(), light.outputs(),
                new StudioProfile.Sources("testsrc", "mic:" + DEAD_MIC), light.encoder(), light.canvas(), light.recording(), null));
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

    private String shown() {
        return String.join(" | ", visibleTexts());
    }

    @Test
    void noticesStateWhatThePanelsShowNeverCoverTheStatsBarAndGoWithTheBroadcast(FxRobot robot) {
        // off air: the dead microphone is told, in words, with what to do
        await("the no-sound notice", Duration.ofSeconds(15), () -> notice("No sound from the audio source") != null, this::shown);
        assertNotOverTheStatsBar("No sound from the audio source");
        assertThat(fx(() -> String.join(" ", texts(notice("No sound from the audio source")))))
                .contains("Cannot open " + DEAD_MIC + ":").contains("What to do:");
        // its strip says so too, and keeps saying it once the notice has gone by itself
        Labeled signal = robot.lookup("#signal-audio").queryLabeled();
        assertThat(fx(signal::isVisible)).isTrue();
        assertThat(fx(signal::getText)).isEqualTo("No signal from Microphone (" + DEAD_MIC + ")");
        assertThat(fx(() -> signal.getTooltip().getText())).startsWith("Cannot open " + DEAD_MIC + ":");
        await("the notice gone by itself", Duration.ofSeconds(15), () -> notice("No sound from the audio source") == null,
                this::shown);
        assertThat(fx(signal::isVisible)).as("the warning stays on the strip").isTrue();
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#peak-audio")).getText())).isEqualTo("-∞ dB");
        Snapshots.save(studio.scene(), "studio-dead-microphone");

        robot.clickOn("#go-live");
        await("the pre-flight warning", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent(),
                this::shown);
        robot.clickOn("#preflight-go-live");
        await("primary LIVE", Duration.ofSeconds(25), () -> state("primary").equals("LIVE"), this::shown);
        // the refused backup: its card and its notice say the same
        await("the backup's notice", Duration.ofSeconds(15), () -> notice("Backup failed") != null, this::shown);
        assertThat(state("backup")).isEqualTo("FAILED");
        assertNotOverTheStatsBar("Backup failed");
        Snapshots.save(studio.scene(), "studio-notices-live");

        robot.clickOn("#go-live");
        await("the End Live question", Duration.ofSeconds(5), () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(),
                this::shown);
        robot.clickOn("#confirm-end-live");
        // the broadcast's notice goes at once, not 20 s later
        await("the backup's notice withdrawn", Duration.ofSeconds(2), () -> notice("Backup failed") == null, this::shown);
        await("off air", Duration.ofSeconds(30), () -> studio.viewModel().liveStateProperty().get() == LiveState.OFF_AIR,
                this::shown);
        // off air, nothing about the broadcast comes any more (a dead source may still be told: it is still dead)
        for (int i = 0; i < 12; i++) {
            StudioUi.sleep(250);
            assertThat(fx(() -> toastTitles())).as("notices after End Live")
                    .allSatisfy(t -> assertThat(t).isEqualTo("No sound from the audio source"));
        }
    }

    private String state(String output) {
        return fx(() -> ((Labeled) studio.scene().lookup("#output-" + output + "-state")).getText());
    }

    /** The box of the notice with this title, wherever it is shown (a toast, or a popup window); null if none. FX thread. */
    private static Node notice(String title) {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (!w.isShowing() || w.getScene() == null) continue;
            Node label = find(w.getScene().getRoot(), title);
            if (label == null) continue;
            for (Node n = label; n != null; n = n.getParent()) {
                if (n.getStyleClass().contains("toast") || n.getStyleClass().contains("notification-bar")) return n;
            }
            return label;
        }
        return null;
    }

    private static Node find(Node n, String text) {
        if (!n.isVisible()) return null;
        if (n instanceof Labeled l && text.equals(l.getText())) return n;
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                Node hit = find(c, text);
                if (hit != null) return hit;
            }
        }
        return null;
    }

    private static List<String> texts(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof Labeled l && l.getText() != null) out.add(l.getText());
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) out.addAll(texts(c));
        return out;
    }

    /** Titles of the toasts on screen now. FX thread. */
    private List<String> toastTitles() {
        List<String> out = new ArrayList<>();
        Parent layer = (Parent) studio.scene().lookup("#toasts");
        for (Node toast : layer.getChildrenUnmodifiable()) {
            Node title = toast.lookup(".toast-title");
            if (title instanceof Labeled l) out.add(l.getText());
        }
        return out;
    }

    private void assertNotOverTheStatsBar(String title) {
        Bounds toast = fx(() -> notice(title).localToScreen(notice(title).getBoundsInLocal()));
        Bounds bar = fx(() -> studio.scene().lookup("#stats-bar").localToScreen(studio.scene().lookup("#stats-bar").getBoundsInLocal()));
        Bounds window = fx(() -> studio.scene().getRoot().localToScreen(studio.scene().getRoot().getBoundsInLocal()));
        assertThat(toast.intersects(bar)).as("'%s' at %s covers the stats bar at %s", title, toast, bar).isFalse();
        assertThat(window.contains(toast)).as("'%s' inside the window", title).isTrue();
    }
}
