package io.castline.app.outputs;

import io.castline.app.ui.Css;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
}
