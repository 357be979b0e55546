package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowStore;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.app.studio.LiveState;
import io.castline.testing.NginxRtmp;
import io.castline.testing.RawFrames;
import io.castline.testing.TestWorkdir;
import javafx.scene.control.Labeled;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer builds a show in the studio with the real engine: adds a colour source through the
 * Sources dock's dialog (a bad setting is refused at its field first), hides it with its eye,
 * undoes with Ctrl+Z, adds a scene and switches to it by clicking it and back with Ctrl+1, resizes and
 * moves the layer by its handles in the preview (snapped to the centre lines) and undoes both. Each
 * step is read from the preview's pixels; the show is in {@code show.json} afterwards, readable by
 * the CLI's reader. Then live to nginx-rtmp: the fade to the empty scene arrives as blended frames.
 */
@ExtendWith(ApplicationExtension.class)
class StudioScenesUiTest {
    private static final String KEY = "sk_scenes_7c2a";
    private static Path dir;
    private static NginxRtmp ingest;
    private Studio studio;

    @BeforeAll
    static void serverAndProfile() throws Exception {
        dir = TestWorkdir.fresh("studio-scenes-ui");
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

    /** The preview's middle pixel as 0xRRGGBB. */
    private int middle() {
        return fx(() -> {
            if (!(studio.scene().lookup("#preview-picture") instanceof ImageView v) || v.getImage() == null) return -1;
            Image image = v.getImage();
            return image.getPixelReader().getArgb((int) image.getWidth() / 2, (int) image.getHeight() / 2) & 0xFFFFFF;
        });
    }

    /** The preview's pixel at this share of its width and height, as 0xRRGGBB. */
    private int pixel(double fx, double fy) {
        return fx(() -> {
            if (!(studio.scene().lookup("#preview-picture") instanceof ImageView v) || v.getImage() == null) return -1;
            Image image = v.getImage();
            return image.getPixelReader().getArgb((int) (image.getWidth() * fx), (int) (image.getHeight() * fy)) & 0xFFFFFF;
        });
    }

    /** The backdrop's rectangle in the show: x, y, width, height. */
    private List<Integer> rect() {
        return fx(() -> {
            var l = studio.viewModel().show().current().scene("Main").orElseThrow().layers().get(1);
            return List.of(l.x(), l.y(), l.width(), l.height());
        });
    }

    private static javafx.geometry.Point2D at(Bounds b, double fx, double fy) {
        return new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * fx, b.getMinY() + b.getHeight() * fy);
    }

    private static boolean red(int rgb) {
        return rgb >= 0 && (rgb >> 16 & 0xFF) > 200 && (rgb >> 8 & 0xFF) < 60 && (rgb & 0xFF) < 60;
    }

    private static boolean black(int rgb) {
        return rgb >= 0 && (rgb >> 16 & 0xFF) < 40 && (rgb >> 8 & 0xFF) < 40 && (rgb & 0xFF) < 40;
    }

    private String shown() { return String.format("middle pixel %06X; sources %s; scenes %s, on air %s", middle(),
            studio.viewModel().layers().rows(), studio.viewModel().scenes().scenes(),
            fx(() -> studio.viewModel().scenes().programSceneProperty().get())); }

