package io.castline.app.outputs;

import io.castline.app.ui.Css;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.RecordingStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.castline.app.engine.Frames.file;
import static io.castline.app.engine.Frames.recording;
import static io.castline.app.engine.Frames.stats;
import static io.castline.app.engine.Frames.status;
import static org.assertj.core.api.Assertions.assertThat;

class OutputCardViewModelTest {
    private final List<String> retried = new ArrayList<>();
    private final OutputCardViewModel card = new OutputCardViewModel("backup", "Backup", StudioIcon.OUTPUT_BACKUP, true,
            retried::add);

    @Test
    void offAirTheCardSaysWhetherTheOutputIsSetUp() {
        assertThat(card.stateTextProperty().get()).isEqualTo("OFF");
        assertThat(card.detailTextProperty().get()).contains("add a server and stream key in Settings");
        card.configure("rtmp://ingest.example.com/live/••••");
        assertThat(card.stateTextProperty().get()).isEqualTo("READY");
        assertThat(card.urlTextProperty().get()).isEqualTo("rtmp://ingest.example.com/live/••••");
        assertThat(card.healthProperty().get()).isEqualTo(Css.HEALTH_IDLE);
    }

    @Test
    void liveIsGreenWithoutRetry() {
        card.update(status("backup", OutputState.CONNECTING, "connecting to …"), null, 0);
        assertThat(card.detailTextProperty().get()).isEqualTo("connecting");
        assertThat(card.healthProperty().get()).isEqualTo(Css.HEALTH_ACTIVE);

        card.update(status("backup", OutputState.LIVE, "publishing to …"), stats("backup", "LIVE", 2671.2), 1);
        assertThat(card.stateTextProperty().get()).isEqualTo("LIVE");
        assertThat(card.detailTextProperty().get()).isEqualTo("live");
        assertThat(card.healthProperty().get()).isEqualTo(Css.HEALTH_OK);
        assertThat(card.retryVisibleProperty().get()).isFalse();
        assertThat(card.kbpsTextProperty().get()).isEqualTo("2671 kbps");
        assertThat(card.queueTextProperty().get()).isEqualTo("40 ms"); // the backlog (queue + unacknowledged) when known
        assertThat(card.reconnectsTextProperty().get()).isEqualTo("0");
    }

    @Test
    void reconnectingSaysWhenAndWhyAndOffersRetry() {
        card.update(status("backup", OutputState.RECONNECTING,
                "Connection reset by peer; retry in 1.2 s (attempt 3)", 1, 3, 1234), null, 5);
        assertThat(card.stateTextProperty().get()).isEqualTo("RECONNECTING");
        assertThat(card.detailTextProperty().get())
                .isEqualTo("reconnecting in 1.2 s (attempt 3)\nlost: Connection reset by peer");
        assertThat(card.healthProperty().get()).isEqualTo(Css.HEALTH_WARN);
        assertThat(card.retryVisibleProperty().get()).isTrue();

        card.update(status("backup", OutputState.RECONNECTING, "Connection refused", 1, 4, 0), null, 6);
        assertThat(card.detailTextProperty().get()).startsWith("reconnecting now (attempt 4)");

        card.retryNow();
        assertThat(retried).containsExactly("backup");
    }

    @Test
    void failedSaysWhyInRed() {
        card.update(status("backup", OutputState.FAILED, "the server dropped the stream right after it was published"), null, 2);
        assertThat(card.detailTextProperty().get()).isEqualTo("failed: the server dropped the stream right after it was published");
        assertThat(card.healthProperty().get()).isEqualTo(Css.HEALTH_BAD);
        assertThat(card.retryVisibleProperty().get()).isTrue();
    }

    @Test
    void congestedLiveIsAmber() {
        var s = new io.castline.engine.stats.StatsSnapshot.OutputStats("backup", "u", "LIVE", "", true, 900, 1, 700, 1500,
                12, 0, true, null, null, null);
        card.update(status("backup", OutputState.LIVE, "publishing"), s, 1);
        assertThat(card.healthProperty().get()).isEqualTo(Css.HEALTH_WARN);
        assertThat(card.detailTextProperty().get()).isEqualTo("live, but falling behind: 1.5 s queued");
    }

