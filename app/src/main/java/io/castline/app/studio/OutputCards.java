package io.castline.app.studio;

import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.LivePlan;
import io.castline.app.notify.Alerts;
import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.outputs.OutputCardViewModel;
import io.castline.app.profile.PublishUrl;
import io.castline.app.profile.StudioProfile;
import io.castline.app.testingest.LocalTestViewModel;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputRole;
import io.castline.engine.output.OutputState;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The main window's output cards: one per destination, then the recording's, built from the
 * settings and updated from the engine's frames. UI thread.
 */
final class OutputCards {
    private final ObservableList<OutputCardViewModel> cards = FXCollections.observableArrayList();
    private final ObservableList<OutputCardViewModel> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    private final OutputCardViewModel recording;
    private final Consumer<String> retryNow;
    private final Notifier notifier;

    /**
     * @param retryNow   a card's "Retry now" (the output's name)
     * @param showFolder the recording card's "Show in folder"
     */
    OutputCards(Consumer<String> retryNow, Consumer<Path> showFolder, Notifier notifier) {
        this.retryNow = retryNow;
        this.notifier = notifier;
        recording = new OutputCardViewModel("recording", "Recording", StudioIcon.OUTPUT_RECORDING, false, retryNow,
                showFolder);
    }

    OutputCardViewModel recording() { return recording; }

    /** The cards, in order: each destination's, then the recording's. */
    ObservableList<OutputCardViewModel> list() { return readOnlyCards; }

    /** The card of the output named {@code name} (a destination's name, or "recording"). */
    OutputCardViewModel card(String name) {
        return cards.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no output card " + name));
    }

    /**
     * One card per destination in the settings (or the local test's two, when none is filled in),
     * then the recording's; a card that stays keeps its history. While live the list of the
     * broadcast that runs stays, each card only told where it would go next.
     *
     * @param reconfigure tell the cards that stay where they go now (the settings changed); false
     *                    at the end of a broadcast, whose cards keep saying how it ended
     * @param offAir      no broadcast runs or is starting or ending, so the list may change
     */
    void showDestinations(StudioProfile p, boolean reconfigure, boolean offAir) {
        boolean localTest = LivePlan.hasNoDestination(p);
        List<StudioProfile.Output> destinations = localTest ? new StudioProfile.Destinations(StudioProfile.Ingest.NONE,
                StudioProfile.Ingest.NONE).asOutputs() : p.outputs();
        List<OutputCardViewModel> next = new ArrayList<>();
        for (StudioProfile.Output o : destinations) {
            OutputCardViewModel kept = cards.stream().filter(c -> c.name().equals(o.name()) && c.network()).findFirst().orElse(null);
            OutputCardViewModel card = kept != null ? kept
                    : new OutputCardViewModel(o.name(), o.title(), icon(o.outputRole()), true, retryNow);
            if (reconfigure || kept == null) card.configure(localTest ? LocalTestViewModel.TARGET : maskedTarget(o.name(), o.ingest()));
            next.add(card);
        }
        next.add(recording);
        if (!offAir) return;
        if (!next.equals(cards)) cards.setAll(next);
    }

    /** The recording card says where the next file goes, and whether Go Live records. */
    void showRecordingTarget(StudioProfile p) {
        recording.configureRecording(Path.of(p.recording().directory()).resolve("castline-<date>-<time>."
                + p.recording().format()).toString(), Boolean.TRUE.equals(p.recording().enabled()));
    }

    /** Go Live: every card starts afresh, but the recording's while a recording runs on into the broadcast. */
    void resetForGoLive(boolean recordingOn) {
        cards.stream().filter(c -> c != recording || !recordingOn).forEach(OutputCardViewModel::reset);
    }

    /** A frame of a broadcast: each card's status and rates; the files a recording wrote are told as it stops. */
    void update(EngineFrame.Live l) {
        double t = l.stats() == null ? 0 : l.stats().t();
        OutputState recordingWas = recording.state();
        for (OutputCardViewModel card : cards) {
            card.update(l.output(card.name()), l.outputStats(card.name()), t);
        }
        // End Live's last frame: which files the recording wrote (the card lists them too)
        if (recordingWas != OutputState.IDLE && recordingWas != OutputState.STOPPED && recording.state() == OutputState.STOPPED) {
            Notice saved = Alerts.recordingSaved(l.output(recording.name()));
            if (saved != null) notifier.show(saved);
        }
    }

    private static StudioIcon icon(OutputRole role) {
        return switch (role) {
            case PRIMARY -> StudioIcon.OUTPUT_PRIMARY;
            case BACKUP -> StudioIcon.OUTPUT_BACKUP;
            case EXTRA -> StudioIcon.OUTPUT_EXTRA;
        };
    }

    /** Where an output goes, key masked; "check Settings" when it cannot be parsed; null when not set up. */
    static String maskedTarget(String name, StudioProfile.Ingest ingest) {
        if (ingest.isEmpty()) return null;
        try {
            return Destination.parse(name, PublishUrl.join(ingest.server(), ingest.key())).maskedUrl();
        } catch (IllegalArgumentException e) {
            return "invalid: see Settings";
        }
    }
}
