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

    @Override public void start(Stage stage) {
        studio = Studio.create(stage);
        studio.preview().onFirstPicture(nanos -> LOG.info("first preview picture {} ms after the JVM started",
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()));
        stage.setOnCloseRequest(e -> {
            e.consume();
            if (closing) return;
            if (studio.viewModel().liveProperty().get() && !studio.view().confirmQuitWhileLive()) return;
            closing = true;
            stage.setTitle("Castline Studio: ending the broadcast…");
            // ends a running broadcast cleanly (outputs flush, the recording is finished) before exiting
            studio.viewModel().shutdown().whenComplete((ok, err) -> Platform.exit());
        });
        stage.show();
    }
}
