package io.castline.app.settings;

import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.LivePlan;
import io.castline.app.engine.StudioEngine;
import io.castline.app.profile.StudioProfile;
import io.castline.app.ui.Css;
import io.castline.engine.destination.Destination;
import io.castline.engine.uplink.BandwidthResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTestViewModelTest {
    private static final String KEY = "sk_conn_vm_3f9a";

    /** Records the bandwidth tests asked for; the test completes them. Results go through {@link #ui} like Platform.runLater. */
    private static final class Tester implements StudioEngine {
        final List<String> calls = new ArrayList<>();
        List<Destination> destinations;
        CompletableFuture<BandwidthResult> result = new CompletableFuture<>();

        @Override public CompletableFuture<BandwidthResult> bandwidthTest(List<Destination> d, double seconds, int maxKbps,
                                                                          Consumer<String> progress) {
            calls.add(String.format(java.util.Locale.ROOT, "bandwidth-test %d x %.0f s at %d kbps", d.size(), seconds, maxKbps));
            destinations = d;
            return result;
        }

        @Override public void setFrameListener(Consumer<EngineFrame> listener) { }
        @Override public CompletableFuture<Void> start(LivePlan plan, BandwidthResult testedCapacity) { throw new AssertionError("start"); }
        @Override public CompletableFuture<Void> stop() { throw new AssertionError("stop"); }
        @Override public void retryNow(String output) { }
        @Override public void setGain(String channel, double gain) { }
        @Override public void setMuted(String channel, boolean muted) { }
        @Override public void close() { }
    }

    private final Tester engine = new Tester();
    private final List<Runnable> ui = new ArrayList<>();
    private final Executor uiThread = ui::add;

    private static StudioProfile profile(String primaryServer, String primaryKey) {
        return StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest(primaryServer, primaryKey), StudioProfile.Ingest.NONE));
    }

    private void runUi() {
        List<Runnable> pending = new ArrayList<>(ui);
        ui.clear();
        pending.forEach(Runnable::run);
    }

    private static BandwidthResult path(String name, double kbps, String error) {
        return new BandwidthResult(kbps, 3, List.of(new BandwidthResult.PathResult(name, "rtmp://127.0.0.1/live/••••", kbps, 500,
                false, error)));
    }

    @Test
    void aShortSmallTestOfThatOneDestinationOffTheUiThreadThenConnectedWithoutARateThatReadsAsCapacity() {
        SettingsViewModel settings = new SettingsViewModel(profile("rtmp://127.0.0.1:1935/live", KEY), engine, uiThread, false);
        ConnectionTestViewModel primary = settings.connectionTest("primary");
        assertThat(primary.available()).isTrue();
        assertThat(primary.disabledProperty().get()).isFalse();
        assertThat(primary.statusProperty().get()).isEmpty();

        primary.test();
        assertThat(engine.calls).containsExactly("bandwidth-test 1 x 3 s at 500 kbps");
        assertThat(engine.destinations).extracting(Destination::name).containsExactly("primary");
        assertThat(engine.destinations.get(0).publishUrl()).isEqualTo("rtmp://127.0.0.1:1935/live/" + KEY);
        assertThat(primary.runningProperty().get()).isTrue();
        assertThat(primary.disabledProperty().get()).isTrue();
        assertThat(primary.statusProperty().get()).isEqualTo("testing: publishing a short test stream to rtmp://127.0.0.1:1935/live/••••…");
        primary.test(); // a second click while it runs does nothing
        assertThat(engine.calls).hasSize(1);

        engine.result.complete(path("primary", 487.4, null));
        assertThat(primary.runningProperty().get()).as("the result is shown on the UI thread, not the test's").isTrue();
        runUi();
        assertThat(primary.runningProperty().get()).isFalse();
        assertThat(primary.disabledProperty().get()).isFalse();
        // the probe is capped at 500 kbps: its rate is not the uplink's, so no figure is shown that reads as one
        assertThat(primary.statusProperty().get()).isEqualTo("Connected: the ingest accepted a short test stream. "
                + "This is not an upload speed test: use Test bandwidth in the uplink panel to measure your upload.");
        assertThat(primary.statusProperty().get()).doesNotContainPattern("[0-9]+ ?[kM]bps").doesNotContain("487");
        assertThat(primary.healthProperty().get()).isEqualTo(Css.HEALTH_OK);
        assertThat(settings.connectionTest("backup").statusProperty().get()).isEmpty();
    }

    @Test
    void aFailedPathSaysWhyInWordsWithTheKeyMasked() {
        SettingsViewModel settings = new SettingsViewModel(profile("rtmp://127.0.0.1:1/live", KEY), engine, uiThread, false);
        ConnectionTestViewModel primary = settings.connectionTest("primary");
        primary.test();
        engine.result.complete(path("primary", 0, "cannot connect: Connection refused "
                + "([rtmp @ 0x7ff9e008c880] Cannot open connection tcp://127.0.0.1:1/live/" + KEY + ")"));
        runUi();
        assertThat(primary.statusProperty().get()).isEqualTo("failed: cannot connect: Connection refused");
        assertThat(primary.healthProperty().get()).isEqualTo(Css.HEALTH_BAD);
    }

    @Test
    void aTestThatCouldNotRunIsAFailureWithItsReasonNeverAnException() {
        SettingsViewModel settings = new SettingsViewModel(profile("rtmp://127.0.0.1:1935/live", KEY), engine, uiThread, false);
        ConnectionTestViewModel primary = settings.connectionTest("primary");
        primary.test();
        engine.result.completeExceptionally(new java.util.concurrent.CompletionException(
                new IllegalStateException("could not open rtmp://127.0.0.1:1935/live/" + KEY)));
        runUi();
        assertThat(primary.statusProperty().get()).isEqualTo("failed: could not open rtmp://127.0.0.1:1935/live/••••");
        assertThat(primary.statusProperty().get()).doesNotContain(KEY);

        assertThat(ConnectionTestViewModel.describe("primary", path("primary", 0, null), null))
                .isEqualTo("failed: the ingest accepted the connection but no data got through");
        assertThat(ConnectionTestViewModel.describe("primary", path("backup", 500, null), null))
                .isEqualTo("failed: the test gave no result for this destination");
    }

    @Test
    void onlyAFilledInValidDestinationCanBeTested() {
        SettingsViewModel settings = new SettingsViewModel(StudioProfile.defaults(), engine, uiThread, false);
        ConnectionTestViewModel backup = settings.connectionTest("backup");
        assertThat(backup.disabledProperty().get()).as("nothing to test").isTrue();
        settings.field("backup").valueProperty().set("http://ingest.example.com/live");
        settings.field("backup-key").valueProperty().set(KEY);
        assertThat(backup.disabledProperty().get()).as("invalid URL, shown at the field").isTrue();
        settings.field("backup").valueProperty().set("rtmp://ingest.example.com/live");
        assertThat(backup.disabledProperty().get()).isFalse();
        settings.field("backup-key").valueProperty().set("");
        assertThat(backup.disabledProperty().get()).as("the key is missing").isTrue();
        backup.test();
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void anEditDuringTheTestMakesItsResultStale() {
        SettingsViewModel settings = new SettingsViewModel(profile("rtmp://127.0.0.1:1935/live", KEY), engine, uiThread, false);
        ConnectionTestViewModel primary = settings.connectionTest("primary");
        primary.test();
        settings.field("primary").valueProperty().set("rtmp://127.0.0.1:1936/live");
        engine.result.complete(path("primary", 480, null));
        runUi();
        assertThat(primary.statusProperty().get()).isEqualTo("the address changed during the test: test again");
        assertThat(primary.healthProperty().get()).isEqualTo(Css.HEALTH_IDLE);

        // an edit after a result clears it: it was about the old address
        engine.result = CompletableFuture.completedFuture(path("primary", 480, null));
        primary.test();
        runUi();
        assertThat(primary.statusProperty().get()).isEqualTo(ConnectionTestViewModel.CONNECTED);
        settings.field("primary-key").valueProperty().set(KEY + "-new");
        assertThat(primary.statusProperty().get()).isEmpty();
        assertThat(primary.healthProperty().get()).isEqualTo(Css.HEALTH_IDLE);
    }

    @Test
    void notWhileLiveAndNotWithoutAnEngine() {
        SettingsViewModel live = new SettingsViewModel(profile("rtmp://127.0.0.1:1935/live", KEY), engine, uiThread, true);
        assertThat(live.connectionTest("primary").disabledProperty().get()).isTrue();
        assertThat(live.connectionTest("primary").statusProperty().get()).startsWith("not while live");
        live.connectionTest("primary").test();
        assertThat(engine.calls).isEmpty();

        SettingsViewModel formOnly = new SettingsViewModel(profile("rtmp://127.0.0.1:1935/live", KEY));
        assertThat(formOnly.connectionTest("primary").available()).isFalse();
        assertThat(formOnly.connectionTest("primary").disabledProperty().get()).isTrue();
    }
}
