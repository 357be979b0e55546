package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.TestWorkdir;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
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
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/** The settings dialog and the pre-flight, driven through the real controls. */
@ExtendWith(ApplicationExtension.class)
class StudioSettingsUiTest {
    private static final String KEY = "sk_settings_ui_5be21d0c";
    private Studio studio;
    private Path config;

    @Start
    void start(Stage stage) throws Exception {
        config = TestWorkdir.fresh("studio-settings-ui").resolve("config");
        StudioUi.useProfile(config, StudioProfile.defaults());
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
    }

    @Test
    void anInvalidUrlShowsAtTheFieldAndTheKeyStaysHidden(FxRobot robot) throws Exception {
        robot.clickOn("#open-settings");
        await("the settings dialog", Duration.ofSeconds(5), () -> robot.lookup("#field-primary").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));

        robot.clickOn("#field-primary").write("http://ingest.example.com/live");
        robot.clickOn("#field-primary-key").write(KEY);
        Labeled error = robot.lookup("#error-primary").queryLabeled();
        assertThat(fx(error::isVisible)).isTrue();
        assertThat(fx(error::getText)).startsWith("unsupported protocol 'http'").contains("rtmp://");
        assertThat(fx(() -> robot.lookup("#settings-save").query().isDisabled())).isTrue();
        Node keyField = fx(() -> robot.lookup("#field-primary-key").query());
        assertThat(keyField).isInstanceOf(PasswordField.class);
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(KEY));
        Snapshots.save(keyField.getScene(), "settings-invalid-url");
        robot.clickOn("Encoder");
        robot.clickOn("#field-bitrate").eraseText(5).write("50");
        assertThat(fx(() -> robot.lookup("#error-bitrate").queryLabeled().getText())).isEqualTo("50 kbps is outside 100 to 100000 kbps");
        Snapshots.save(keyField.getScene(), "settings-encoder");
        robot.clickOn("#field-bitrate").eraseText(2).write("2500k");
        // tune zerolatency means no B-frames: the field has nothing to say then
        assertThat(fx(() -> robot.lookup("#field-bframes").query().isDisabled())).isFalse();
        robot.clickOn("#field-tune .arrow-button");
        robot.clickOn("zerolatency");
        assertThat(fx(() -> robot.lookup("#field-bframes").query().isDisabled())).isTrue();
        robot.clickOn("#field-tune .text-field").push(javafx.scene.input.KeyCode.END).eraseText("zerolatency".length());
        assertThat(fx(() -> robot.lookup("#field-bframes").query().isDisabled())).isFalse();
        robot.clickOn("Stream");

        // fix it: the error goes away and Save saves
        robot.doubleClickOn("#field-primary");
        fx(() -> {
            ((javafx.scene.control.TextField) robot.lookup("#field-primary").query()).clear();
            return null;
        });
        robot.clickOn("#field-primary").write("rtmp://ingest.example.com/live");
        assertThat(fx(error::isVisible)).isFalse();
        Node save = robot.lookup("#settings-save").query();
        assertThat(fx(save::isDisabled)).isFalse();
        robot.clickOn(save);

        await("the card shows the masked destination", Duration.ofSeconds(5),
                () -> ((Labeled) studio.scene().lookup("#output-primary-url")).getText()
                        .equals("rtmp://ingest.example.com/live/••••"), () -> String.join(" | ", visibleTexts()));
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(KEY));
        StudioProfile saved = new ProfileStore(config).load().profile();
        assertThat(saved.ingest("primary")).isEqualTo(new StudioProfile.Ingest("rtmp://ingest.example.com/live", KEY));
        assertThat(Files.readString(config.resolve("profile.json"))).contains("\"version\" : 2");
    }

    @Test
    void goLiveWithAnInvalidDestinationIsRefusedWithAClearMessage(FxRobot robot) {
        // with no destination at all Go Live runs the local test (StudioLocalTestUiTest); an invalid one is refused
        fx(() -> {
            studio.viewModel().saveSettings(StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                    new StudioProfile.Ingest("ftp://ingest.example.com/live", KEY), StudioProfile.Ingest.NONE)));
            return null;
        });
        robot.clickOn("#go-live");
        await("the refusal", Duration.ofSeconds(5), () -> robot.lookup("#preflight-refused").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));
        assertThat(String.join("\n", visibleTexts())).contains("Cannot go live yet").contains("unsupported protocol 'ftp'");
        robot.clickOn("Close");
        assertThat(studio.viewModel().liveStateProperty().get()).hasToString("OFF_AIR");
    }
}
