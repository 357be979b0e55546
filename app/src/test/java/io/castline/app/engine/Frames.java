package io.castline.app.engine;

import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.RecordingStatus;
import io.castline.engine.stats.StatsSnapshot;

import java.nio.file.Path;
import java.util.List;

/** Builders of engine records for view-model tests. */
public final class Frames {
    private Frames() {}

    public static OutputStatus status(String name, OutputState state, String reason) {
        return status(name, state, reason, 0, 0, 0);
    }

    public static OutputStatus status(String name, OutputState state, String reason, int reconnects, int attempt,
                                      long retryInMillis) {
        return new OutputStatus(name, "rtmp://127.0.0.1:1935/live/••••", !name.equals("recording"), state, reason,
                1_000_000, 990_000, 12, 1000, 0, reconnects, attempt, retryInMillis);
    }

    /**
     * A recording's status as the engine makes it: {@code reason} in words and its files as
     * records ({@code rec}).
     */
    public static OutputStatus recording(OutputState state, String reason, RecordingStatus rec, int reconnects, long retryInMillis) {
        return new OutputStatus("recording", rec.requested().toString(), false, state, reason, 1_000_000, 990_000, 12, 1000, 0,
                reconnects, state == OutputState.RECONNECTING ? 1 : 0, retryInMillis, 0, rec);
    }

    /** A finished file of a recording. */
    public static RecordingStatus.RecordedFile file(Path file, long frames, double seconds, long bytes) {
        return new RecordingStatus.RecordedFile(file, frames, seconds, bytes);
    }

    public static StatsSnapshot.OutputStats stats(String name, String state, double kbps) {
        return new StatsSnapshot.OutputStats(name, "rtmp://127.0.0.1:1935/live/••••", state, "", !name.equals("recording"),
                kbps, 1_000_000, 12, 40, 0, 0, false, 0.3, 0.0, 50_000.0);
    }

    public static StatsSnapshot.Uplink uplink(double required, Double capacity, String verdict, String reason) {
        return new StatsSnapshot.Uplink(required, capacity, capacity == null ? null : "bandwidth test",
                capacity == null ? null : 100 * (capacity - required) / required,
                capacity == null ? null : 100 * required / capacity, 0.4, required, 2.7, verdict, reason);
    }

    public static StatsSnapshot snapshot(double t, double fps, long lagged, long skipped, StatsSnapshot.Uplink uplink,
                                         StatsSnapshot.OutputStats... outputs) {
        return new StatsSnapshot(t, fps, new StatsSnapshot.Frames((long) (t * 30), lagged, skipped, (long) (t * 30), 0.3),
                new StatsSnapshot.Encoder("x264", "medium", 2500, 2500, 1280, 720, 30),
                new StatsSnapshot.Audio(0, List.of()), List.of(outputs), uplink);
    }

    public static EngineFrame.Live live(double elapsed, StatsSnapshot stats, OutputStatus... outputs) {
        return new EngineFrame.Live(elapsed, stats, List.of(outputs), null, false);
    }

    public static EngineFrame.Live live(double elapsed, StatsSnapshot stats, List<OutputStatus> outputs) {
        return new EngineFrame.Live(elapsed, stats, outputs, null, false);
    }

    public static OutputState state(String s) { return OutputState.valueOf(s); }
}
