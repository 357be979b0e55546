package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowStore;
import io.castline.testing.TestWorkdir;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
 * Reordering by dragging rows, as in OBS's docks, with the real engine: a scene dragged onto
 * another takes its place (nothing goes on air); a layer dragged onto another is drawn where that
 * one was, which the preview's pixels show; each drag is one undo step.
 */
@ExtendWith(ApplicationExtension.class)
class StudioDragReorderUiTest {
    private Studio studio;

    @Start
    void start(Stage stage) throws Exception {
        Path config = TestWorkdir.fresh("studio-drag-reorder-ui").resolve("config");
        StudioUi.useProfile(config, StudioUi.lightProfile("", "", "", "",
                new StudioProfile.Recording(false, config.resolveSibling("recordings").toString(), "mkv")));
        Files.writeString(config.resolve(ShowStore.FILE_NAME), """
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
                 "sources": [{"name": "Red", "kind": "color", "color": "#FF0000"},
                             {"name": "Blue", "kind": "color", "color": "#0000FF"},
                             {"name": "Green", "kind": "color", "color": "#00FF00"}],
                 "scenes": [{"name": "A", "layers": [{"source": "Red"},
                                                     {"source": "Blue", "x": 160, "y": 90, "width": 320, "height": 180}]},
                            {"name": "B", "layers": [{"source": "Green"}]},
                            {"name": "C", "layers": [{"source": "Red"}]}],
                 "program": "A"}
                """);
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
    }

    private List<String> scenes() {
        return fx(() -> List.copyOf(studio.viewModel().scenes().scenes()));
    }

    private List<String> layerRows() {
        return fx(() -> studio.viewModel().layers().rows().stream().map(r -> r.source()).toList());
    }

    /** The preview's middle pixel as 0xRRGGBB. */
    private int middle() {
        return fx(() -> {
            if (!(studio.scene().lookup("#preview-picture") instanceof ImageView v) || v.getImage() == null) return -1;
            Image image = v.getImage();
            return image.getPixelReader().getArgb((int) image.getWidth() / 2, (int) image.getHeight() / 2) & 0xFFFFFF;
        });
    }

    private static boolean mostly(int rgb, int shift) {
        return rgb >= 0 && (rgb >> shift & 0xFF) > 200 && (rgb & ~(0xFF << shift) & 0xFFFFFF & 0xE0E0E0) == 0;
    }

    /** The row of {@code list} that shows {@code text}. */
    private static Node row(FxRobot robot, String list, String text) {
        return robot.lookup(list + " .list-cell").match((ListCell<?> c) -> !c.isEmpty()
                && (text.equals(c.getText()) || c.getGraphic() != null && c.getGraphic().lookupAll(".label").stream()
                .anyMatch(l -> text.equals(((javafx.scene.control.Label) l).getText())))).query();
    }

    @Test
    void scenesAndLayersAreReorderedByDraggingTheirRows(FxRobot robot) {
        await("the show's three scenes", Duration.ofSeconds(10), () -> scenes().equals(List.of("A", "B", "C")), () -> "" + scenes());
        await("the blue layer over the red one", Duration.ofSeconds(10), () -> mostly(middle(), 0),
                () -> Integer.toHexString(middle()));
        String listId = "#scene-list";

        robot.drag(row(robot, listId, "C")).dropTo(row(robot, listId, "A"));
        await("C first", Duration.ofSeconds(5), () -> scenes().equals(List.of("C", "A", "B")), () -> "" + scenes());
        assertThat(fx(() -> studio.viewModel().show().programSceneProperty().get())).as("a drag puts nothing on air").isEqualTo("A");

        assertThat(layerRows()).as("top first").containsExactly("Blue", "Red");
        robot.drag(row(robot, "#layer-list", "Red")).dropTo(row(robot, "#layer-list", "Blue"));
        await("the red layer on top", Duration.ofSeconds(5), () -> layerRows().equals(List.of("Red", "Blue")), () -> "" + layerRows());
        await("and drawn over the blue one", Duration.ofSeconds(5), () -> mostly(middle(), 16), () -> Integer.toHexString(middle()));
        Snapshots.save(studio.scene(), "studio-drag-reorder");

        robot.clickOn(row(robot, "#layer-list", "Red"));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await("the layers' drag undone", Duration.ofSeconds(5), () -> layerRows().equals(List.of("Blue", "Red")) && mostly(middle(), 0),
                () -> layerRows() + " " + Integer.toHexString(middle()));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await("then the scenes'", Duration.ofSeconds(5), () -> scenes().equals(List.of("A", "B", "C")), () -> "" + scenes());
    }
}
