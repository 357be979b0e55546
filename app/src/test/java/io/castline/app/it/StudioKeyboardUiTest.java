package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.LiveState;
import io.castline.app.ui.Css;
import io.castline.app.ui.Hotkey;
import io.castline.app.ui.Hotkeys;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.PopOver;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio from the keyboard alone, against the real engine and a real nginx-rtmp ingest: the
 * shortcuts mute, switch the preview, open Settings, the planner and the shortcut list, and go
 * live and end; the questions they lead to take the safe answer on Enter, Space and Escape. The
 * timer then counts the time on air, not the program's.
 */
@ExtendWith(ApplicationExtension.class)
class StudioKeyboardUiTest {
    private static final String KEY = "sk_keyboard_ui_51c7";
    private static NginxRtmp primary;
    private static Path dir;
    private Studio studio;
    private long shownNanos;

    @BeforeAll
    static void serverAndProfile() throws Exception {
        dir = TestWorkdir.fresh("studio-keyboard-ui");
        primary = NginxRtmp.start(dir.resolve("primary"));
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile(
                "rtmp://127.0.0.1:" + primary.port() + "/" + NginxRtmp.LIVE, KEY, "", "",
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
    }

    @AfterAll
    static void stopServer() {
        if (primary != null) primary.close();
    }

    @Start
    void start(Stage stage) {
        studio = Studio.create(stage);
        stage.show();
        shownNanos = System.nanoTime();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
    }

    private LiveState liveState() {
        return fx(() -> studio.viewModel().liveStateProperty().get());
    }

    private String cards() {
        return liveState() + ", primary " + fx(() -> ((Labeled) studio.scene().lookup("#output-primary-state")).getText())
                + ", focus " + fx(() -> String.valueOf(focusOwner()));
    }

    /** The node with the keyboard focus in the newest focused window (a dialog over the studio). FX thread. */
    private static Node focusOwner() {
        var windows = new java.util.ArrayList<>(Window.getWindows());
        java.util.Collections.reverse(windows);
        for (Window w : windows) if (w.isFocused() && w.getScene() != null) return w.getScene().getFocusOwner();
        return null;
    }

    /** The id of the control with the focus in the window that shows {@code windowNodeId}. */
    private static String focusedId(FxRobot robot, String windowNodeId) {
        return fx(() -> {
            Node n = robot.lookup("#" + windowNodeId).query().getScene().getFocusOwner();
            return n == null ? null : n.getId();
        });
    }

    private static boolean shown(FxRobot robot, String id) {
        return robot.lookup("#" + id).tryQuery().map(n -> n.getScene() != null && n.getScene().getWindow().isShowing())
                .orElse(false);
    }

    private void ctrlShift(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(key).release(KeyCode.SHIFT, KeyCode.CONTROL);
    }

    /** Tab until the control with this id has the focus (at most 12 steps): keyboard only. */
    private void tabTo(FxRobot robot, String id) {
        for (int i = 0; i < 12 && !id.equals(focusedId(robot, id)); i++) robot.type(KeyCode.TAB);
        assertThat(focusedId(robot, id)).as("focus reached by Tab").isEqualTo(id);
    }

    private double meterWidth() {
        return fx(() -> ((javafx.scene.Parent) studio.scene().lookup("#meter-audio")).getChildrenUnmodifiable().get(0)
                .getLayoutBounds().getWidth());
    }

    @Test
    void theStudioIsDrivenFromTheKeyboard(FxRobot robot) {
        await("the program off air", Duration.ofSeconds(10), () -> ((Labeled) studio.scene().lookup("#stat-fps")).getText()
                .endsWith("/ 30 fps"), this::cards);
        await("the meter showing the tone", Duration.ofSeconds(10), () -> meterWidth() > 0, this::cards);
        ToggleButton mute = robot.lookup("#mute-audio").queryAs(ToggleButton.class);

        // mute and unmute
        ctrlShift(robot, KeyCode.M);
        await("muted", Duration.ofSeconds(5), () -> mute.isSelected() && meterWidth() == 0, this::cards);
        assertThat(fx(() -> ((Labeled) studio.scene().lookup("#peak-audio")).getText())).isEqualTo("muted");
        assertThat(mute.getTooltip().getText()).isEqualTo("Muted: click to unmute (Ctrl+Shift+M)");
        Snapshots.save(studio.scene(), "studio-muted");
        ctrlShift(robot, KeyCode.M);
        await("unmuted", Duration.ofSeconds(5), () -> !mute.isSelected() && meterWidth() > 0, this::cards);

        // the preview off and on
        ctrlShift(robot, KeyCode.V);
        await("the preview off", Duration.ofSeconds(5), () -> !studio.viewModel().preview().enabledProperty().get(), this::cards);
        ctrlShift(robot, KeyCode.V);
        await("the preview on", Duration.ofSeconds(5), () -> studio.viewModel().preview().enabledProperty().get(), this::cards);

        // Settings (Ctrl+,), closed with Escape; the shortcut list (F1); the planner
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        await("Settings", Duration.ofSeconds(5), () -> shown(robot, "settings-dialog"), this::cards);
        robot.type(KeyCode.ESCAPE);
        await("Settings closed", Duration.ofSeconds(5), () -> !shown(robot, "settings-dialog"), this::cards);
        shortcutList(robot);
        ctrlShift(robot, KeyCode.P);
        await("the planner", Duration.ofSeconds(5), () -> shown(robot, "planner-dialog"), this::cards);
        robot.type(KeyCode.ESCAPE);
        await("the planner closed", Duration.ofSeconds(5), () -> !shown(robot, "planner-dialog"), this::cards);

        // Go Live: not measured yet, so the pre-flight asks; its default is the bandwidth test, Escape stays off air
        ctrlShift(robot, KeyCode.L);
        await("the pre-flight warning", Duration.ofSeconds(5), () -> shown(robot, "preflight-warning"), this::cards);
        assertThat(focusedId(robot, "preflight-warning")).as("the safe choice has the focus").isEqualTo("preflight-test");
        robot.type(KeyCode.ESCAPE);
        await("the warning closed", Duration.ofSeconds(5), () -> !shown(robot, "preflight-warning"), this::cards);
        assertThat(liveState()).isEqualTo(LiveState.OFF_AIR);
        assertThat(studio.viewModel().uplink().testRunningProperty().get()).isFalse();

        ctrlShift(robot, KeyCode.L);
        await("the pre-flight warning", Duration.ofSeconds(5), () -> shown(robot, "preflight-warning"), this::cards);
        tabTo(robot, "preflight-go-live");
        // the program must have run a while before Go Live, so that its age and the time on air differ
        double programSeconds = (System.nanoTime() - shownNanos) / 1e9;
        if (programSeconds < 6) StudioUi.sleep((long) ((6 - programSeconds) * 1000));
        programSeconds = (System.nanoTime() - shownNanos) / 1e9;
        long pressed = System.nanoTime();
        robot.type(KeyCode.SPACE);
        await("LIVE", Duration.ofSeconds(25), () -> liveState() == LiveState.LIVE
                && ((Labeled) studio.scene().lookup("#output-primary-state")).getText().equals("LIVE"), this::cards);
        // time on air, not the program's age (it ran for programSeconds before Go Live)
        await("the timer counting", Duration.ofSeconds(5), () -> !timer().equals("00:00:00"), this::cards);
        double onAir = seconds(timer());
        double sincePress = (System.nanoTime() - pressed) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "timer %s, %.1f s after Go Live; program ran %.1f s before%n", timer(),
                sincePress, programSeconds);
        assertThat(programSeconds).as("the program ran long enough before Go Live for the check to tell").isGreaterThan(5);
        assertThat(onAir).isLessThanOrEqualTo(sincePress + 1);
        assertThat(fx(() -> studio.scene().lookup("#live-timer").getStyleClass().contains(Css.LIVE_TIMER_OFF))).isFalse();

        // End Live asks; Enter, Escape and Space on the first focus all stay live
        for (KeyCode answer : new KeyCode[]{KeyCode.ENTER, KeyCode.ESCAPE, KeyCode.SPACE}) {
            ctrlShift(robot, KeyCode.L);
            await("the End Live question", Duration.ofSeconds(5), () -> shown(robot, "confirm-end"), this::cards);
            assertThat(focusedId(robot, "confirm-end")).as("the safe choice has the focus").isEqualTo("cancel-end-live");
            if (answer == KeyCode.ENTER) Snapshots.save(robot.lookup("#confirm-end").query().getScene(), "confirm-end-live");
            robot.type(answer);
            await("the question answered with " + answer, Duration.ofSeconds(5), () -> !shown(robot, "confirm-end"), this::cards);
            StudioUi.sleep(500);
            assertThat(liveState()).as("still live after " + answer).isEqualTo(LiveState.LIVE);
        }
        // ending takes a deliberate choice: Tab to "End Live", then Space
        ctrlShift(robot, KeyCode.L);
        await("the End Live question", Duration.ofSeconds(5), () -> shown(robot, "confirm-end"), this::cards);
        tabTo(robot, "confirm-end-live");
        robot.type(KeyCode.SPACE);
        await("off air", Duration.ofSeconds(30), () -> liveState() == LiveState.OFF_AIR, this::cards);
        assertThat(timer()).isEqualTo("00:00:00");
        assertThat(fx(() -> studio.scene().lookup("#live-timer").getStyleClass().contains(Css.LIVE_TIMER_OFF))).isTrue();
        primary.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
    }