    @Test
    void aProducerBuildsScenesAndSwitchesBetweenThem(FxRobot robot) throws Exception {
        await("the preview", Duration.ofSeconds(15), () -> middle() >= 0, this::shown);
        assertThat(red(middle())).as("the test pattern's middle is not red").isFalse();

        // a setting the engine refuses stays in the dialog, under its field; nothing is added
        robot.clickOn("#layer-add");
        robot.clickOn("Colour");
        await("the add-source dialog", Duration.ofSeconds(5), () -> robot.lookup("#add-source-dialog").tryQuery().isPresent(),
                this::shown);
        robot.doubleClickOn("#source-color").eraseText(8).write("reddish");
        robot.clickOn("#add-source-ok");
        await("the problem at the colour field", Duration.ofSeconds(5),
                () -> !((Label) robot.lookup("#problem-color").query()).getText().isEmpty(), this::shown);
        assertThat(fx(() -> ((Label) robot.lookup("#problem-color").query()).getText())).contains("reddish");
        assertThat(studio.viewModel().layers().rows()).hasSize(1);

        robot.doubleClickOn("#source-color").eraseText(8).write("#FF0000");
        TextField name = robot.lookup("#source-name").query();
        robot.doubleClickOn(name).eraseText(10).write("Backdrop");
        robot.clickOn("#add-source-ok");
        await("the colour on air", Duration.ofSeconds(10), () -> red(middle()), this::shown);
        assertThat(studio.viewModel().layers().rows()).extracting(r -> r.source()).containsExactly("Backdrop", "video");
        Snapshots.save(studio.scene(), "studio-scenes");

        // its eye hides it; Ctrl+Z brings it back
        robot.clickOn("#layer-eye-1");
        await("the layer hidden", Duration.ofSeconds(10), () -> !red(middle()), this::shown);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await("undone: shown again", Duration.ofSeconds(10), () -> red(middle()), this::shown);

        // a new scene is empty (black); clicking it puts it on air, Ctrl+1 the first scene again
        robot.clickOn("#scene-add");
        await("a second scene", Duration.ofSeconds(5), () -> studio.viewModel().scenes().scenes().size() == 2, this::shown);
        robot.clickOn("Scene 2");
        await("the empty scene on air", Duration.ofSeconds(10), () -> black(middle()), this::shown);
        assertThat(studio.viewModel().scenes().programSceneProperty().get()).isEqualTo("Scene 2");
        assertThat(studio.viewModel().layers().rows()).as("the dock shows the scene on air").isEmpty();
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        await("Main again", Duration.ofSeconds(10), () -> red(middle()), this::shown);

        // in the preview: a click chooses the top layer, its corner handle dragged to the middle halves
        // it (snapped to the centre lines), a drag of its body moves it; each drag is one undo step
        Bounds screen = fx(() -> studio.scene().lookup("#layer-overlay").localToScreen(
                studio.scene().lookup("#layer-overlay").getLayoutBounds()));
        robot.clickOn(at(screen, 0.3, 0.3));
        await("the backdrop chosen", Duration.ofSeconds(5), () -> studio.viewModel().layers().selectedIndexProperty().get() == 1,
                this::shown);
        robot.drag("#layer-handle-bottom-right").dropTo(at(screen, 0.505, 0.495));
        await("resized to a quarter", Duration.ofSeconds(5), () -> rect().equals(List.of(0, 0, 320, 180)), () -> rect() + "");
        robot.drag(at(screen, 0.25, 0.25)).dropTo(at(screen, 0.75, 0.745));
        await("moved to the lower right quarter", Duration.ofSeconds(5), () -> rect().equals(List.of(320, 180, 320, 180)),
                () -> rect() + "");
        await("the picture follows", Duration.ofSeconds(10), () -> red(pixel(0.75, 0.75)) && !red(pixel(0.25, 0.25)), this::shown);
        Snapshots.save(studio.scene(), "studio-layer-dragged");
        assertThat(fx(() -> ((TextField) studio.scene().lookup("#layer-x")).getText())).as("the properties follow").isEqualTo("320");
        robot.clickOn("#layer-list"); // the focus out of any text field: Ctrl+Z is the show's
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await("the move undone in one step", Duration.ofSeconds(5), () -> rect().equals(List.of(0, 0, 320, 180)), () -> rect() + "");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await("the resize undone", Duration.ofSeconds(5), () -> rect().equals(List.of(0, 0, 640, 360)), () -> rect() + "");
        await("red all over again", Duration.ofSeconds(10), () -> red(middle()), this::shown);

        Path file = dir.resolve("config").resolve(ShowStore.FILE_NAME);
        await("the show saved", Duration.ofSeconds(5), () -> Files.exists(file)
                && ShowFile.parse(file).scene("Scene 2").isPresent(), this::shown);
        Show saved = ShowFile.parse(file);
        assertThat(saved.source("Backdrop").orElseThrow().settings()).containsEntry("color", "#FF0000");
        assertThat(saved.scene("Main").orElseThrow().layers()).extracting(l -> l.source()).containsExactly("video", "Backdrop");
        assertThat(saved.canvas().width()).isEqualTo(640);

        // live: a fade to the empty scene reaches the stream as a real blend, red to black
        robot.clickOn("#go-live");
        await("the pre-flight warning", Duration.ofSeconds(5), () -> robot.lookup("#preflight-go-live").tryQuery().isPresent(),
                this::shown);
        robot.clickOn("#preflight-go-live");
        await("primary LIVE", Duration.ofSeconds(25), () -> "LIVE".equals(fx(() ->
                ((Labeled) studio.scene().lookup("#output-primary-state")).getText())), this::shown);
        StudioUi.sleep(2_000);
        robot.clickOn("Scene 2");
        await("the empty scene on air", Duration.ofSeconds(10), () -> black(middle()), this::shown);
        StudioUi.sleep(2_000);
        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5),
                () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(), this::shown);
        robot.clickOn("#confirm-end-live");
        await("off air", Duration.ofSeconds(30), () -> studio.viewModel().liveStateProperty().get() == LiveState.OFF_AIR,
                this::shown);
        ingest.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
        Path arrived = ingest.recordings(KEY).get(0);
        List<Integer> reds = new ArrayList<>();
        // the mean red of the middle of each frame
        for (RawFrames.Picture f : RawFrames.all(arrived, 16, 9)) reds.add((int) Math.round(f.meanAround(8, 4, 2)[0]));
        int firstBlack = reds.indexOf(reds.stream().filter(r -> r <= 12).findFirst().orElseThrow());
        int lastRed = -1;
        for (int i = 0; i < firstBlack; i++) if (reds.get(i) >= 240) lastRed = i;
        List<Integer> fade = reds.subList(lastRed + 1, firstBlack);
        System.out.printf("FIGURES studio fade on the stream: %d red frames, %d between (%s), then %d black%n",
                lastRed + 1, fade.size(), fade, reds.size() - firstBlack);
        assertThat(lastRed).as("red frames before the switch").isGreaterThan(30);
        // 300 ms at 30 fps: 9 blended frames, each darker than the one before (none frozen or repeated)
        assertThat(fade).hasSizeBetween(8, 10);
        for (int i = 1; i < fade.size(); i++) assertThat(fade.get(i)).isLessThan(fade.get(i - 1));
        assertThat(reds.subList(firstBlack, reds.size())).as("black after the fade").allMatch(r -> r <= 12).hasSizeGreaterThan(30);
    }
}