    @Test
    void theSparklineGainsOnePointPerSecondAndKeepsAMinute() {
        for (int t = 1; t <= 70; t++) {
            card.update(status("backup", OutputState.LIVE, "x"), stats("backup", "LIVE", t), t);
            card.update(status("backup", OutputState.LIVE, "x"), stats("backup", "LIVE", t), t); // same second again
        }
        List<Double> line = card.sparklineProperty().get();
        assertThat(line).hasSize(OutputCardViewModel.HISTORY_SECONDS);
        assertThat(line.get(0)).isEqualTo(11.0);
        assertThat(line.get(59)).isEqualTo(70.0);
        card.reset();
        assertThat(card.sparklineProperty().get()).isEmpty();
    }

    @Test
    void aStreamKeyInAReasonIsMasked() {
        Destination.parse("backup", "rtmp://h/live/sk_card_secret_77"); // registers the key, as going live does
        card.update(status("backup", OutputState.FAILED, "rtmp://h/live/sk_card_secret_77: I/O error"), null, 1);
        assertThat(card.detailTextProperty().get()).doesNotContain("sk_card_secret_77").contains("••••");
    }

    // --- the recording card: its files (what the engine's records say on a full disk) ------------

    private static final Path SHOW = Path.of("/x/show.mkv");
    private static final Path SHOW_2 = Path.of("/x/show-2.mkv");
    private final List<Path> opened = new ArrayList<>();
    private final OutputCardViewModel rec = new OutputCardViewModel("recording", "Recording", StudioIcon.OUTPUT_RECORDING,
            false, retried::add, opened::add);

    /**
     * The card said only "recording" / "stopped": not which file, not what a full disk kept, not
     * that the recording goes on by itself; and "reconnecting … lost: disk full" as if a file had
     * a connection.
     */
    @Test
    void theRecordingCardNamesItsFilesThroughAFullDisk() {
        rec.configure("/x/castline-<date>-<time>.mkv");
        assertThat(rec.urlTextProperty().get()).isEqualTo("/x/castline-<date>-<time>.mkv");
        assertThat(rec.folderProperty().get()).as("no file yet").isNull();

        // the name was taken: the next number, and the card says why
        rec.update(recording(OutputState.LIVE, "recording to /x/show-2.mkv (show.mkv exists and is left as it was)",
                new RecordingStatus(SHOW, SHOW_2, List.of(), null, false, null), 0, 0), stats("recording", "LIVE", 2600), 1);
        assertThat(rec.stateTextProperty().get()).isEqualTo("LIVE");
        assertThat(rec.detailTextProperty().get()).isEqualTo("recording to show-2.mkv\nshow.mkv exists and is left as it was");
        assertThat(rec.urlTextProperty().get()).isEqualTo("in /x");
        assertThat(rec.urlTipProperty().get()).isEqualTo("recording to /x/show-2.mkv");
        assertThat(rec.folderProperty().get()).isEqualTo(Path.of("/x"));
        assertThat(rec.healthProperty().get()).isEqualTo(Css.HEALTH_OK);
    }

