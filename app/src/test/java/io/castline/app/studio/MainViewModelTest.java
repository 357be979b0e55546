package io.castline.app.studio;

import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.FakeEngine;
import io.castline.app.engine.ProcessLoad;
import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.RecordingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.castline.app.engine.Frames.file;
import static io.castline.app.engine.Frames.recording;
import static io.castline.app.engine.Frames.snapshot;
import static io.castline.app.engine.Frames.stats;
import static io.castline.app.engine.Frames.status;
import static io.castline.app.engine.Frames.uplink;
import static org.assertj.core.api.Assertions.assertThat;

class MainViewModelTest {
    @TempDir Path dir;
    private final FakeEngine engine = new FakeEngine();
    private final List<Notice> notices = new ArrayList<>();
    private final List<String> withdrawn = new ArrayList<>();
    private final Notifier notifier = new Notifier() {
        @Override public void show(Notice n) { notices.add(n); }

        @Override public void withdraw(String key) { withdrawn.add(key); }
    };

    private MainViewModel vm(StudioProfile p) {
        return new MainViewModel(engine, new ProfileStore(dir), p, notifier, Runnable::run,
                () -> LocalDateTime.of(2026, 5, 1, 20, 0));
    }

    private static EngineFrame liveFrame(double at, double onAir, EngineFrame.ProgramStats program, OutputStatus... outputs) {
        return new EngineFrame(new ProcessLoad.Sample(20.0, 2, 1L << 30), program, List.of(),
                new EngineFrame.Live(onAir, null, List.of(outputs), null, false), at);
    }