    /**
     * The shortcut list is a popover at the keyboard button, inside the window, listing every
     * {@link Hotkey}: F1 and the button open it, F1 toggles it, Escape and a click elsewhere close
     * it, and it is not modal (the studio's own shortcuts work while it is open).
     */
    private void shortcutList(FxRobot robot) {
        robot.type(KeyCode.F1);
        await("the shortcut list from F1", Duration.ofSeconds(5), () -> shown(robot, "shortcuts"), this::cards);
        List<String> listed = fx(() -> texts(robot.lookup("#shortcuts").query()));
        for (Hotkey k : Hotkey.values()) {
            assertThat(listed).as("the list names " + k).contains(Hotkeys.defaults().keys(k), k.action());
        }
        assertThat(listed).contains("Ctrl+Shift+L", "Go Live, or End Live (asks first)", "Ctrl+,", "F1");
        assertThat(fx(() -> robot.lookup("#shortcuts").query().getScene().getWindow()))
                .as("a popover, not a dialog").isInstanceOf(PopOver.class);
        // placed under the keyboard button, inside the studio's window
        Bounds button = fx(() -> screenBounds(studio.scene().lookup("#show-shortcuts")));
        Bounds list = fx(() -> screenBounds(robot.lookup("#shortcuts").query()));
        Window main = studio.scene().getWindow();
        assertThat(list.getMinY()).as("below the button").isGreaterThan(button.getMaxY());
        assertThat(list.getMinX()).as("inside the window (left)").isGreaterThanOrEqualTo(main.getX());
        assertThat(list.getMaxX()).as("inside the window (right)").isLessThanOrEqualTo(main.getX() + main.getWidth());
        assertThat(list.getMaxY()).as("inside the window (bottom)").isLessThanOrEqualTo(main.getY() + main.getHeight());
        assertThat(button.getCenterX()).as("the arrow's end of the list is at the button")
                .isBetween(list.getMinX(), list.getMaxX() + 24);
        Snapshots.saveScreen(robot, main, "shortcuts");
        // the popover's window (its shadow included) leaves the button's middle free: a click there closes the list
        double popoverTop = fx(() -> robot.lookup("#shortcuts").query().getScene().getWindow().getY());
        assertThat(popoverTop).as("the popover's window top").isGreaterThan(button.getCenterY() + 2);

        // not modal: a shortcut works while the list is open (and the list stays)
        ctrlShift(robot, KeyCode.M);
        await("muted with the list open", Duration.ofSeconds(5), () -> studio.viewModel().audio().channels().get(0)
                .mutedProperty().get(), this::cards);
        ctrlShift(robot, KeyCode.M);
        await("unmuted", Duration.ofSeconds(5), () -> !studio.viewModel().audio().channels().get(0).mutedProperty().get(),
                this::cards);
        assertThat(shown(robot, "shortcuts")).as("still open after other shortcuts").isTrue();

        robot.type(KeyCode.ESCAPE);
        await("the list closed by Escape", Duration.ofSeconds(5), () -> !shown(robot, "shortcuts"), this::cards);
        robot.type(KeyCode.F1);
        await("the list again from F1", Duration.ofSeconds(5), () -> shown(robot, "shortcuts"), this::cards);
        robot.type(KeyCode.F1);
        await("the list closed by F1", Duration.ofSeconds(5), () -> !shown(robot, "shortcuts"), this::cards);

        robot.clickOn("#show-shortcuts");
        await("the list from the keyboard button", Duration.ofSeconds(5), () -> shown(robot, "shortcuts"), this::cards);
        robot.clickOn("#show-shortcuts");
        await("the list closed by the button", Duration.ofSeconds(5), () -> !shown(robot, "shortcuts"), this::cards);
        StudioUi.sleep(400); // a press that closed it must not also have opened it again
        assertThat(shown(robot, "shortcuts")).as("the button closes the list, it does not reopen it").isFalse();

        robot.clickOn("#show-shortcuts");
        await("the list from the keyboard button", Duration.ofSeconds(5), () -> shown(robot, "shortcuts"), this::cards);
        robot.clickOn("#output-primary-state");
        await("the list closed by a click elsewhere", Duration.ofSeconds(5), () -> !shown(robot, "shortcuts"), this::cards);
    }

    /** The texts of the labels under {@code root}. FX thread. */
    private static List<String> texts(Node root) {
        List<String> out = new ArrayList<>();
        if (root instanceof Labeled l && l.getText() != null) out.add(l.getText());
        if (root instanceof javafx.scene.Parent p) for (Node c : p.getChildrenUnmodifiable()) out.addAll(texts(c));
        return out;
    }

    private static Bounds screenBounds(Node n) {
        return n.localToScreen(n.getLayoutBounds());
    }

    private String timer() {
        return fx(() -> ((Labeled) studio.scene().lookup("#live-timer")).getText());
    }

    private static double seconds(String clock) {
        String[] p = clock.split(":");
        return Integer.parseInt(p[0]) * 3600 + Integer.parseInt(p[1]) * 60 + Integer.parseInt(p[2]);
    }
}
