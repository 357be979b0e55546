package io.castline.app.studio;

import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.FakeEngine;
import io.castline.app.engine.ProcessLoad;
import io.castline.app.notify.Notice;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.engine.output.OutputState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.castline.app.engine.Frames.snapshot;
import static io.castline.app.engine.Frames.stats;
import static io.castline.app.engine.Frames.status;
import static io.castline.app.engine.Frames.uplink;
import static org.assertj.core.api.Assertions.assertThat;

class MainViewModelTest {
    @TempDir Path dir;
    private final FakeEngine engine = new FakeEngine();
    private final List<Notice> notices = new ArrayList<>();

    private MainViewModel vm(StudioProfile p) {
        return new MainViewModel(engine, new ProfileStore(dir), p, notices::add, Runnable::run,
                () -> LocalDateTime.of(2026, 5, 1, 20, 0));
    }

    private static StudioProfile twoDestinations() {
        return StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest("rtmp://a.example.com/live", "sk_main_vm_1"),
                new StudioProfile.Ingest("rtmp://b.example.com/live", "sk_main_vm_2")));
    }

    @Test
    void offAirTheCardsShowTheMaskedDestinations() {
        MainViewModel vm = vm(twoDestinations());
        assertThat(vm.primary().urlTextProperty().get()).isEqualTo("rtmp://a.example.com/live/••••");
        assertThat(vm.primary().stateTextProperty().get()).isEqualTo("READY");
        assertThat(vm.recording().stateTextProperty().get()).isEqualTo("OFF");
        assertThat(vm.goLiveTextProperty().get()).isEqualTo("Go Live");
        assertThat(vm.liveProperty().get()).isFalse();
    }

    @Test
    void metersMoveOffAirAndStayOnAfterEndLive() {
        MainViewModel vm = vm(twoDestinations());
        var strip = vm.audio().channels().get(0);
        var tone = List.of(new EngineFrame.Channel("audio", -12, -15, false, 1));
        engine.listener.accept(new EngineFrame(new ProcessLoad.Sample(5.0, 2, 1L << 28), null, tone));
        assertThat(strip.peakTextProperty().get()).isEqualTo("-12 dB");
        assertThat(strip.peakProperty().get()).isEqualTo(0.8);

        vm.goLive();
        engine.start.complete(null);
        vm.endLive();
        engine.stop.complete(null);
        engine.listener.accept(new EngineFrame(new ProcessLoad.Sample(5.0, 2, 1L << 28), null,
                List.of(new EngineFrame.Channel("audio", -30, -33, false, 1))));
        assertThat(strip.peakTextProperty().get()).isEqualTo("-30 dB");

        // the program stopped (e.g. the sources are being changed): the meters fall silent
        engine.listener.accept(new EngineFrame(new ProcessLoad.Sample(5.0, 2, 1L << 28), null, List.of()));
        assertThat(strip.peakProperty().get()).isZero();
    }

    @Test
    void goingLiveThenEnding() {
        MainViewModel vm = vm(twoDestinations());
        vm.goLive();
        assertThat(engine.calls).containsExactly("start");
        assertThat(engine.startedWith.destinations()).hasSize(2);
        assertThat(vm.liveStateProperty().get()).isEqualTo(LiveState.STARTING);
        assertThat(vm.goLiveDisabledProperty().get()).isTrue();

        engine.start.complete(null);
        assertThat(vm.liveStateProperty().get()).isEqualTo(LiveState.LIVE);
        assertThat(vm.goLiveTextProperty().get()).isEqualTo("End Live");
        assertThat(vm.liveProperty().get()).isTrue();

        var s = snapshot(3725.2, 30, 0, 0, uplink(5400, null, "unknown", "uplink capacity not measured yet"),
                stats("primary", "LIVE", 2700), stats("backup", "RECONNECTING", 0));
        engine.listener.accept(new EngineFrame(new ProcessLoad.Sample(20.0, 2, 1L << 30), null, List.of(), new EngineFrame.Live(3725.4, s,
                List.of(status("primary", OutputState.LIVE, "publishing"),
                        status("backup", OutputState.RECONNECTING, "Broken pipe; retry in 0.5 s (attempt 1)", 1, 1, 400)),
                null, false)));
        assertThat(vm.timerTextProperty().get()).isEqualTo("01:02:05");
        assertThat(vm.primary().stateTextProperty().get()).isEqualTo("LIVE");
        assertThat(vm.backup().detailTextProperty().get()).startsWith("reconnecting in 0.4 s (attempt 1)");
        assertThat(vm.stats().cpuTextProperty().get()).isEqualTo("CPU 20%");
        assertThat(vm.uplink().verdictTextProperty().get()).isEqualTo("NOT MEASURED");
        assertThat(notices).extracting(Notice::title).containsExactly("Backup lost its connection");

        vm.endLive();
        assertThat(vm.liveStateProperty().get()).isEqualTo(LiveState.ENDING);
        engine.stop.complete(null);
        assertThat(vm.liveStateProperty().get()).isEqualTo(LiveState.OFF_AIR);
        assertThat(engine.calls).containsExactly("start", "stop");
    }

    @Test
    void aFailedStartIsToldAndTheStudioStaysOffAir() {
        MainViewModel vm = vm(twoDestinations());
        vm.goLive();
        engine.start.completeExceptionally(new java.util.concurrent.CompletionException(
                new IllegalArgumentException("codec: nvenc is not available on this machine")));
        assertThat(vm.liveStateProperty().get()).isEqualTo(LiveState.OFF_AIR);
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.ERROR);
            assertThat(n.text()).startsWith("codec: nvenc is not available");
        });
    }

    @Test
    void invalidSettingsNeverReachTheEngine() {
        MainViewModel vm = vm(StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest("ftp://nope", "k3y_x"), StudioProfile.Ingest.NONE)));
        assertThat(vm.preflight().blocked()).isTrue();
        vm.goLive();
        assertThat(engine.calls).isEmpty();
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.text()).startsWith("Primary server: unsupported protocol"));
        assertThat(vm.primary().urlTextProperty().get()).isEqualTo("invalid: see Settings");
    }

    @Test
    void savedSettingsApplyAndPersist() {
        MainViewModel vm = vm(StudioProfile.defaults());
        vm.saveSettings(twoDestinations());
        assertThat(vm.backup().urlTextProperty().get()).isEqualTo("rtmp://b.example.com/live/••••");
        assertThat(new ProfileStore(dir).load().profile()).isEqualTo(twoDestinations().withDefaults());
    }

    @Test
    void thePreviewSwitchIsRememberedAndSurvivesSavingSettings() {
        MainViewModel vm = vm(twoDestinations());
        assertThat(vm.preview().enabledProperty().get()).isTrue();
        vm.preview().enabledProperty().set(false);
        assertThat(engine.calls).contains("preview off");
        assertThat(new ProfileStore(dir).load().profile().view().preview()).isFalse();

        vm.saveSettings(twoDestinations()); // the dialog's profile knows nothing of the window
        assertThat(new ProfileStore(dir).load().profile().view().preview()).isFalse();

        // the next start begins with the preview off
        FakeEngine next = new FakeEngine();
        MainViewModel again = new MainViewModel(next, new ProfileStore(dir), new ProfileStore(dir).load().profile(),
                notices::add, Runnable::run, () -> LocalDateTime.of(2026, 5, 1, 20, 0));
        assertThat(again.preview().enabledProperty().get()).isFalse();
        assertThat(next.calls).contains("preview off");
    }

    @Test
    void retryGoesToTheEngineForThatOutput() {
        MainViewModel vm = vm(twoDestinations());
        vm.backup().retryNow();
        assertThat(engine.calls).containsExactly("retry backup");
    }

    @Test
    void aTestedCapacityIsHandedToTheEngineAtGoLive() {
        MainViewModel vm = vm(twoDestinations());
        vm.uplink().testBandwidth();
        var result = new io.castline.engine.uplink.BandwidthResult(30_000, 10, List.of());
        engine.test.complete(result);
        assertThat(vm.preflight().warnings()).isEmpty();
        vm.goLive();
        assertThat(engine.startedWithCapacity).isSameAs(result);
    }
}