    private static StudioProfile twoDestinations() {
        return StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest("rtmp://a.example.com/live", "sk_main_vm_1"),
                new StudioProfile.Ingest("rtmp://b.example.com/live", "sk_main_vm_2")));
    }

    @Test
    void offAirTheCardsShowTheMaskedDestinations() {
        MainViewModel vm = vm(twoDestinations());
        assertThat(vm.card("primary").urlTextProperty().get()).isEqualTo("rtmp://a.example.com/live/••••");
        assertThat(vm.card("primary").stateTextProperty().get()).isEqualTo("READY");
        assertThat(vm.recording().stateTextProperty().get()).isEqualTo("OFF");
        assertThat(vm.goLiveTextProperty().get()).isEqualTo("Go Live");
        assertThat(vm.liveProperty().get()).isFalse();
    }

    @Test
    void metersMoveOffAirAndStayOnAfterEndLive() {
        MainViewModel vm = vm(twoDestinations());
        var strip = vm.audio().channels().get(0);
        var tone = List.of(new EngineFrame.Channel("audio", -12, -15, false, 1));
        engine.listener.accept(new EngineFrame(new ProcessLoad.Sample(5.0, 2, 1L << 28), null, tone, 100));
        assertThat(strip.peakTextProperty().get()).isEqualTo("-12 dB");
        assertThat(strip.peakProperty().get()).isEqualTo(0.8);

        vm.goLive();
        engine.start.complete(null);
        vm.endLive();
        engine.stop.complete(null);
        engine.listener.accept(new EngineFrame(new ProcessLoad.Sample(5.0, 2, 1L << 28), null,
                List.of(new EngineFrame.Channel("audio", -30, -33, false, 1)), 101));
        assertThat(strip.peakTextProperty().get()).isEqualTo("-30 dB");

        // the program stopped (e.g. the sources are being changed): the meters fall silent
        engine.listener.accept(new EngineFrame(new ProcessLoad.Sample(5.0, 2, 1L << 28), null, List.of(), 102));
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
                null, false), 500));
        assertThat(vm.timerTextProperty().get()).isEqualTo("01:02:05");
        assertThat(vm.card("primary").stateTextProperty().get()).isEqualTo("LIVE");
        assertThat(vm.card("backup").detailTextProperty().get()).startsWith("reconnecting in 0.4 s (attempt 1)");
        assertThat(vm.stats().cpuTextProperty().get()).isEqualTo("CPU 20%");
        assertThat(vm.uplink().verdictTextProperty().get()).isEqualTo("NOT MEASURED");
        assertThat(vm.timerOnAirProperty().get()).isTrue();
        // told once the outage has lasted (a reconnect within a second is only counted on the card)
        assertThat(notices).isEmpty();
        engine.listener.accept(liveFrame(502.5, 3727.9, null, status("primary", OutputState.LIVE, "publishing"),
                status("backup", OutputState.RECONNECTING, "Broken pipe; retry in 0.5 s (attempt 2)", 1, 2, 700)));
        assertThat(notices).extracting(Notice::title).containsExactly("Backup lost its connection");

        vm.endLive();
        assertThat(vm.liveStateProperty().get()).isEqualTo(LiveState.ENDING);
        // the broadcast's notices go with it, and none come while it ends or after
        assertThat(withdrawn).containsExactly("reconnecting:backup");
        engine.listener.accept(liveFrame(503, 3728.4, null, status("primary", OutputState.STOPPED, "stopped"),
                status("backup", OutputState.FAILED, "Broken pipe")));
        engine.stop.complete(null);
        assertThat(vm.liveStateProperty().get()).isEqualTo(LiveState.OFF_AIR);
        engine.listener.accept(liveFrame(504, 3729.4, null, status("primary", OutputState.STOPPED, "stopped"),
                status("backup", OutputState.FAILED, "Broken pipe")));
        assertThat(notices).hasSize(1);
        assertThat(vm.timerTextProperty().get()).as("off air").isEqualTo("00:00:00");
        assertThat(vm.timerOnAirProperty().get()).isFalse();
        assertThat(engine.calls).containsExactly("start", "stop");
    }

    /** End Live's last frame names the recording's files in a notice (off air: the one notice that comes then). */
    @Test
    void afterEndLiveTheRecordingsFilesAreTold() {
        MainViewModel vm = vm(twoDestinations());
        vm.goLive();
        engine.start.complete(null);
        Path show = dir.resolve("show.mkv");
        Path show2 = dir.resolve("show-2.mkv");
        var kept = file(show, 241, 8.0, 1_200_000);
        engine.listener.accept(liveFrame(500, 10, null, status("primary", OutputState.LIVE, "publishing"),
                recording(OutputState.LIVE, "recording to " + show2, new RecordingStatus(show, show2, List.of(kept), null, false, null),
                        1, 0)));
        vm.endLive();
        engine.listener.accept(liveFrame(501, 11, null, status("primary", OutputState.STOPPED, "stopped"),
                recording(OutputState.STOPPED, "stopped; recorded …", new RecordingStatus(show, null,
                        List.of(kept, file(show2, 220, 7.3, 1_000_000)), null, false, null), 1, 0)));
        engine.stop.complete(null);
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Recording saved in 2 files");
            assertThat(n.text()).startsWith("show.mkv (241 frames, 8.0 s, 1.2 MB), show-2.mkv (220 frames, 7.3 s, 1.0 MB)")
                    .endsWith(", in " + dir + ".");
        });
        // later frames of the stopped broadcast tell it no more
        engine.listener.accept(liveFrame(502, 11, null, status("primary", OutputState.STOPPED, "stopped"),
                recording(OutputState.STOPPED, "stopped; recorded …", new RecordingStatus(show, null,
                        List.of(kept, file(show2, 220, 7.3, 1_000_000)), null, false, null), 1, 0)));
        assertThat(notices).hasSize(1);
    }

    @Test
    void aFolderThatCannotBeShownIsToldWithItsPath() {
        MainViewModel vm = vm(twoDestinations());
        vm.setFolderOpener(d -> java.util.concurrent.CompletableFuture.failedFuture(
                new java.io.IOException("no file manager command found (xdg-open, gio)")));
        vm.showFolder(dir);
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.text())
                .isEqualTo("No file manager command found (xdg-open, gio). The recording is in " + dir + "."));
    }

    @Test
    void theTimerCountsOnlyOnAir() {
        MainViewModel vm = vm(twoDestinations());
        assertThat(vm.timerTextProperty().get()).isEqualTo("00:00:00");
        assertThat(vm.timerOnAirProperty().get()).isFalse();
        vm.goLive();
        // the engine attaches before its start completes: not on air yet
        engine.listener.accept(liveFrame(10, 0.2, null, status("primary", OutputState.CONNECTING, "connecting")));
        assertThat(vm.timerTextProperty().get()).isEqualTo("00:00:00");
        engine.start.complete(null);
        engine.listener.accept(liveFrame(11, 1.2, null, status("primary", OutputState.LIVE, "publishing")));
        assertThat(vm.timerTextProperty().get()).isEqualTo("00:00:01");
        assertThat(vm.timerOnAirProperty().get()).isTrue();
    }

    @Test
    void aDeadMicrophoneStaysWarnedOnItsStripUntilItDeliversAgain() {
        StudioProfile p = twoDestinations();
        MainViewModel vm = vm(new StudioProfile(p.version(), p.outputs(), new StudioProfile.Sources("testsrc", "mic"),
                p.encoder(), p.canvas(), p.recording(), null));
        var strip = vm.audio().channels().get(0);
        assertThat(strip.label()).isEqualTo("Microphone");
        var dead = new EngineFrame.ProgramStats(30.0, 30, 0, 0, null,
                "no signal: cannot open default: No such process (no sound server answered: is PulseAudio or PipeWire running?)");
        for (double t = 100; t <= 103; t += 0.25) {
            engine.listener.accept(new EngineFrame(null, dead, List.of(new EngineFrame.Channel("audio", -120, -120, false, 1)), t));
        }
        assertThat(notices).extracting(Notice::title).containsExactly("No sound from the audio source");
        // the notice goes after a while; the strip keeps saying it
        for (double t = 103; t <= 160; t += 0.25) {
            engine.listener.accept(new EngineFrame(null, dead, List.of(new EngineFrame.Channel("audio", -120, -120, false, 1)), t));
        }
        assertThat(notices).hasSize(1);
        assertThat(strip.signalTextProperty().get()).isEqualTo("No signal from Microphone");
        assertThat(strip.noSignalProperty().get()).isTrue();
        assertThat(strip.signalDetailProperty().get()).startsWith("Cannot open default: No such process (no sound server");
        assertThat(strip.peakTextProperty().get()).isEqualTo("-∞ dB");

        var back = new EngineFrame.ProgramStats(30.0, 30, 0, 0, null, null);
        engine.listener.accept(new EngineFrame(null, back, List.of(new EngineFrame.Channel("audio", -20, -24, false, 1)), 161));
        assertThat(strip.signalTextProperty().get()).isEmpty();
        assertThat(strip.noSignalProperty().get()).isFalse();
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
        assertThat(vm.card("primary").urlTextProperty().get()).isEqualTo("invalid: see Settings");
    }

    @Test
    void savedSettingsApplyAndPersist() {
        MainViewModel vm = vm(StudioProfile.defaults());
        vm.saveSettings(twoDestinations());
        assertThat(vm.card("backup").urlTextProperty().get()).isEqualTo("rtmp://b.example.com/live/••••");
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
        vm.card("backup").retryNow();
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

    @Test
    void aCardPerDestinationThatFollowsTheSettingsOffAirAndStaysWhileLive() {
        MainViewModel vm = vm(twoDestinations());
        assertThat(vm.outputs()).extracting(c -> c.name()).containsExactly("primary", "backup", "recording");
        StudioProfile three = twoDestinations().withOutputs(List.of(twoDestinations().outputs().get(0),
                new StudioProfile.Output("shop", "extra", new StudioProfile.Ingest("rtmp://shop.example.com/live", "sk_main_vm_3"))));
        var primaryCard = vm.card("primary");
        vm.saveSettings(three);
        assertThat(vm.outputs()).extracting(c -> c.name()).containsExactly("primary", "shop", "recording");
        assertThat(vm.card("primary")).as("a card that stays keeps its history").isSameAs(primaryCard);
        assertThat(vm.card("shop").title()).isEqualTo("Shop");
        assertThat(vm.card("shop").urlTextProperty().get()).isEqualTo("rtmp://shop.example.com/live/••••");

        vm.goLive();
        assertThat(engine.startedWith.config().targets()).extracting(t -> t.name() + ":" + t.role().id())
                .containsExactly("primary:primary", "shop:extra");
        engine.start.complete(null);
        engine.listener.accept(liveFrame(10, 1, null, status("primary", OutputState.LIVE, "publishing"),
                status("shop", OutputState.LIVE, "publishing")));
        assertThat(vm.card("shop").stateTextProperty().get()).isEqualTo("LIVE");
        // changed while live: the cards of the broadcast that runs stay until it ends
        vm.saveSettings(twoDestinations());
        assertThat(vm.outputs()).extracting(c -> c.name()).containsExactly("primary", "shop", "recording");
        vm.endLive();
        engine.stop.complete(null);
        assertThat(vm.outputs()).extracting(c -> c.name()).containsExactly("primary", "backup", "recording");
    }

    @Test
    void withNoDestinationTheLocalTestsTwoCardsShow() {
        MainViewModel vm = vm(StudioProfile.defaults().withOutputs(List.of()));
        assertThat(vm.outputs()).extracting(c -> c.name()).containsExactly("primary", "backup", "recording");
        assertThat(vm.plan().localTest()).isTrue();
    }

    @Test
    void recordStartsARecordingOnItsOwnThatOutlastsEndLive() {
        StudioProfile p = twoDestinations();
        StudioProfile notWithGoLive = new StudioProfile(p.version(), p.outputs(), p.sources(), p.encoder(), p.canvas(),
                new StudioProfile.Recording(false, dir.resolve("recordings").toString(), "mkv"), null);
        MainViewModel vm = vm(notWithGoLive);
        assertThat(vm.recording().detailTextProperty().get()).startsWith("Record starts it");
        vm.toggleRecording();
        assertThat(engine.calls).containsExactly("record");
        assertThat(vm.recordBusyProperty().get()).isTrue();
        assertThat(engine.recordedWith.config().targets()).extracting(t -> t.name()).containsExactly("recording");
        assertThat(engine.recordedWith.recordingFile()).isEqualTo(dir.resolve("recordings/castline-20260501-200000.mkv"));
        engine.record.complete(null);
        assertThat(vm.recordingOnProperty().get()).isTrue();
        assertThat(vm.recordBusyProperty().get()).isFalse();
        assertThat(vm.liveProperty().get()).as("recording is not going live").isFalse();

        vm.goLive();
        assertThat(engine.startedWith.recordingFile()).as("Go Live adds no second recording").isNull();
        engine.start.complete(null);
        vm.endLive();
        engine.stop.complete(null);
        assertThat(vm.recordingOnProperty().get()).as("End Live leaves it recording").isTrue();

        vm.toggleRecording();
        assertThat(engine.calls).containsExactly("record", "start", "stop", "stop recording");
        engine.stopRecord.complete(null);
        assertThat(vm.recordingOnProperty().get()).isFalse();
    }

    @Test
    void goLivesRecordingStopsWithEndLiveAndAFolderThatCannotBeUsedIsTold() throws Exception {
        StudioProfile p = twoDestinations();
        MainViewModel vm = vm(new StudioProfile(p.version(), p.outputs(), p.sources(), p.encoder(), p.canvas(),
                new StudioProfile.Recording(true, dir.resolve("recordings").toString(), "mkv"), null));
        vm.goLive();
        engine.start.complete(null);
        assertThat(vm.recordingOnProperty().get()).isTrue();
        vm.endLive();
        engine.stop.complete(null);
        assertThat(vm.recordingOnProperty().get()).isFalse();

        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "not a folder");
        vm.saveSettings(new StudioProfile(p.version(), p.outputs(), p.sources(), p.encoder(), p.canvas(),
                new StudioProfile.Recording(false, file.toString(), "mkv"), null));
        vm.toggleRecording();
        assertThat(engine.calls).doesNotContain("record");
        assertThat(notices).last().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Cannot record");
            assertThat(n.text()).contains("is a file, not a folder");
        });
    }
}
