package io.castline.app.outputs;

import io.castline.app.ui.Css;
import io.castline.app.ui.Format;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.destination.Secrets;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.stats.StatsSnapshot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One output card (primary, backup or recording): the output's state and its reason in words, its
 * figures and a minute of its bitrate. Fed on the UI thread by {@link #update} with the engine's
 * records; knows nothing of nodes.
 */
public final class OutputCardViewModel {
    /** Seconds of bitrate history the sparkline shows. */
    public static final int HISTORY_SECONDS = 60;

    private final String name;
    private final String title;
    private final StudioIcon icon;
    private final boolean network;
    private final Consumer<String> retry;

    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("OFF");
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper urlText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper kbpsText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper queueText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper droppedText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper reconnectsText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyObjectWrapper<List<Double>> sparkline = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyBooleanWrapper retryVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper configured = new ReadOnlyBooleanWrapper(false);
    private final ArrayDeque<Double> history = new ArrayDeque<>();
    private double lastSampleT = -1;
    private OutputState state = OutputState.IDLE;

    public OutputCardViewModel(String name, String title, StudioIcon icon, boolean network, Consumer<String> retry) {
        this.name = name;
        this.title = title;
        this.icon = icon;
        this.network = network;
        this.retry = retry;
        configure(null);
    }

    public String name() { return name; }
    public String title() { return title; }
    public StudioIcon icon() { return icon; }
    public OutputState state() { return state; }

    /**
     * Off air: shows where this output would go ({@code maskedTarget}, already masked), or that it
     * is not set up (null).
     */
    public void configure(String maskedTarget) {
        boolean on = maskedTarget != null;
        configured.set(on);
        urlText.set(on ? Secrets.mask(maskedTarget) : "");
        if (state.isActive()) return; // the live figures win while the broadcast runs
        state = OutputState.IDLE;
        stateText.set(on ? "READY" : "OFF");
        health.set(Css.HEALTH_IDLE);
        detailText.set(on ? (network ? "goes live with Go Live" : "records with Go Live")
                : network ? "not set up: add a server and stream key in Settings" : "off: turn recording on in Settings");
        retryVisible.set(false);
    }

    /** A new broadcast starts: forget the last one's history. */
    public void reset() {
        history.clear();
        lastSampleT = -1;
        sparkline.set(List.of());
        kbpsText.set("–");
        queueText.set("–");
        droppedText.set("–");
        reconnectsText.set("–");
    }

    /**
     * @param status the output's status now
     * @param stats  its figures of the last second (null in the first second)
     * @param t      the snapshot's time, so the sparkline gains one point per second, not per update
     */
    public void update(OutputStatus status, StatsSnapshot.OutputStats stats, double t) {
        if (status == null) return;
        state = status.state();
        urlText.set(Secrets.mask(status.url()));
        boolean congested = stats != null && stats.congested() && status.state() == OutputState.LIVE;
        stateText.set(status.state().name());
        health.set(healthOf(status.state(), congested));
        detailText.set(describe(status, stats));
        retryVisible.set(status.state() == OutputState.RECONNECTING || status.state() == OutputState.FAILED);
        queueText.set(Format.millis(stats != null && network ? Math.max(status.queueMs(), stats.backlogMs()) : status.queueMs()));
        droppedText.set(Long.toString(status.droppedFrames()));
        reconnectsText.set(Integer.toString(status.reconnects()));
        if (stats != null) {
            kbpsText.set(Format.kbps(stats.kbps()));
            if (t > lastSampleT) {
                lastSampleT = t;
                history.addLast(stats.kbps());
                while (history.size() > HISTORY_SECONDS) history.removeFirst();
                sparkline.set(List.copyOf(history));
            }
        }
    }

    static String healthOf(OutputState s, boolean congested) {
        return switch (s) {
            case LIVE -> congested ? Css.HEALTH_WARN : Css.HEALTH_OK;
            case CONNECTING -> Css.HEALTH_ACTIVE;
            case RECONNECTING -> Css.HEALTH_WARN;
            case FAILED -> Css.HEALTH_BAD;
            case IDLE, STOPPED -> Css.HEALTH_IDLE;
        };
    }

    /** The state's reason as a host reads it: "reconnecting in 1.2 s (attempt 3)", "failed: why". */
    String describe(OutputStatus st, StatsSnapshot.OutputStats stats) {
        String reason = Format.reason(st.reason());
        return switch (st.state()) {
            case IDLE -> "waiting to start";
            case CONNECTING -> "connecting";
            case LIVE -> {
                if (stats != null && stats.congested()) {
                    yield "live, but falling behind: " + Format.millis(stats.backlogMs()) + " queued";
                }
                yield network ? "live" : "recording";
            }
            case RECONNECTING -> (st.retryInMillis() > 0
                    ? "reconnecting in " + Format.seconds(st.retryInMillis()) : "reconnecting now")
                    + " (attempt " + st.attempt() + ")" + (reason == null || reason.isBlank() ? "" : "\nlost: " + reason);
            case FAILED -> "failed: " + (reason == null || reason.isBlank() ? "unknown reason" : reason);
            case STOPPED -> "stopped";
        };
    }

    public void retryNow() { retry.accept(name); }

    public ReadOnlyStringProperty stateTextProperty() { return stateText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty healthProperty() { return health.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailTextProperty() { return detailText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty urlTextProperty() { return urlText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty kbpsTextProperty() { return kbpsText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty queueTextProperty() { return queueText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty droppedTextProperty() { return droppedText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reconnectsTextProperty() { return reconnectsText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<List<Double>> sparklineProperty() { return sparkline.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty retryVisibleProperty() { return retryVisible.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty configuredProperty() { return configured.getReadOnlyProperty(); }

    @Override public String toString() {
        return String.format(Locale.ROOT, "%s[%s: %s]", name, stateText.get(), detailText.get());
    }
}
