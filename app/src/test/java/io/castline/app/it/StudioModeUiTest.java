package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowStore;
import io.castline.testing.TestWorkdir;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
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
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Studio mode with the real engine: the next scene is chosen by hotkey and edited in the preview
 * while the program stays on air untouched, Transition (button and hotkey) puts it on air and
 * brings the old one into the preview, and studio mode off goes back to switching on air. Every
 * step is read from the two pictures' pixels.
 */
@ExtendWith(ApplicationExtension.class)
class StudioModeUiTest {
    private static final int RED = 0xE02020;
    private static final int GREEN = 0x20C020;
    private Studio studio;

    @BeforeAll
    static void profileAndShow() throws Exception {
        Path dir = TestWorkdir.fresh("studio-mode-ui");
        Path config = dir.resolve("config");
        StudioUi.useProfile(config, StudioUi.lightProfile("", "", "", "",
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
        Files.writeString(config.resolve(ShowStore.FILE_NAME), """
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
                 "sources": [{"name": "Red", "kind": "color", "color": "#E02020"},
                             {"name": "Green", "kind": "color", "color": "#20C020"}],
                 "scenes": [{"name": "Red scene", "layers": [{"source": "Red"}]},
                            {"name": "Green scene", "layers": [{"source": "Green"}]}],
                 "program": "Red scene"}
                """);
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

    /** The middle pixel of the picture with this id (0xRRGGBB), or -1 while there is none on screen. */
    private int middle(String id) {
        return fx(() -> {
            if (!(studio.scene().lookup("#" + id) instanceof ImageView v) || v.getImage() == null || v.getScene() == null) return -1;
            Image image = v.getImage();
            return image.getPixelReader().getArgb((int) image.getWidth() / 2, (int) image.getHeight() / 2) & 0xFFFFFF;
        });
    }

    private static boolean near(int rgb, int expected) {
        if (rgb < 0) return false;
        for (int shift : new int[]{16, 8, 0}) {
            if (Math.abs((rgb >> shift & 0xFF) - (expected >> shift & 0xFF)) > 24) return false;
        }
        return true;
    }

    private boolean showing(int preview, int program) {
        return near(middle("studio-preview-picture"), preview) && near(middle("preview-picture"), program);
    }

    private String shown() {
        return String.format("preview %06X, program %06X; on air %s, next %s", middle("studio-preview-picture"),
                middle("preview-picture"), fx(() -> studio.viewModel().scenes().programSceneProperty().get()),
                fx(() -> studio.viewModel().scenes().previewSceneProperty().get()));
    }

    private void keys(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) robot.release(keys[i]);
    }

    @Test
    void theNextSceneIsPreparedBesideTheProgramAndTransitionedOnAir(FxRobot robot) {
        await("the program", Duration.ofSeconds(15), () -> near(middle("preview-picture"), RED), this::shown);
        robot.clickOn("#studio-mode");
        await("the preview beside it, a copy of what is on air", Duration.ofSeconds(10), () -> showing(RED, RED), this::shown);

        keys(robot, KeyCode.CONTROL, KeyCode.DIGIT2);
        await("the second scene in the preview only", Duration.ofSeconds(10), () -> showing(GREEN, RED), this::shown);
        assertThat(studio.viewModel().layers().sceneProperty().get()).as("the sources dock edits the next scene").isEqualTo("Green scene");

        // an edit of the next scene shows in the preview, never on air
        robot.clickOn("#layer-eye-0");
        await("hidden in the preview", Duration.ofSeconds(10), () -> near(middle("studio-preview-picture"), 0x000000), this::shown);
        assertThat(near(middle("preview-picture"), RED)).as("the program untouched").isTrue();
        robot.clickOn("#layer-list");
        keys(robot, KeyCode.CONTROL, KeyCode.Z);
        await("undone", Duration.ofSeconds(10), () -> showing(GREEN, RED), this::shown);
        Snapshots.save(studio.scene(), "studio-mode");

        robot.clickOn("#transition");
        await("on air, and the old scene in the preview", Duration.ofSeconds(10), () -> showing(RED, GREEN), this::shown);
        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T);
        await("and back by the hotkey", Duration.ofSeconds(10), () -> showing(GREEN, RED), this::shown);

        keys(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S);
        await("studio mode off: the preview goes", Duration.ofSeconds(10), () -> middle("studio-preview-picture") < 0, this::shown);
        keys(robot, KeyCode.CONTROL, KeyCode.DIGIT2);
        await("a scene hotkey switches on air again", Duration.ofSeconds(10), () -> near(middle("preview-picture"), GREEN),
                this::shown);
        assertThat(studio.viewModel().profileProperty().get().view().studioMode()).as("remembered for the next start").isFalse();
    }
}
