package io.castline.app.testingest;

import io.castline.app.engine.ReceivedStream;
import io.castline.app.ui.Format;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in local test, as the studio shows it: a banner while no destination is configured
 * (Go Live then streams to receivers on this computer), and after End Live what each receiver got,
 * in words a host reads. Knows nothing of nodes.
 */
public final class LocalTestViewModel {
    /** What an output card shows as its target while the local test is the destination. */
    public static final String TARGET = "local test receiver on 127.0.0.1 (this computer)";

    /** One line of a result: {@code key} names it for the view's ids (codec, size, fps, keyframes, bitrate, audio, received). */
    public record Row(String key, String label, String value) {}

    /** What one output's receiver got: a title, where it went (masked), the rows, or the problem. */
    public record Result(String output, String title, String url, List<Row> rows, String problem) {
        public boolean ok() { return problem == null; }
    }

    /** The results of one local test; identity-equal only, so the view shows each End Live's report. */
    public static final class Report {
        private final List<Result> results;

        Report(List<Result> results) { this.results = List.copyOf(results); }

        public List<Result> results() { return results; }
    }

    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Report> report = new ReadOnlyObjectWrapper<>();

    /** @param noDestination true when the profile has neither a primary nor a backup destination */
    public void configure(boolean noDestination) {
        if (live.get()) return; // the running test keeps its banner; the new settings apply at the next Go Live
        active.set(noDestination);
        updateBanner();
    }

    /** A broadcast started; {@code localTest} says whether it goes to the local receivers. */
    public void started(boolean localTest) {
        live.set(localTest);
        if (localTest) active.set(true);
        updateBanner();
    }

    /** The broadcast ended (or failed to start); {@code received} is the engine's report, null if none. */
    public void ended(List<ReceivedStream> received) {
        live.set(false);
        updateBanner();
        if (received == null) return;
        report.set(new Report(received.stream().map(LocalTestViewModel::result).toList()));
    }

    private void updateBanner() {
        bannerText.set(live.get()
                ? "Local test: nothing leaves this computer. Primary and backup stream to built-in receivers on "
                + "127.0.0.1; End Live shows what arrived."
                : "Local test: no destination is set, so Go Live streams to built-in receivers on this computer "
                + "(nothing leaves it) and shows what arrived. Add a server and stream key in Settings to broadcast.");
    }

    static Result result(ReceivedStream r) {
        String title = title(r.output());
        if (!r.ok()) return new Result(r.output(), title, r.url(), List.of(), r.problem());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("codec", "Video codec", r.videoCodec() + (r.videoProfile() == null || r.videoProfile().isBlank()
                ? "" : " (" + r.videoProfile() + ")")));
        rows.add(new Row("size", "Size", r.width() + "×" + r.height()));
        rows.add(new Row("fps", "Frame rate", fps(r.fps())));
        rows.add(new Row("keyframes", "Keyframes", keyframes(r)));
        rows.add(new Row("bitrate", "Video bitrate", Double.isNaN(r.videoKbps()) ? "unknown" : Format.kbps(r.videoKbps())));
        rows.add(new Row("audio", "Audio", audio(r)));
        rows.add(new Row("received", "Received", received(r)));
        return new Result(r.output(), title, r.url(), List.copyOf(rows), null);
    }

    static String fps(double fps) {
        return Double.isNaN(fps) ? "unknown" : String.format(Locale.ROOT, "%.2f fps", fps);
    }

    /** "every 60 frames (2.00 s)", or why the spacing is unknown. */
    static String keyframes(ReceivedStream r) {
        if (r.keyframeFrames() == null) {
            return r.keyframes() == 0 ? "none arrived"
                    : "only 1 keyframe in " + r.videoFrames() + " frames: stay live longer to see the spacing";
        }
        String seconds = r.keyframeSeconds() == null ? "" : String.format(Locale.ROOT, " (%.2f s)", r.keyframeSeconds());
        return "every " + r.keyframeFrames() + " frames" + seconds;
    }

    static String audio(ReceivedStream r) {
        if (r.audioCodec() == null) return "none";
        String channels = switch (r.audioChannels()) {
            case 0 -> "";
            case 1 -> ", mono";
            case 2 -> ", stereo";
            default -> ", " + r.audioChannels() + " channels";
        };
        return r.audioCodec() + (r.audioSampleRate() > 0 ? ", " + r.audioSampleRate() + " Hz" : "") + channels;
    }

    static String received(ReceivedStream r) {
        String seconds = Double.isNaN(r.durationSeconds()) ? "" : String.format(Locale.ROOT, "%.1f s, ", r.durationSeconds());
        return seconds + r.videoFrames() + " frames, " + Format.bytes(r.fileBytes());
    }

    private static String title(String output) {
        return output.isEmpty() ? output : Character.toUpperCase(output.charAt(0)) + output.substring(1);
    }

    public ReadOnlyBooleanProperty activeProperty() { return active.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty liveProperty() { return live.getReadOnlyProperty(); }
    public ReadOnlyStringProperty bannerTextProperty() { return bannerText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Report> reportProperty() { return report.getReadOnlyProperty(); }
}
