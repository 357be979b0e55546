package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.audio.ChannelStripViewModel;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.PulseServer;
import io.castline.testing.TestWorkdir;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
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
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A microphone picked from the sound inputs there are, with the real engine and a PulseAudio
 * server of the test's own: Add source → Microphone lists its source by name, the host picks it,
 * and the mixer gets its strip, which hears it (no "no signal").
 */
@ExtendWith(ApplicationExtension.class)
class StudioMicPickerUiTest {
    private static PulseServer pulse;
    private Studio studio;

    @BeforeAll
    static void soundServer() throws Exception {
        Path dir = TestWorkdir.fresh("studio-mic-picker-ui");
        pulse = PulseServer.start(dir.resolve("pulse"));
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile("", "", "", "",
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv")));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (pulse != null) pulse.close();
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

    private ChannelStripViewModel strip(String name) {
        return studio.viewModel().audio().channels().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void aSoundInputIsPickedByNameAndHeard(FxRobot robot) {
        robot.clickOn("#layer-add");
        robot.clickOn("Microphone");
        await("the microphone's form", Duration.ofSeconds(5), () -> robot.lookup("#source-device").tryQuery().isPresent(),
                () -> String.join(" | ", StudioUi.visibleTexts()));
        @SuppressWarnings("unchecked")
        ComboBox<String> device = (ComboBox<String>) robot.lookup("#source-device").query();
        assertThat(fx(() -> device.getItems())).contains(PulseServer.SOURCE);
        robot.clickOn("#source-name").eraseText(20).write("Host mic");
        robot.clickOn(device.lookup(".arrow-button")); // the list (a click on the text edits it)
        String shown = "Monitor of " + PulseServer.DESCRIPTION + " (" + PulseServer.SOURCE + ")";
        await("the source listed by name", Duration.ofSeconds(5), () -> robot.lookup(".list-cell").queryAll().stream()
                .anyMatch(c -> c instanceof javafx.scene.control.Labeled l && shown.equals(l.getText())),
                () -> String.join(" | ", StudioUi.visibleTexts()));
        robot.clickOn(shown);
        assertThat(fx(() -> device.getEditor().getText())).isEqualTo(PulseServer.SOURCE);
        Snapshots.save(robot.lookup("#add-source-dialog").query().getScene(), "add-source-mic-picker");
        robot.clickOn("#add-source-ok");

        await("its strip in the mixer", Duration.ofSeconds(10), () -> strip("Host mic") != null,
                () -> String.join(", ", studio.viewModel().audio().channels().stream().map(ChannelStripViewModel::name).toList()));
        // neither "Opening …" nor "No signal from …": its sound arrives
        await("the strip hearing its input", Duration.ofSeconds(15), () -> strip("Host mic").signalTextProperty().get().isEmpty(),
                () -> strip("Host mic").signalTextProperty().get());
        StudioUi.sleep(2_000);
        assertThat(fx(() -> strip("Host mic").signalTextProperty().get())).isEmpty();
        assertThat(fx(() -> strip("Host mic").noSignalProperty().get())).isFalse();
        assertThat(fx(() -> studio.viewModel().show().current().sources()).stream()
                .filter(s -> s.name().equals("Host mic")).findFirst().orElseThrow().settings())
                .containsEntry("device", PulseServer.SOURCE);
    }
}
