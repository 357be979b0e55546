package io.castline.app.engine;

import io.castline.engine.output.OutputStatus;
import io.castline.engine.stats.StatsSnapshot;

import java.util.List;

/**
 * What the studio shows at one moment, built off the UI thread from the engine's own immutable
 * records. {@code program} and {@code channels} describe the running program (compositor and
 * mixer), on air or not: null and empty before it runs; {@code live} is null when no broadcast
 * runs; {@code atSeconds} is when the frame was made, on a monotonic clock (System.nanoTime), so
 * that how long a condition has lasted is measured however late the UI thread takes the frame.
 */
public record EngineFrame(ProcessLoad.Sample process, ProgramStats program, List<Channel> channels, Live live,
                          double atSeconds) {
    public EngineFrame {
        channels = List.copyOf(channels);
    }

    /** A frame off air. */
    public EngineFrame(ProcessLoad.Sample process, ProgramStats program, List<Channel> channels, double atSeconds) {
        this(process, program, channels, null, atSeconds);
    }

    /**
     * The program now: canvases made a second (over the last second or more; null during the
     * program's first second), the canvas rate, frames missed and skipped since it started, and
     * why a source gives nothing ("no signal: …"; null while it delivers).
     */
    public record ProgramStats(Double fps, int canvasFps, long lagged, long skipped, String videoProblem,
                               String audioProblem, Selling selling) {
        public ProgramStats(Double fps, int canvasFps, long lagged, long skipped, String videoProblem, String audioProblem) {
            this(fps, canvasFps, lagged, skipped, videoProblem, audioProblem, Selling.NONE);
        }

        public ProgramStats(Double fps, int canvasFps, long lagged, long skipped) {
            this(fps, canvasFps, lagged, skipped, null, null);
        }
    }

    /**
     * The program's countdowns now: the frame the clock draws next and each countdown's state (its
     * figures are in frames of that clock), so the dock shows the time on the picture whoever
     * started it (a hotkey, a cue, the remote). The pin is the products dock's own: every pin in
     * the studio goes through it.
     */
    public record Selling(long frame, int fps, java.util.Map<String, io.castline.engine.commerce.Countdown> countdowns) {
        public static final Selling NONE = new Selling(0, 30, java.util.Map.of());

        public Selling {
            countdowns = java.util.Map.copyOf(countdowns);
        }
    }

    /**
     * @param onAirSeconds     time on air: since this broadcast started (Go Live), not since the
     *                         program (and its media clock) started
     * @param stats            the last per-second snapshot; null during the first second
     * @param outputs          every output's status now (fresher than the snapshot: state, retry countdown)
     * @param pipelineFailure  why the encoder/compositor/mixer stopped, or null
     */
    public record Live(double onAirSeconds, StatsSnapshot stats, List<OutputStatus> outputs,
                       String pipelineFailure, boolean allOutputsFailed) {
        public Live {
            outputs = List.copyOf(outputs);
        }

        public OutputStatus output(String name) {
            return outputs.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
        }

        public StatsSnapshot.OutputStats outputStats(String name) {
            if (stats == null) return null;
            return stats.outputs().stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** One mixer channel: levels of its last tick in dBFS (-120 = silence), after gain. */
    public record Channel(String name, double peakDbfs, double rmsDbfs, boolean muted, double gain) {}
}
