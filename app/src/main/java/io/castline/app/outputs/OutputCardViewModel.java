package io.castline.app.outputs;

import io.castline.app.ui.Css;
import io.castline.app.ui.Format;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.destination.Secrets;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.RecordingStatus;
import io.castline.engine.stats.StatsSnapshot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One output card (primary, backup or recording): the output's state and its reason in words, its
 * figures and a minute of its bitrate. Fed on the UI thread by {@link #update} with the engine's
 * records; knows nothing of nodes. A recording's card names its files from the engine's
 * {@link RecordingStatus} (the file being written, what a write error kept and where it goes on,
 * every file at the end) and offers to show their folder.
 */
public final class OutputCardViewModel {
    /** Seconds of bitrate history the sparkline shows. */
    public static final int HISTORY_SECONDS = 60;

    private final String name;
    private final String title;
    private final StudioIcon icon;
    private final boolean network;
    private final Consumer<String> retry;
    private final Consumer<Path> showFolder;

    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("OFF");
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private final ReadOnlyStringWrapper detailText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper urlText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper urlTip = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
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
        this(name, title, icon, network, retry, dir -> { });
    }

    /** @param showFolder opens a recording's folder in the system's file manager */
    public OutputCardViewModel(String name, String title, StudioIcon icon, boolean network, Consumer<String> retry,
                               Consumer<Path> showFolder) {
        this.name = name;
        this.title = title;
        this.icon = icon;
        this.network = network;
        this.retry = retry;
        this.showFolder = showFolder;
        configure(null);
    }

    public String name() { return name; }
    /** A network output (else a recording). */
    public boolean network() { return network; }
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
        if (state.isActive()) return; // the live figures win while the broadcast runs
        urlText.set(on ? Secrets.mask(maskedTarget) : "");
        urlTip.set(on ? (network ? Secrets.mask(maskedTarget) : "Each Go Live records to a new file: " + maskedTarget) : "");
        folder.set(null);
        state = OutputState.IDLE;
        stateText.set(on ? "READY" : "OFF");
        health.set(Css.HEALTH_IDLE);
        detailText.set(on ? (network ? "goes live with Go Live" : "records with Go Live")
                : network ? "not set up: add a server and stream key in Settings" : "off: turn recording on in Settings");
        retryVisible.set(false);
    }

    /**
     * The recording's card off air: where Record (or Go Live) writes, and which of them starts it.
     *
     * @param withGoLive every Go Live records too (Settings)
     */
    public void configureRecording(String target, boolean withGoLive) {
        configure(target);
        if (state.isActive() || state == OutputState.STOPPED) return;
        stateText.set(withGoLive ? "READY" : "OFF");
        detailText.set(withGoLive ? "records with Go Live, or on its own with Record" : "Record starts it, live or not "
                + "(Settings can make every Go Live record)");
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
        RecordingStatus rec = network ? null : status.recording();
        if (rec == null) {
            urlText.set(Secrets.mask(status.url()));
            urlTip.set(Secrets.mask(status.url()));
        } else {
            urlText.set(fileLine(rec));
            urlTip.set(fileTip(rec));
        }
        folder.set(rec == null || rec.files().isEmpty() ? null : rec.requested().getParent());
        boolean congested = stats != null && stats.congested() && status.state() == OutputState.LIVE;
        // a file has no connection to get back: a recording waiting for room (or a new file) is paused
        stateText.set(!network && status.state() == OutputState.RECONNECTING ? "PAUSED" : status.state().name());
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
        if (!network && st.recording() != null) return describeRecording(st, st.recording());
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

    /**
     * A recording in words from its files: "recording to show-2.mkv", what a write error kept and
     * that it goes on by itself (a file is never "reconnected"), every file once stopped.
     */
    private static String describeRecording(OutputStatus st, RecordingStatus rec) {
        String kept = rec.finished().isEmpty() ? "" : "kept " + Format.files(rec.finished());
        return switch (st.state()) {
            case IDLE -> "waiting to start";
            case CONNECTING -> "opening the file";
            case LIVE -> {
                String to = "recording to " + fileName(rec.current());
                if (!kept.isEmpty()) yield to + "\nafter a write error; " + kept;
                if (rec.current() != null && !rec.current().equals(rec.requested())) {
                    yield to + "\n" + fileName(rec.requested()) + " exists and is left as it was";
                }
                yield to;
            }
            case RECONNECTING -> {
                String when = st.retryInMillis() > 0 ? " (next look in " + Format.seconds(st.retryInMillis()) + ")" : "";
                String head = rec.diskFull() ? "disk full: waiting for free space" + when
                        : "write error: going on in a new file" + when;
                String goesOn = rec.next() == null ? "" : (kept.isEmpty() ? "" : "; ") + "goes on in " + fileName(rec.next())
                        + (rec.diskFull() ? " when there is room" : "");
                yield head + (rec.problem() == null ? "" : "\n" + Format.reason(rec.problem()))
                        + (kept.isEmpty() && goesOn.isEmpty() ? "" : "\n" + kept + goesOn);
            }
            case FAILED -> "failed: " + (rec.problem() == null ? Format.reason(st.reason()) : Format.reason(rec.problem())
                    + (kept.isEmpty() ? "" : "\n" + kept));
            case STOPPED -> rec.finished().isEmpty() ? "stopped: nothing recorded"
                    : "stopped; recorded " + (rec.finished().size() == 1 ? Format.files(rec.finished())
                    : rec.finished().size() + " files:\n" + String.join("\n", rec.finished().stream()
                    .map(Format::file).toList()));
        };
    }

    /**
     * The line under the reason: where the files go ("in /x"; "2 files in /x" once stopped). The
     * reason above names the files; the tooltip has every full path.
     */
    private static String fileLine(RecordingStatus rec) {
        Path dir = rec.requested().getParent();
        if (rec.current() == null && rec.finished().size() > 1) return rec.finished().size() + " files in " + dir;
        return "in " + dir;
    }

    /** The full paths, one a line. */
    private static String fileTip(RecordingStatus rec) {
        StringBuilder sb = new StringBuilder();
        for (RecordingStatus.RecordedFile f : rec.finished()) sb.append(sb.isEmpty() ? "" : "\n").append(f.file());
        if (rec.current() != null) sb.append(sb.isEmpty() ? "" : "\n").append("recording to ").append(rec.current());
        else if (rec.next() != null) sb.append(sb.isEmpty() ? "" : "\n").append("next: ").append(rec.next());
        return sb.isEmpty() ? rec.requested().toString() : sb.toString();
    }

    private static String fileName(Path p) {
        return p == null ? "" : String.valueOf(p.getFileName());
    }

    public void retryNow() { retry.accept(name); }

    /** The label under the reconnects figure: for a file, the write errors it went on after. */
    public String reconnectsLabel() { return network ? "reconnects" : "write errors"; }

    /** What Retry now does here: a file has no connection, it starts a new file (when there is room). */
    public String retryTip() {
        return network ? "Try to connect again now instead of waiting" : "Try again now: a new file, if the disk has room";
    }

    /** Opens the folder of this recording's files (the button shows while there is a file). */
    public void showFolder() {
        Path dir = folder.get();
        if (dir != null) showFolder.accept(dir);
    }

    public ReadOnlyStringProperty stateTextProperty() { return stateText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty healthProperty() { return health.getReadOnlyProperty(); }
    public ReadOnlyStringProperty detailTextProperty() { return detailText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty urlTextProperty() { return urlText.getReadOnlyProperty(); }
    /** The whole URL (masked) or the recording's full paths, for the line's tooltip. */
    public ReadOnlyStringProperty urlTipProperty() { return urlTip.getReadOnlyProperty(); }
    /** The folder of a recording's files once there is one, else null. */
    public ReadOnlyObjectProperty<Path> folderProperty() { return folder.getReadOnlyProperty(); }
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
