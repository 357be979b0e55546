package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.app.ui.Hotkey;
import io.castline.testing.TestWorkdir;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hotkeys changed in Settings, with the real engine: the host clicks Record's field and presses
 * keys that Go Live has (refused at both fields, Save disabled), then F9; the scene keys become
 * Alt+1 … 9. Saved, they work at once (F9 records, Alt+2 puts the second scene on air), the old
 * keys do nothing, the tooltips and the shortcut list show the new ones, and the profile keeps them.
 */
@ExtendWith(ApplicationExtension.class)
class StudioHotkeysUiTest {
    private static Path dir;
    private Studio studio;

    @BeforeAll
    static void profile() throws Exception {
        dir = TestWorkdir.fresh("studio-hotkeys-ui");
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile("", "", "", "",
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
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

    private String text(FxRobot robot, String id) {
        return fx(() -> ((TextField) robot.lookup(id).query()).getText());
    }

    private String error(FxRobot robot, String field) {
        return fx(() -> {
            Labeled l = robot.lookup("#error-" + field).queryLabeled();
            return l.isVisible() ? l.getText() : "";
        });
    }

    private String program() {
        return fx(() -> studio.viewModel().scenes().programSceneProperty().get());
    }

    private boolean recording() {
        return fx(() -> studio.viewModel().recordingOnProperty().get());
    }

    @Test
    void keysChangedInSettingsWorkAtOnceAndTheOldOnesDoNothing(FxRobot robot) throws Exception {
        await("the program running", Duration.ofSeconds(10),
                () -> ((Labeled) studio.scene().lookup("#stat-fps")).getText().endsWith("/ 30 fps"), () -> "");
        fx(() -> studio.viewModel().scenes().add());
        await("a second scene", Duration.ofSeconds(5), () -> studio.viewModel().scenes().scenes().size() == 2, () -> "");
        String first = fx(() -> studio.viewModel().scenes().scenes().get(0));
        String second = fx(() -> studio.viewModel().scenes().scenes().get(1));
        fx(() -> {
            studio.viewModel().scenes().switchTo(first);
            return null;
        });

        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        await("Settings", Duration.ofSeconds(5), () -> robot.lookup("#settings-dialog").tryQuery().isPresent(), () -> "");
        robot.clickOn("Hotkeys");
        await("the Hotkeys tab", Duration.ofSeconds(5), () -> robot.lookup("#field-hotkey-record").tryQuery()
                .map(n -> n.isVisible()).orElse(false), () -> String.join(" | ", visibleTexts()));
        assertThat(text(robot, "#field-hotkey-record")).isEqualTo(Hotkey.RECORD.keys());

        robot.clickOn("#field-hotkey-record");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT, KeyCode.CONTROL);
        await("the clash refused", Duration.ofSeconds(5), () -> !error(robot, "hotkey-record").isEmpty(), () -> error(robot, "hotkey-record"));
        assertThat(error(robot, "hotkey-record")).endsWith("is Go Live / End Live's already");
        assertThat(error(robot, "hotkey-go_live")).endsWith("is Record's too");
        assertThat(fx(() -> robot.lookup("#settings-save").query().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#settings-dialog").query().getScene().getWindow().isShowing()))
                .as("the keys were the field's, not the dialog's").isTrue();

        robot.type(KeyCode.F9);
        await("F9 taken", Duration.ofSeconds(5), () -> text(robot, "#field-hotkey-record").equals("F9"), () -> text(robot, "#field-hotkey-record"));
        assertThat(error(robot, "hotkey-record")).isEmpty();
        assertThat(error(robot, "hotkey-go_live")).isEmpty();
        assertThat(fx(() -> robot.lookup("#hotkey-default-record").query().isDisabled())).isFalse();

        robot.clickOn("#field-hotkey-scene");
        robot.press(KeyCode.ALT).type(KeyCode.DIGIT1).release(KeyCode.ALT);
        await("Alt+1 for the scenes", Duration.ofSeconds(5), () -> text(robot, "#field-hotkey-scene").equals("Alt+1 … 9"),
                () -> text(robot, "#field-hotkey-scene"));
        // Tab still moves on: it is never taken as a key
        robot.type(KeyCode.TAB);
        assertThat(text(robot, "#field-hotkey-scene")).isEqualTo("Alt+1 … 9");
        Snapshots.save(robot.lookup("#settings-dialog").query().getScene(), "settings-hotkeys");
        robot.clickOn("#settings-save");
        await("Settings closed", Duration.ofSeconds(5), () -> robot.lookup("#settings-dialog").tryQuery()
                .map(n -> !n.getScene().getWindow().isShowing()).orElse(true), () -> "");

        assertThat(new ProfileStore(dir.resolve("config")).load().profile().hotkeys())
                .isEqualTo(Map.of("record", "F9", "scene", "Alt+1"));
        assertThat(fx(() -> ((Control) studio.scene().lookup("#record")).getTooltip().getText())).endsWith("(F9)");

        robot.clickOn("#preview-pane");
        robot.press(KeyCode.ALT).type(KeyCode.DIGIT2).release(KeyCode.ALT);
        await("Alt+2: the second scene on air", Duration.ofSeconds(5), () -> program().equals(second), this::program);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        StudioUi.sleep(500);
        assertThat(program()).as("Ctrl+1 is no scene key any more").isEqualTo(second);

        robot.type(KeyCode.F9);
        await("F9: recording", Duration.ofSeconds(15), this::recording, () -> String.valueOf(recording()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.R).release(KeyCode.SHIFT, KeyCode.CONTROL);
        StudioUi.sleep(1_000);
        assertThat(recording()).as("Ctrl+Shift+R is no longer Record's").isTrue();
        robot.type(KeyCode.F9);
        await("F9 again: stopped", Duration.ofSeconds(15), () -> !recording()
                && !studio.viewModel().recordBusyProperty().get(), () -> String.valueOf(recording()));

        robot.clickOn("#show-shortcuts");
        await("the shortcut list", Duration.ofSeconds(5), () -> robot.lookup("#shortcut-keys-record").tryQuery().isPresent(), () -> "");
        assertThat(fx(() -> robot.lookup("#shortcut-keys-record").queryLabeled().getText())).isEqualTo("F9");
        assertThat(fx(() -> robot.lookup("#shortcut-keys-scene").queryLabeled().getText())).isEqualTo("Alt+1 … 9");
        robot.type(KeyCode.ESCAPE);
    }
}
