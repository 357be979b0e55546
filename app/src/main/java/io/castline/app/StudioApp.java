package io.castline.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;

/** The studio window (launched through {@link StudioLauncher}). */
public final class StudioApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(StudioApp.class);
    private Studio studio;
    private boolean closing;
    private io.castline.engine.stats.MetricsExporter metrics;

    @Override public void start(Stage stage) {
        studio = Studio.create(stage);
        serveMetrics(StudioArgs.options(getParameters().getRaw()).metrics());
        studio.preview().onFirstPicture(nanos -> LOG.info("first preview picture {} ms after the JVM started",
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()));
        stage.setOnCloseRequest(e -> {
            e.consume();
            if (closing) return;
            if (studio.viewModel().liveProperty().get() && !studio.view().confirmQuitWhileLive()) return;
            closing = true;
            stage.setTitle("Castline Studio: ending the broadcast…");
            // ends a running broadcast cleanly (outputs flush, the recording is finished) before exiting
            studio.viewModel().shutdown().whenComplete((ok, err) -> {
                if (metrics != null) metrics.close();
                Platform.exit();
            });
        });
        stage.show();
    }

    /** {@code --metrics-port}: the studio's figures for an operator's Prometheus; a port in use is told, the studio opens. */
    private void serveMetrics(io.castline.cli.MetricsOptions options) {
        if (options.port() == null) return;
        try {
            metrics = studio.serveMetrics(options.port(), options.lan());
            LOG.info("metrics on http://{}:{}/metrics", options.lan() ? "THIS-MACHINE" : "127.0.0.1", metrics.port());
        } catch (java.io.IOException e) {
            LOG.warn("cannot serve metrics on port {}: {}", options.port(), e.toString());
            String why = "Cannot serve metrics on port " + options.port() + ": " + e.getMessage()
                    + ". The studio works without them; start it with another --metrics-port.";
            Platform.runLater(() -> studio.viewModel().metricsProblem(why));
        }
    }
}