    @Test
    void aFullDiskSaysWhatIsKeptAndThatTheRecordingGoesOnWhenThereIsRoom() {
        var kept = file(SHOW, 241, 8.0, 1_200_000);
        rec.update(recording(OutputState.LIVE, "recording to /x/show.mkv", new RecordingStatus(SHOW, SHOW, List.of(), null, false,
                null), 0, 0), stats("recording", "LIVE", 2600), 1);
        assertThat(rec.detailTextProperty().get()).isEqualTo("recording to show.mkv");

        rec.update(recording(OutputState.RECONNECTING, "disk full: write failed: No space left on device; kept show.mkv (241 frames, "
                        + "8.0 s, 1.2 MB); the recording goes on in a new file when there is room; retry in 1.2 s (attempt 1)",
                new RecordingStatus(SHOW, null, List.of(kept), SHOW_2, true, "write failed: No space left on device"), 1, 1234), null, 9);
        assertThat(rec.stateTextProperty().get()).as("a file is not reconnected").isEqualTo("PAUSED");
        assertThat(rec.detailTextProperty().get()).isEqualTo("disk full: waiting for free space (next look in 1.2 s)\n"
                + "write failed: No space left on device\n"
                + "kept show.mkv (241 frames, 8.0 s, 1.2 MB); goes on in show-2.mkv when there is room");
        assertThat(rec.urlTextProperty().get()).isEqualTo("in /x");
        assertThat(rec.urlTipProperty().get()).isEqualTo("/x/show.mkv\nnext: /x/show-2.mkv");
        assertThat(rec.healthProperty().get()).isEqualTo(Css.HEALTH_WARN);
        assertThat(rec.retryVisibleProperty().get()).as("look for room now").isTrue();
        assertThat(rec.folderProperty().get()).isEqualTo(Path.of("/x"));

        // still full: the engine's words for it change, the card follows
        rec.update(recording(OutputState.RECONNECTING, "disk full: 0.0 MB free in /x, a new file needs 1.0 MB; kept show.mkv (…)",
                new RecordingStatus(SHOW, null, List.of(kept), SHOW_2, true, "0.0 MB free in /x, a new file needs 1.0 MB"), 1, 0),
                null, 10);
        assertThat(rec.detailTextProperty().get()).startsWith("disk full: waiting for free space\n0.0 MB free in /x, a new file needs 1.0 MB\n");

        rec.update(recording(OutputState.LIVE, "recording to /x/show-2.mkv (after a write error; kept show.mkv (241 frames, 8.0 s, 1.2 MB))",
                new RecordingStatus(SHOW, SHOW_2, List.of(kept), null, false, null), 1, 0), stats("recording", "LIVE", 2600), 12);
        assertThat(rec.detailTextProperty().get())
                .isEqualTo("recording to show-2.mkv\nafter a write error; kept show.mkv (241 frames, 8.0 s, 1.2 MB)");
        assertThat(rec.urlTextProperty().get()).isEqualTo("in /x");
        assertThat(rec.urlTipProperty().get()).isEqualTo("/x/show.mkv\nrecording to /x/show-2.mkv");

        // End Live: every file, and their folder a click away
        rec.update(recording(OutputState.STOPPED, "stopped; recorded /x/show.mkv (241 frames, 8.0 s, 1.2 MB), /x/show-2.mkv (220 "
                        + "frames, 7.3 s, 1.0 MB)", new RecordingStatus(SHOW, null, List.of(kept, file(SHOW_2, 220, 7.3, 1_000_000)),
                null, false, null), 1, 0), null, 20);
        assertThat(rec.stateTextProperty().get()).isEqualTo("STOPPED");
        assertThat(rec.detailTextProperty().get()).isEqualTo("stopped; recorded 2 files:\n"
                + "show.mkv (241 frames, 8.0 s, 1.2 MB)\nshow-2.mkv (220 frames, 7.3 s, 1.0 MB)");
        assertThat(rec.urlTextProperty().get()).isEqualTo("2 files in /x");
        assertThat(rec.urlTipProperty().get()).isEqualTo("/x/show.mkv\n/x/show-2.mkv");
        rec.showFolder();
        assertThat(opened).containsExactly(Path.of("/x"));
        // the next Go Live's settings show again once the card is off air
        rec.configure("/x/castline-<date>-<time>.mkv");
        assertThat(rec.detailTextProperty().get()).isEqualTo("records with Go Live");
        assertThat(rec.folderProperty().get()).isNull();
    }

    @Test
    void aFolderThatTakesNoFileFailsWithTheReasonAndWhatWasKept() {
        var kept = file(SHOW, 241, 8.0, 1_200_000);
        rec.update(recording(OutputState.FAILED, "cannot create a file in /x: Permission denied; kept show.mkv (241 frames, 8.0 s, 1.2 MB)",
                new RecordingStatus(SHOW, null, List.of(kept), SHOW_2, false, "cannot create a file in /x: Permission denied"), 1, 0),
                null, 5);
        assertThat(rec.detailTextProperty().get()).isEqualTo("failed: cannot create a file in /x: Permission denied\n"
                + "kept show.mkv (241 frames, 8.0 s, 1.2 MB)");
        assertThat(rec.healthProperty().get()).isEqualTo(Css.HEALTH_BAD);
        assertThat(rec.retryVisibleProperty().get()).isTrue();
    }
}
