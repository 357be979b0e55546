package io.castline.app.notify;

import io.castline.app.engine.EngineFrame;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.RecordingStatus;
import io.castline.engine.stats.StatsSnapshot;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.castline.app.engine.Frames.file;
import static io.castline.app.engine.Frames.live;
import static io.castline.app.engine.Frames.recording;
import static io.castline.app.engine.Frames.snapshot;
import static io.castline.app.engine.Frames.stats;
import static io.castline.app.engine.Frames.status;
import static io.castline.app.engine.Frames.uplink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The episode logic of the studio's notices, fed with sequences of engine records as a broadcast
 * produces them (one snapshot a second; output states four times a second), including the ones
 * behind the reported symptoms: an overload told at every Go Live, "Upload is tight" five times
 * in 2.5 minutes while the badge said ENOUGH HEADROOM, notices after End Live.
 */
class AlertsTest {
    /** A monotonic clock far from 0, as System.nanoTime() is. */
    private static final double T0 = 81_234.5;
    private final Alerts alerts = new Alerts();
    private final List<Notice> told = new ArrayList<>();
    private final List<String> withdrawn = new ArrayList<>();

    private void apply(Alerts.Update u) {
        told.addAll(u.raised());
        withdrawn.addAll(u.ended());
    }

    /** One second of a broadcast, {@code onAir} seconds after Go Live, judged as the uplink panel shows it. */
    private void second(double onAir, StatsSnapshot s, OutputStatus... outputs) {
        apply(alerts.check(live(onAir, s, outputs), T0 + onAir, true));
    }

    private static StatsSnapshot withPreset(StatsSnapshot s, String preset) {
        var e = s.encoder();
        return new StatsSnapshot(s.t(), s.fps(), s.frames(), new StatsSnapshot.Encoder(e.codec(), preset, e.bitrateKbps(),
                e.targetBitrateKbps(), e.width(), e.height(), e.fps()), s.audio(), s.outputs(), s.uplink());
    }

    private static StatsSnapshot.Uplink ok() {
        return uplink(2700, 8000.0, "ok", "2.7 Mbps needed + 30% = 3.5 Mbps, measured 8.0 Mbps");
    }

    private static StatsSnapshot.Uplink tight() {
        return uplink(2700, 8000.0, "warn", "primary backlog growing (620 ms)");
    }

    private static OutputStatus primaryLive() {
        return status("primary", OutputState.LIVE, "publishing");
    }

    // --- the encoder -------------------------------------------------------------------------

    /**
     * The studio's program runs before Go Live; the engine's first snapshot counted its frames over
     * the program's age (here 225 s: 0.13 fps) and stamped it with the program's clock (t = 225, so
     * past the start-up grace). That read as "Encoder overloaded … 0 frames late … try veryfast"
     * at every Go Live with preset veryfast.
     */
    @Test
    void goingLiveIsNotAnOverloadEvenWhenTheFirstSecondReadsAsOne() {
        second(1.0, withPreset(snapshot(225.0, 0.13, 0, 0, ok(), stats("primary", "LIVE", 2700)), "veryfast"), primaryLive());
        for (int i = 2; i <= 60; i++) {
            second(i, withPreset(snapshot(224.0 + i, 30, 0, 0, ok(), stats("primary", "LIVE", 2700)), "veryfast"), primaryLive());
        }
        assertThat(told).isEmpty();
    }

