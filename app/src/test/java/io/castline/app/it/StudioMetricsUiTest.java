package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.studio.LiveState;
import io.castline.engine.settings.ConfigDirs;
import io.castline.engine.stats.MetricsExporter;
import io.castline.testing.TestWorkdir;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's Prometheus scrapes the studio ({@code castline studio --metrics-port}): off air the
 * exporter answers with no output samples (no alert fires between shows); live, it serves the
 * broadcast's outputs and frames, as {@code castline live --metrics-port} does; after End Live the
 * outputs are gone again. The real studio going live to its local test receivers, scraped over HTTP.
 */
@ExtendWith(ApplicationExtension.class)
class StudioMetricsUiTest {
    private static Path dir;
    private Studio studio;
    private MetricsExporter metrics;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void emptyProfile() throws Exception {
        dir = TestWorkdir.fresh("studio-metrics-ui");
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        System.setProperty(ConfigDirs.PROPERTY, config.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        studio = Studio.create(stage);
        metrics = studio.serveMetrics(0, false);
        stage.show();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(60, TimeUnit.SECONDS);
        metrics.close();
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.port() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private String text(String id) {
        return fx(() -> {
            Node n = studio.scene().lookup(id);
            return n == null ? null : ((Labeled) n).getText();
        });
    }

    private static double sample(String served, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(served);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void prometheusScrapesTheBroadcastWhileLiveAndNoOutputsOffAir(FxRobot robot) throws Exception {
        String offAir = scrape();
        assertThat(sample(offAir, "castline_broadcasting")).as("off air, said so:\n" + offAir).isEqualTo(0);
        assertThat(offAir).as("off air: no output samples").doesNotContain("castline_output_state{");

        robot.clickOn("#go-live");
        await("both outputs LIVE against the local receivers", Duration.ofSeconds(45),
                () -> "LIVE".equals(text("#output-primary-state")) && "LIVE".equals(text("#output-backup-state")),
                () -> text("#output-primary-state") + " / " + text("#output-backup-state"));
        String[] live = new String[1];
        await("the scrape has both outputs LIVE and frames encoded", Duration.ofSeconds(15), () -> {
            live[0] = scrape();
            return sample(live[0], "castline_broadcasting") == 1
                    && sample(live[0], "castline_output_state{output=\"primary\",state=\"LIVE\"}") == 1
                    && sample(live[0], "castline_output_state{output=\"backup\",state=\"LIVE\"}") == 1
                    && sample(live[0], "castline_fps") > 20;
        }, () -> live[0]);
        assertThat(sample(live[0], "castline_output_sent_bytes_total{output=\"primary\"}")).isPositive();
        assertThat(sample(live[0], "castline_frames_rendered_total")).isPositive();
        assertThat(live[0]).as("metrics carry no URL").doesNotContain("rtmp://");

        robot.clickOn("#go-live");
        await("the End Live confirmation", Duration.ofSeconds(5), () -> robot.lookup("#confirm-end-live").tryQuery().isPresent(),
                () -> "");
        robot.clickOn("#confirm-end-live");
        await("off air", Duration.ofSeconds(60), () -> studio.viewModel().liveStateProperty().get() == LiveState.OFF_AIR,
                () -> text("#output-primary-state"));
        String after = scrape();
        assertThat(after).as("after End Live: the show's outputs are not served").doesNotContain("castline_output_state{");
        assertThat(sample(after, "castline_broadcasting")).isEqualTo(0);
    }
}
