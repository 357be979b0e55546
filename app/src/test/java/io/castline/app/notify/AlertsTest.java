package io.castline.app.notify;

import io.castline.app.engine.EngineFrame;
import io.castline.engine.output.OutputState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.castline.app.engine.Frames.live;
import static io.castline.app.engine.Frames.snapshot;
import static io.castline.app.engine.Frames.stats;
import static io.castline.app.engine.Frames.status;
import static io.castline.app.engine.Frames.uplink;
import static org.assertj.core.api.Assertions.assertThat;

class AlertsTest {
    private final Alerts alerts = new Alerts();

    @Test
    void aReconnectingOutputIsToldOncePerOccurrence() {
        assertThat(alerts.check(live(1, null, status("backup", OutputState.LIVE, "ok")))).isEmpty();
        List<Notice> first = alerts.check(live(2, null, status("backup", OutputState.RECONNECTING,
                "Connection reset by peer; retry in 0.5 s (attempt 1)", 1, 1, 500)));
        assertThat(first).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING);
            assertThat(n.title()).isEqualTo("Backup lost its connection");
            assertThat(n.text()).startsWith("Connection reset by peer.").contains("reconnects by itself");
        });
        assertThat(alerts.check(live(3, null, status("backup", OutputState.RECONNECTING, "refused", 1, 2, 700)))).isEmpty();
        assertThat(alerts.check(live(4, null, status("backup", OutputState.LIVE, "reconnected")))).isEmpty();
        assertThat(alerts.check(live(5, null, status("backup", OutputState.RECONNECTING, "reset", 2, 1, 500)))).hasSize(1);
    }

    @Test
    void aDeadSourceIsToldOnAirOrOffOnceAndAgainAtGoLive() {
        var ok = new EngineFrame.ProgramStats(30.0, 30, 0, 0, null, null);
        var noCamera = new EngineFrame.ProgramStats(30.0, 30, 0, 0,
                "no signal: cannot open /dev/video0: No such file or directory", null);
        assertThat(alerts.checkSources(ok)).isEmpty();
        assertThat(alerts.checkSources(noCamera)).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.WARNING);
            assertThat(n.title()).isEqualTo("No picture from the video source");
            assertThat(n.text()).startsWith("no signal: cannot open /dev/video0: No such file or directory. ")
                    .contains("NO SIGNAL picture").contains("What to do:");
        });
        assertThat(alerts.checkSources(noCamera)).as("once per occurrence").isEmpty();
        alerts.reset(); // Go Live
        assertThat(alerts.checkSources(noCamera)).as("told again when going live").hasSize(1);
        assertThat(alerts.checkSources(ok)).isEmpty();
        assertThat(alerts.checkSources(noCamera)).as("a new occurrence").hasSize(1);

        var noMic = new EngineFrame.ProgramStats(30.0, 30, 0, 0, null, "no signal: cannot open default: Input/output error");
        assertThat(alerts.checkSources(noMic)).singleElement()
                .satisfies(n -> assertThat(n.title()).isEqualTo("No sound from the audio source"));
        assertThat(alerts.checkSources(null)).as("no program, nothing to say").isEmpty();
    }

    @Test
    void aFailedOutputIsAnErrorSayingWhatToDo() {
        List<Notice> n = alerts.check(live(1, null, status("primary", OutputState.FAILED, "Connection refused")));
        assertThat(n).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Notice.Severity.ERROR);
            assertThat(x.title()).isEqualTo("Primary failed");
            assertThat(x.text()).contains("Connection refused").contains("stream key in Settings").contains("Retry now");
        });
        assertThat(alerts.check(live(2, null, status("primary", OutputState.FAILED, "Connection refused")))).isEmpty();
    }

    @Test
    void anInsufficientUplinkSuggestsABitrateThatFits() {
        var s = snapshot(5, 30, 0, 0, uplink(5400, 4000.0, "insufficient", "2.7 Mbps needed + 30% = 3.5 Mbps, measured 2.0 Mbps"),
                stats("primary", "LIVE", 2700));
        List<Notice> n = alerts.check(live(5, s, status("primary", OutputState.LIVE, "ok")));
        // 2500 × 4000 / (1.3 × 5400) = 1424 → 1400
        assertThat(n).singleElement().satisfies(x -> assertThat(x.text())
                .contains("lower the bitrate to about 1400 kbps (now 2500)"));
        var again = snapshot(6, 30, 0, 0, uplink(5400, 4000.0, "insufficient", "same"), stats("primary", "LIVE", 2700));
        assertThat(alerts.check(live(6, again, status("primary", OutputState.LIVE, "ok")))).isEmpty();
    }

    @Test
    void anOverloadedEncoderSuggestsAFasterPreset() {
        alerts.check(live(3, snapshot(3, 30, 0, 0, uplink(2700, null, "unknown", ""))));
        List<Notice> n = alerts.check(live(4, snapshot(4, 22, 3, 6, uplink(2700, null, "unknown", ""))));
        assertThat(n).singleElement().satisfies(x -> {
            assertThat(x.title()).isEqualTo("Encoder overloaded");
            assertThat(x.text()).contains("9 frames late or skipped").contains("now 'medium'").contains("smaller canvas");
        });
        assertThat(alerts.check(live(5, snapshot(5, 22, 6, 12, uplink(2700, null, "unknown", ""))))).isEmpty();
    }

    @Test
    void startUpSecondsAreNotAVerdictOnTheMachine() {
        alerts.check(live(1, snapshot(1, 12, 0, 0, uplink(2700, null, "unknown", ""))));
        assertThat(alerts.check(live(2, snapshot(2, 20, 0, 10, uplink(2700, null, "unknown", ""))))).isEmpty();
    }

    @Test
    void resetLetsEverythingBeToldAgain() {
        EngineFrame.Live failed = live(1, null, status("primary", OutputState.FAILED, "x"));
        assertThat(alerts.check(failed)).hasSize(1);
        alerts.reset();
        assertThat(alerts.check(failed)).hasSize(1);
    }

    @Test
    void aPathThatIsDownDoesNotMakeTheUplinkLookTooSmall() {
        var s = snapshot(5, 30, 0, 0, uplink(5400, 700.0, "insufficient", "backup uplink: measured 0.1 Mbps"),
                stats("primary", "LIVE", 2700));
        List<Notice> n = alerts.check(live(5, s, status("primary", OutputState.LIVE, "ok"),
                status("backup", OutputState.RECONNECTING, "Broken pipe", 1, 1, 500)));
        assertThat(n).extracting(Notice::key).containsExactly("reconnecting:backup");
    }
}
