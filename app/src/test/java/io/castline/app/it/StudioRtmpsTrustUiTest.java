package io.castline.app.it;

import org.junit.jupiter.api.Tag;
import io.castline.app.Studio;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestCertificates;
import io.castline.testing.TestWorkdir;
import io.castline.testing.TlsTerminator;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
import static io.castline.app.it.StudioUi.visibleTexts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CA file of an rtmps:// destination, in Settings: against a real TLS terminator in front of a
 * real nginx-rtmp, "Test connection" refuses the server's certificate (from a CA this computer does
 * not trust) with the reason, and connects once that CA's file is given; the field checks the file
 * as it is typed, and Save keeps it in the profile.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
@ExtendWith(ApplicationExtension.class)
class StudioRtmpsTrustUiTest {
    private static final String KEY = "sk_rtmps_ui_93c0e1";
    private NginxRtmp ingest;
    private TlsTerminator tls;
    private TestCertificates ca;
    private Studio studio;
    private Path config;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = TestWorkdir.fresh("studio-rtmps-trust-ui");
        ca = TestCertificates.newCa(dir.resolve("ca"), "Castline Studio Test CA");
        ingest = NginxRtmp.start(dir.resolve("ingest"));
        tls = TlsTerminator.start(dir.resolve("tls"), ingest, ca.issue("127.0.0.1", "IP:127.0.0.1", "DNS:localhost"));
        config = dir.resolve("config");
        StudioUi.useProfile(config, StudioUi.lightProfile("rtmps://127.0.0.1:" + tls.port() + "/" + NginxRtmp.LIVE, KEY,
                "", "", new StudioProfile.Recording(false, dir.toString(), "mkv")));
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
        tls.close();
        ingest.close();
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup("#" + id).queryLabeled().getText());
    }

    private static String testConnection(FxRobot robot) {
        robot.clickOn("#test-primary");
        await("the test running", Duration.ofSeconds(5), () -> text(robot, "test-primary-status").startsWith("testing"),
                () -> text(robot, "test-primary-status"));
        await("the result", Duration.ofSeconds(30), () -> !text(robot, "test-primary-status").startsWith("testing"),
                () -> text(robot, "test-primary-status"));
        return text(robot, "test-primary-status");
    }

    @Test
    void anUntrustedCertificateIsRefusedUntilItsCaFileIsGiven(FxRobot robot) throws Exception {
        robot.clickOn("#open-settings");
        await("the settings dialog", Duration.ofSeconds(5), () -> robot.lookup("#field-primary-ca").tryQuery().isPresent(),
                () -> String.join(" | ", visibleTexts()));

        String refused = testConnection(robot);
        assertThat(refused).startsWith("failed: certificate is not trusted: issued by CN=Castline Studio Test CA, "
                + "which is not in the system's trusted roots").contains("the stream key was not sent");
        assertThat(ingest.recordings(KEY)).as("nothing was published").isEmpty();

        Path missing = dir.resolve("no-such-ca.pem");
        robot.clickOn("#field-primary-ca").write(missing.toString());
        Labeled error = robot.lookup("#error-primary-ca").queryLabeled();
        assertThat(fx(error::isVisible)).isTrue();
        assertThat(fx(error::getText)).isEqualTo(missing + " does not exist");
        assertThat(fx(() -> robot.lookup("#settings-save").query().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#test-primary").query().isDisabled())).isTrue();

        fx(() -> {
            ((javafx.scene.control.TextField) robot.lookup("#field-primary-ca").query()).clear();
            return null;
        });
        robot.clickOn("#field-primary-ca").write(ca.caCertificate().toString());
        assertThat(fx(error::isVisible)).isFalse();
        String connected = testConnection(robot);
        assertThat(connected).startsWith("Connected: the ingest accepted a short test stream.");
        ingest.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
        assertThat(visibleTexts()).noneSatisfy(t -> assertThat(t).contains(KEY));
        Snapshots.save(error.getScene(), "settings-rtmps-ca-file");

        robot.clickOn("#settings-save");
        await("saved", Duration.ofSeconds(5), () -> new ProfileStore(config).load().profile().ingest("primary").caFile()
                .equals(ca.caCertificate().toString()), () -> String.join(" | ", visibleTexts()));
    }
}