    @Test
    void aLastingOverloadIsToldOnceWithTheFactsThatHoldAndAPresetThatIsReallyFaster() {
        for (int i = 1; i <= 5; i++) second(i, withPreset(snapshot(i, 30, 0, 0, ok()), "veryfast"));
        // the machine cannot keep up: 22 fps, no frame late or skipped (the compositor still keeps time)
        second(6, withPreset(snapshot(6, 22, 0, 0, ok()), "veryfast"));
        second(7, withPreset(snapshot(7, 22, 0, 0, ok()), "veryfast"));
        assertThat(told).as("a blip of two seconds is not an episode").isEmpty();
        second(8, withPreset(snapshot(8, 22, 0, 0, ok()), "veryfast"));
        second(9, withPreset(snapshot(9, 22, 0, 0, ok()), "veryfast"));
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Encoder overloaded");
            assertThat(n.text()).startsWith("Encoding 22 of 30 fps, so viewers see stutter.")
                    .contains("choose a faster preset than 'veryfast' (superfast or ultrafast)")
                    .doesNotContain("0 frames").doesNotContain("try veryfast");
        });
        // it flaps: still the same episode
        for (int i = 10; i <= 30; i++) second(i, withPreset(snapshot(i, i % 2 == 0 ? 22 : 30, 0, 0, ok()), "veryfast"));
        assertThat(told).hasSize(1);
        assertThat(withdrawn).isEmpty();
        // it keeps up for 10 s: the episode ends and its notice is taken back
        for (int i = 31; i <= 41; i++) second(i, withPreset(snapshot(i, 30, 0, 0, ok()), "veryfast"));
        assertThat(withdrawn).containsExactly("encoder");
        // a new overload, now with frames skipped: told again, with those figures
        long skipped = 0;
        for (int i = 42; i <= 46; i++) second(i, withPreset(snapshot(i, 30, 0, skipped += 9, ok()), "veryfast"));
        assertThat(told).hasSize(2);
        assertThat(told.get(1).text()).startsWith("9 frames late or skipped in the last second, so viewers see stutter.");
    }

    @Test
    void theFastestPresetIsNotAdvisedAgain() {
        var e = new StatsSnapshot.Encoder("x264", "ultrafast", 2500, 2500, 1920, 1080, 30);
        assertThat(Alerts.fasterAdvice(e)).startsWith("'ultrafast' is already the fastest preset: choose a smaller canvas")
                .doesNotContain("faster preset than");
        assertThat(Alerts.fasterAdvice(new StatsSnapshot.Encoder("x264", "medium", 2500, 2500, 1920, 1080, 30)))
                .startsWith("choose a faster preset than 'medium' (fast or faster)");
        assertThat(Alerts.fasterAdvice(new StatsSnapshot.Encoder("nvenc", "p4", 2500, 2500, 1920, 1080, 30)))
                .startsWith("choose a faster preset, or a smaller canvas");
    }

    // --- the uplink --------------------------------------------------------------------------

    /**
     * The reported sequence: 2.5 minutes in which the verdict said "warn" for a second now and then
     * and "ok" otherwise (the badge: ENOUGH HEADROOM nearly all the time). The old logic told
     * "Upload is tight" at each of the six blips.
     */
    @Test
    void aVerdictThatBlipsNowAndThenIsNotTold() {
        for (int i = 1; i <= 150; i++) {
            second(i, snapshot(i, 30, 0, 0, i % 25 == 0 ? tight() : ok(), stats("primary", "LIVE", 2700)), primaryLive());
        }
        assertThat(told).isEmpty();
    }

    @Test
    void aTightUplinkIsToldOncePerEpisodeWhileTheBadgeSaysTightAndTakenBackWhenClear() {
        for (int i = 1; i <= 4; i++) second(i, snapshot(i, 30, 0, 0, tight()), primaryLive());
        assertThat(told).isEmpty();
        second(5, snapshot(5, 30, 0, 0, tight()), primaryLive());
        second(6, snapshot(6, 30, 0, 0, tight()), primaryLive());
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Upload is tight");
            assertThat(n.text()).startsWith("primary backlog growing (620 ms). What to do:");
        });
        // a minute of flapping (the badge: TIGHT, ENOUGH HEADROOM, TIGHT…): one episode, told once
        for (int i = 7; i <= 66; i++) second(i, snapshot(i, 30, 0, 0, i % 3 == 0 ? ok() : tight()), primaryLive());
        assertThat(told).hasSize(1);
        // 30 s of headroom ends it: the notice goes
        for (int i = 67; i <= 97; i++) second(i, snapshot(i, 30, 0, 0, ok()), primaryLive());
        assertThat(withdrawn).containsExactly("uplink:warn");
        for (int i = 98; i <= 104; i++) second(i, snapshot(i, 30, 0, 0, tight()), primaryLive());
        assertThat(told).as("a new episode").hasSize(2);
    }

    @Test
    void theUplinkIsNotJudgedWhereItsPanelDoesNotShowTheVerdict() {
        // a local test: the receivers are on this computer, the panel says no upload is needed
        for (int i = 1; i <= 60; i++) {
            apply(alerts.check(live(i, snapshot(i, 30, 0, 0, tight()), primaryLive()), T0 + i, false));
        }
        assertThat(told).isEmpty();
    }

    @Test
    void anInsufficientUplinkSuggestsABitrateThatFits() {
        for (int i = 1; i <= 6; i++) {
            second(i, snapshot(i, 30, 0, 0, uplink(5400, 4000.0, "insufficient", "2.7 Mbps needed + 30% = 3.5 Mbps, measured 2.0 Mbps"),
                    stats("primary", "LIVE", 2700)), primaryLive());
        }
        // 2500 × 4000 / (1.3 × 5400) = 1424 → 1400
        assertThat(told).singleElement().satisfies(x -> assertThat(x.text())
                .contains("lower the bitrate to about 1400 kbps (now 2500)"));
    }

    @Test
    void aPathThatIsDownDoesNotMakeTheUplinkLookTooSmall() {
        for (int i = 1; i <= 20; i++) {
            second(i, snapshot(i, 30, 0, 0, uplink(5400, 700.0, "insufficient", "backup uplink: measured 0.1 Mbps"),
                    stats("primary", "LIVE", 2700)), primaryLive(), status("backup", OutputState.RECONNECTING, "Broken pipe", 1, 1, 500));
        }
        assertThat(told).extracting(Notice::key).containsExactly("reconnecting:backup");
    }

    // --- outputs -----------------------------------------------------------------------------

    @Test
    void aLostConnectionIsToldWhenItLastsOncePerEpisodeAndTakenBackWhenTheOutputIsBack() {
        double t = 1;
        // a reconnect that succeeds within a second: the card counts it, no notice
        for (; t < 2; t += 0.25) second(t, null, status("backup", OutputState.RECONNECTING, "Connection reset by peer", 1, 1, 500));
        for (; t < 20; t += 0.25) second(t, null, status("backup", OutputState.LIVE, "reconnected"));
        assertThat(told).isEmpty();
        // a real outage
        for (; t < 24; t += 0.25) {
            second(t, null, status("backup", OutputState.RECONNECTING,
                    "Connection reset by peer; retry in 0.5 s (attempt 1)", 2, 1, 500));
        }
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING);
            assertThat(n.title()).isEqualTo("Backup lost its connection");
            assertThat(n.text()).startsWith("Connection reset by peer.").contains("reconnects by itself");
        });
        // back, then lost again within seconds: the same episode
        for (; t < 26; t += 0.25) second(t, null, status("backup", OutputState.LIVE, "reconnected"));
        for (; t < 30; t += 0.25) second(t, null, status("backup", OutputState.RECONNECTING, "reset", 3, 1, 500));
        assertThat(told).hasSize(1);
        // live for 15 s: over, the notice goes
        for (; t < 46; t += 0.25) second(t, null, status("backup", OutputState.LIVE, "reconnected"));
        assertThat(withdrawn).containsExactly("reconnecting:backup");
    }

    @Test
    void aFailedOutputIsAnErrorAtOnceSayingWhatToDo() {
        second(1, null, status("primary", OutputState.FAILED, "Connection refused"));
        assertThat(told).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Notice.Severity.ERROR);
            assertThat(x.title()).isEqualTo("Primary failed");
            assertThat(x.text()).contains("Connection refused").contains("stream key in Settings").contains("Retry now");
        });
        second(2, null, status("primary", OutputState.FAILED, "Connection refused"));
        assertThat(told).hasSize(1);
        second(3, null, status("primary", OutputState.CONNECTING, "Retry now"));
        assertThat(withdrawn).containsExactly("failed:primary");
    }

    @Test
    void aRefusedCertificateIsNotBlamedOnTheStreamKey() {
        second(1, null, status("primary", OutputState.FAILED,
                "certificate for evil.example does not match 127.0.0.1 (127.0.0.1:1935): the stream key was not sent"));
        assertThat(told).singleElement().satisfies(x -> assertThat(x.text())
                .contains("does not match").contains("CA file in Settings").doesNotContain("stream key in Settings"));
    }

    // --- a recording that cannot write (the engine's reasons and records on a full disk) -------

    private static final Path SHOW = Path.of("/x/show.mkv");
    private static final Path SHOW_2 = Path.of("/x/show-2.mkv");
    private static final RecordingStatus.RecordedFile KEPT = file(SHOW, 241, 8.0, 1_200_000);

    private static OutputStatus diskFull() {
        return recording(OutputState.RECONNECTING, "disk full: write failed: No space left on device; kept show.mkv (241 frames, "
                        + "8.0 s, 1.2 MB); the recording goes on in a new file when there is room; retry in 0.5 s (attempt 1)",
                new RecordingStatus(SHOW, null, List.of(KEPT), SHOW_2, true, "write failed: No space left on device"), 1, 500);
    }

    private static OutputStatus recordingAgain() {
        return recording(OutputState.LIVE, "recording to /x/show-2.mkv (after a write error; kept show.mkv (241 frames, 8.0 s, 1.2 MB))",
                new RecordingStatus(SHOW, SHOW_2, List.of(KEPT), null, false, null), 1, 0);
    }

    /**
     * A full disk is no lost connection: the notice said "Recording lost its connection … Castline
     * reconnects by itself … check that ingest server and your network". It says what happened,
     * what is kept, where the recording goes on and what to do, at once (a write error is no blip).
     */
    @Test
    void aFullDiskIsToldAsAFullDiskWithWhatIsKeptAndWhereTheRecordingGoesOn() {
        second(1, null, primaryLive(), diskFull());
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING);
            assertThat(n.key()).isEqualTo("reconnecting:recording");
            assertThat(n.title()).isEqualTo("Recording paused: the disk is full");
            assertThat(n.text()).startsWith("The disk is full: write failed: No space left on device. "
                            + "Kept show.mkv (241 frames, 8.0 s, 1.2 MB) in /x. What to do: free some space")
                    .endsWith("the recording goes on in show-2.mkv by itself; the stream is not affected.")
                    .doesNotContain("connection", "ingest", "network", "reconnect");
        });
        // the engine looks for room again and again: the same episode, told once
        for (double t = 1.25; t < 10; t += 0.25) second(t, null, primaryLive(), diskFull());
        assertThat(told).hasSize(1);
        // room again: the recording goes on in show-2.mkv, and once that has held the notice goes
        for (double t = 10; t < 26; t += 0.25) second(t, null, primaryLive(), recordingAgain());
        assertThat(withdrawn).containsExactly("reconnecting:recording");
    }

    @Test
    void aRecordingWithoutAStreamDoesNotSpeakOfOne() {
        second(1, null, diskFull());
        assertThat(told).singleElement().satisfies(n -> assertThat(n.text())
                .endsWith("the recording goes on in show-2.mkv by itself.").doesNotContain("stream"));
    }

    @Test
    void anotherWriteErrorSaysSoAndThatTheRecordingGoesOn() {
        second(1, null, primaryLive(), recording(OutputState.RECONNECTING,
                "write failed: File too large; kept show.mkv (241 frames, 8.0 s, 1.2 MB); the recording goes on in a new file",
                new RecordingStatus(SHOW, null, List.of(KEPT), SHOW_2, false, "write failed: File too large"), 1, 500));
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Recording paused: a write error");
            assertThat(n.text()).startsWith("The recording could not be written: write failed: File too large. Kept show.mkv (")
                    .contains("goes on in show-2.mkv by itself; the stream is not affected").doesNotContain("disk is full");
        });
    }

    @Test
    void afterEndLiveTheRecordingsFilesAreNamed() {
        var second = file(SHOW_2, 220, 7.3, 1_000_000);
        Notice n = Alerts.recordingSaved(recording(OutputState.STOPPED, "stopped; recorded /x/show.mkv (241 frames, 8.0 s, 1.2 MB), "
                + "/x/show-2.mkv (220 frames, 7.3 s, 1.0 MB)", new RecordingStatus(SHOW, null, List.of(KEPT, second), null, false,
                null), 1, 0));
        assertThat(n.severity()).isEqualTo(Notice.Severity.INFO);
        assertThat(n.title()).isEqualTo("Recording saved in 2 files");
        assertThat(n.text()).isEqualTo("show.mkv (241 frames, 8.0 s, 1.2 MB), show-2.mkv (220 frames, 7.3 s, 1.0 MB) "
                + "(a write error split it; play them one after the other), in /x.");
        Notice one = Alerts.recordingSaved(recording(OutputState.STOPPED, "stopped; recorded /x/show.mkv (…)",
                new RecordingStatus(SHOW, null, List.of(KEPT), null, false, null), 0, 0));
        assertThat(one.title()).isEqualTo("Recording saved");
        assertThat(one.text()).isEqualTo("show.mkv (241 frames, 8.0 s, 1.2 MB), in /x.");
        assertThat(Alerts.recordingSaved(recording(OutputState.STOPPED, "stopped",
                new RecordingStatus(SHOW, null, List.of(), null, false, null), 0, 0))).as("nothing written").isNull();
        assertThat(Alerts.recordingSaved(status("primary", OutputState.STOPPED, "stopped"))).isNull();
    }

    // --- End Live, Go Live -------------------------------------------------------------------

    @Test
    void atEndLiveTheBroadcastsEpisodesEndAndTheirNoticesAreTakenBack() {
        for (double t = 1; t < 5; t += 0.25) {
            second(t, null, primaryLive(), status("backup", OutputState.RECONNECTING, "Broken pipe", 1, 1, 500));
        }
        assertThat(told).extracting(Notice::key).containsExactly("reconnecting:backup");
        assertThat(alerts.offAir()).containsExactly("reconnecting:backup");
        assertThat(alerts.offAir()).as("nothing left").isEmpty();
    }

    @Test
    void goLiveStartsTheBroadcastsConditionsAfresh() {
        second(1, null, status("primary", OutputState.FAILED, "x"));
        alerts.offAir();
        alerts.reset();
        second(1, null, status("primary", OutputState.FAILED, "x"));
        assertThat(told).hasSize(2);
    }

    // --- sources, live or not ----------------------------------------------------------------

    @Test
    void aDeadSourceIsToldOnAirOrOffOnceAndAgainAtGoLive() {
        var ok = new EngineFrame.ProgramStats(30.0, 30, 0, 0, null, null);
        var noCamera = new EngineFrame.ProgramStats(30.0, 30, 0, 0,
                "no signal: cannot open /dev/video0: No such file or directory", null);
        apply(alerts.checkSources(ok, T0));
        apply(alerts.checkSources(noCamera, T0 + 1));
        assertThat(told).isEmpty();
        apply(alerts.checkSources(noCamera, T0 + 3));
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING);
            assertThat(n.title()).isEqualTo("No picture from the video source");
            assertThat(n.text()).startsWith("Cannot open /dev/video0: No such file or directory. ")
                    .contains("NO SIGNAL picture").contains("What to do:");
        });
        apply(alerts.checkSources(noCamera, T0 + 10));
        assertThat(told).as("once per episode").hasSize(1);
        alerts.reset(); // Go Live
        apply(alerts.checkSources(noCamera, T0 + 11));
        apply(alerts.checkSources(noCamera, T0 + 13));
        assertThat(told).as("told again when going live").hasSize(2);
        apply(alerts.checkSources(ok, T0 + 14));
        apply(alerts.checkSources(ok, T0 + 20));
        assertThat(withdrawn).containsExactly("source:video");

        var noMic = new EngineFrame.ProgramStats(30.0, 30, 0, 0, null, "no signal: cannot open default: Input/output error");
        apply(alerts.checkSources(noMic, T0 + 21));
        apply(alerts.checkSources(noMic, T0 + 24));
        assertThat(told.get(told.size() - 1).title()).isEqualTo("No sound from the audio source");
        assertThat(alerts.checkSources(null, T0 + 25).raised()).as("no program, nothing to say").isEmpty();
    }

    @Test
    void theSourcesAreNotConditionsOfTheBroadcast() {
        var noMic = new EngineFrame.ProgramStats(30.0, 30, 0, 0, null, "no signal: cannot open default: No such process");
        apply(alerts.checkSources(noMic, T0));
        apply(alerts.checkSources(noMic, T0 + 3));
        assertThat(alerts.offAir()).as("End Live leaves a dead microphone told").isEmpty();
    }
}
