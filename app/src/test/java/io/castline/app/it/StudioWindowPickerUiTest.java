package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowStore;
import io.castline.testing.TestWorkdir;
import io.castline.testing.XvfbDisplay;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
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
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A screen source's window picked from the windows open, with the real engine: an Xvfb display
 * holds a green window named "castline product page"; in Add source → Screen capture the host
 * types that display, opens the Capture list, picks the window, and adds it. The window's id
 * fills its field (never typed) and the program shows the green window over the red backdrop.
 */
@ExtendWith(ApplicationExtension.class)
class StudioWindowPickerUiTest {
    private static final String TITLE = "castline product page";
    private static XvfbDisplay x;
    private static String windowId;
    private Studio studio;

    @BeforeAll
    static void display() throws Exception {
        Path dir = TestWorkdir.fresh("studio-window-picker-ui");
        x = XvfbDisplay.start(dir, 70);
        x.window(300, 300, 200, 100, 0x2020E0, "a blue window");
        windowId = x.window(20, 20, 320, 180, 0x20C020, TITLE);
        Path config = dir.resolve("config");
        StudioUi.useProfile(config, StudioUi.lightProfile("", "", "", "",
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
        Files.writeString(config.resolve(ShowStore.FILE_NAME), """
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
                 "sources": [{"name": "Backdrop", "kind": "color", "color": "#E02020"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Backdrop"}]}],
                 "program": "Main"}
                """);
    }

    @AfterAll
    static void stopDisplay() throws Exception {
        if (x != null) x.close();
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

    /** The preview's middle pixel as 0xRRGGBB. */
    private int middle() {
        return fx(() -> {
            if (!(studio.scene().lookup("#preview-picture") instanceof ImageView v) || v.getImage() == null) return -1;
            Image image = v.getImage();
            return image.getPixelReader().getArgb((int) image.getWidth() / 2, (int) image.getHeight() / 2) & 0xFFFFFF;
        });
    }

    @Test
    void aWindowIsPickedFromThoseOpenAndCaptured(FxRobot robot) {
        await("the red backdrop", Duration.ofSeconds(10), () -> (middle() >> 16 & 0xFF) > 180, () -> Integer.toHexString(middle()));
        robot.clickOn("#layer-add");
        robot.clickOn("Screen capture");
        await("the screen source's form", Duration.ofSeconds(5), () -> robot.lookup("#source-capture").tryQuery().isPresent(),
                () -> String.join(" | ", StudioUi.visibleTexts()));
        robot.clickOn("#source-display").write(x.name());
        robot.clickOn("#source-capture");
        await("the windows of " + x.name() + " listed", Duration.ofSeconds(5), () -> robot.lookup(".list-cell")
                .queryAll().stream().anyMatch(c -> c instanceof javafx.scene.control.Labeled l && l.getText() != null
                        && l.getText().startsWith("Window: " + TITLE)), () -> String.join(" | ", StudioUi.visibleTexts()));
        @SuppressWarnings("unchecked")
        List<String> listed = fx(() -> ((ComboBox<Object>) robot.lookup("#source-capture").query()).getItems().stream()
                .map(String::valueOf).toList());
        assertThat(listed).first().isEqualTo("The whole display");
        assertThat(listed).contains("Window: " + TITLE + " (320×180)", "Window: a blue window (200×100)");
        robot.clickOn("Window: " + TITLE + " (320×180)");
        assertThat(fx(() -> ((TextField) robot.lookup("#source-window").query()).getText())).isEqualTo(windowId);
        assertThat(fx(() -> ((TextField) robot.lookup("#source-region").query()).getText())).isEmpty();
        Snapshots.save(robot.lookup("#add-source-dialog").query().getScene(), "add-source-window-picker");
        robot.clickOn("#add-source-ok");

        await("the green window in the program", Duration.ofSeconds(15),
                () -> { int c = middle(); return (c >> 8 & 0xFF) > 150 && (c >> 16 & 0xFF) < 90; },
                () -> Integer.toHexString(middle()));
        assertThat(fx(() -> studio.viewModel().show().current().sources()).stream()
                .filter(s -> s.kind().equals("screen")).findFirst().orElseThrow().settings())
                .containsEntry("window", windowId).containsEntry("display", x.name());
    }
}
