package io.castline.app.settings;

import io.castline.app.engine.LivePlan;
import io.castline.app.engine.StudioEngine;
import io.castline.app.profile.StudioProfile;
import io.castline.app.ui.Css;
import io.castline.app.ui.Format;
import io.castline.engine.destination.Destination;
import io.castline.engine.destination.Secrets;
import io.castline.engine.uplink.BandwidthResult;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * "Test connection" for one destination of the settings form: publishes a short, small test
 * stream to the ingest as it is typed now, trusting its CA file if it has one (the engine's
 * bandwidth test: {@value #SECONDS} s, up to
 * {@value #MAX_KBPS} kbps, that destination only), off the UI thread, and says in words whether it
 * worked: {@value #CONNECTED} or "failed: cannot connect: Connection refused". The probe's own rate
 * is not shown: capped at {@value #MAX_KBPS} kbps it says nothing about the uplink, yet read as its
 * capacity; capacity is the bandwidth test's. Nothing goes live and nothing is saved; the key is
 * masked in every text.
 */
public final class ConnectionTestViewModel {
    static final double SECONDS = 3;
    static final int MAX_KBPS = 500;
    static final String CONNECTED = "Connected: the ingest accepted a short test stream. This is not an upload speed "
            + "test: use Test bandwidth in the uplink panel to measure your upload.";

    private final String destination;
    private final SettingsField server;
    private final SettingsField key;
    private final SettingsField caFile;
    private final StudioEngine engine;
    private final Executor uiThread;
    private final boolean live;

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper disabled = new ReadOnlyBooleanWrapper(true);
    /** Counts edits of the server and key, so that a result for an address since changed is not shown as current. */
    private long edits;

    /**
     * @param engine null when no engine is at hand (the form alone): the test is then unavailable
     * @param live   true while broadcasting: a test would publish a second stream with the same key
     */
    ConnectionTestViewModel(String destination, SettingsField server, SettingsField key, SettingsField caFile,
                            StudioEngine engine, Executor uiThread, boolean live) {
        this.destination = destination;
        this.server = server;
        this.key = key;
        this.caFile = caFile;
        this.engine = engine;
        this.uiThread = uiThread;
        this.live = live;
        for (SettingsField f : List.of(server, key, caFile)) {
            f.valueProperty().addListener((o, a, b) -> {
                edits++;
                if (!running.get()) show("", Css.HEALTH_IDLE);
                refresh();
            });
            f.errorProperty().addListener((o, a, b) -> refresh());
        }
        if (live && available()) show("not while live: the test would publish a second stream with the same key", Css.HEALTH_IDLE);
        refresh();
    }

    /** False when the form has no engine to test with (the button is then not offered). */
    public boolean available() { return engine != null; }

    private void refresh() {
        // an SRT URL carries everything in the server field; an RTMP one without its key has an error at the key
        boolean filled = !server.value().isBlank();
        boolean valid = server.error().isEmpty() && key.error().isEmpty() && caFile.error().isEmpty();
        disabled.set(!available() || live || running.get() || !filled || !valid);
    }

    /** Starts the test (ignored while it cannot run: see {@link #disabledProperty()}); the result arrives on the UI thread. */
    public void test() {
        if (disabled.get()) return;
        Destination d;
        try {
            d = LivePlan.destination(destination, new StudioProfile.Ingest(server.value().trim(), key.value().trim(),
                    caFile.value().trim()));
        } catch (IllegalArgumentException e) {
            show("failed: " + Format.reason(e.getMessage()), Css.HEALTH_BAD);
            return;
        }
        long startedAt = edits;
        running.set(true);
        refresh();
        show("testing: publishing a short test stream to " + d.maskedUrl() + "…", Css.HEALTH_ACTIVE);
        CompletableFuture<BandwidthResult> test;
        try {
            test = engine.bandwidthTest(List.of(d), SECONDS, MAX_KBPS, null);
        } catch (RuntimeException e) {
            test = CompletableFuture.failedFuture(e);
        }
        test.whenCompleteAsync((result, error) -> {
            running.set(false);
            refresh();
            if (edits != startedAt) {
                show("the address changed during the test: test again", Css.HEALTH_IDLE);
                return;
            }
            String text = describe(destination, result, error);
            show(text, text.equals(CONNECTED) ? Css.HEALTH_OK : Css.HEALTH_BAD);
        }, uiThread);
    }

    /** {@link #CONNECTED} or "failed: why" (masked), from the test of {@code destination}. */
    static String describe(String destination, BandwidthResult result, Throwable error) {
        if (error != null) {
            Throwable cause = error;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String message = cause.getMessage() == null || cause.getMessage().isBlank()
                    ? cause.getClass().getSimpleName() : cause.getMessage();
            return "failed: " + Format.reason(message);
        }
        BandwidthResult.PathResult path = result == null ? null
                : result.paths().stream().filter(p -> p.name().equals(destination)).findFirst().orElse(null);
        if (path == null) return "failed: the test gave no result for this destination";
        if (path.error() != null) return "failed: " + Format.reason(path.error());
        if (!(path.kbps() > 0)) return "failed: the ingest accepted the connection but no data got through";
        return CONNECTED;
    }

    private void show(String text, String healthClass) {
        status.set(Secrets.mask(text));
        health.set(healthClass);
    }

    /** What the last test found, or what it is doing; empty before any test. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** A {@code Css.HEALTH_*} class for the status: ok when connected, bad when failed. */
    public ReadOnlyStringProperty healthProperty() { return health.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty disabledProperty() { return disabled.getReadOnlyProperty(); }
}
