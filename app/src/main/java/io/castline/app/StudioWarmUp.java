package io.castline.app;

import io.castline.app.profile.KeyStores;
import io.castline.app.profile.ProfileStore;
import io.castline.engine.ffmpeg.FfmpegNatives;
import org.slf4j.LoggerFactory;

/**
 * Start-up work the studio would otherwise do one piece after the other on the UI thread while it
 * builds the window, begun on threads of their own before JavaFX starts: reading the logging
 * configuration, building Jackson's profile (de)serializers, mapping the FFmpeg libraries, and
 * opening the system keyring. On two cores they overlap JavaFX's own start (the toolkit, GTK, the
 * window); what is not finished when the UI thread gets there, it waits for (a class's
 * initialisation is done once, by whichever thread comes first).
 */
public final class StudioWarmUp {
    private StudioWarmUp() {}

    /** Called once, first thing in {@code main}. */
    public static void start() {
        KeyStores.preload();
        Thread t = new Thread(StudioWarmUp::run, "castline-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        LoggerFactory.getILoggerFactory(); // logback reads logback.xml
        ProfileStore.warmUp();
        FfmpegNatives.load();
    }
}
