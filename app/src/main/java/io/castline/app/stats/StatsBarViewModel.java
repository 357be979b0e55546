package io.castline.app.stats;

import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.ProcessLoad;
import io.castline.app.ui.Css;
import io.castline.app.ui.Format;
import io.castline.engine.stats.StatsSnapshot;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Locale;

/**
 * The bottom bar: is this machine keeping up? CPU and memory of the process, the encoder's frame
 * rate against the canvas rate (off air: the program's), frames the compositor rendered late
 * (lagged) or could not hand to a busy encoder (skipped), and frames the network outputs dropped.
 */
public final class StatsBarViewModel {
    /** Below this share of the canvas rate the encoder is not keeping up. */
    static final double FPS_WARN_SHARE = 0.95;
    static final double CPU_WARN_PCT = 85;

    private final ReadOnlyStringWrapper cpuText = new ReadOnlyStringWrapper("CPU –");
    private final ReadOnlyStringWrapper cpuHealth = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private final ReadOnlyStringWrapper memoryText = new ReadOnlyStringWrapper("RAM –");
    private final ReadOnlyStringWrapper fpsText = new ReadOnlyStringWrapper("– fps");
    private final ReadOnlyStringWrapper fpsHealth = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private final ReadOnlyStringWrapper framesText = new ReadOnlyStringWrapper("lagged – · skipped –");
    private final ReadOnlyStringWrapper framesHealth = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private final ReadOnlyStringWrapper droppedText = new ReadOnlyStringWrapper("dropped (network) –");
    private final ReadOnlyStringWrapper droppedHealth = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private long lastLaggedSkipped = -1;
    private long lastDropped = -1;
    private long lastProgramLate = -1;

    public void updateProcess(ProcessLoad.Sample p) {
        if (p == null) return;
        cpuText.set(p.cpuPct() == null ? "CPU –" : String.format(Locale.ROOT, "CPU %.0f%%", p.cpuPct()));
        cpuHealth.set(p.cpuPct() != null && p.cpuPct() > CPU_WARN_PCT ? Css.HEALTH_WARN : Css.HEALTH_IDLE);
        memoryText.set("RAM " + Format.bytes(p.rssBytes()));
    }

    /**
     * Off air: the program's own rate and missed frames, so the host sees before going live whether
     * this machine keeps up with the canvas (as OBS shows its FPS at all times). Skipped frames
     * only happen while encoding.
     */
    public void updateProgram(EngineFrame.ProgramStats p) {
        if (p == null) {
            fpsText.set("– fps");
            fpsHealth.set(Css.HEALTH_IDLE);
            return;
        }
        if (p.fps() == null) return;
        fpsText.set(String.format(Locale.ROOT, "%.1f / %d fps", p.fps(), p.canvasFps()));
        fpsHealth.set(p.fps() < p.canvasFps() * FPS_WARN_SHARE ? Css.HEALTH_WARN : Css.HEALTH_IDLE);
        framesText.set("lagged " + p.lagged() + " · skipped " + p.skipped());
        long lateOrSkipped = p.lagged() + p.skipped();
        framesHealth.set(lastProgramLate >= 0 && lateOrSkipped > lastProgramLate ? Css.HEALTH_WARN : Css.HEALTH_IDLE);
        lastProgramLate = lateOrSkipped;
    }

    /** Live: the last per-second snapshot. */
    public void update(StatsSnapshot s) {
        if (s == null) return;
        int target = s.encoder().fps();
        fpsText.set(String.format(Locale.ROOT, "%.1f / %d fps", s.fps(), target));
        // the first second's rate is partial: judge from the second one on
        fpsHealth.set(s.t() < 2 ? Css.HEALTH_IDLE : s.fps() < target * FPS_WARN_SHARE ? Css.HEALTH_WARN : Css.HEALTH_OK);
        long lateOrSkipped = s.frames().lagged() + s.frames().skipped();
        framesText.set("lagged " + s.frames().lagged() + " · skipped " + s.frames().skipped());
        framesHealth.set(lastLaggedSkipped >= 0 && lateOrSkipped > lastLaggedSkipped ? Css.HEALTH_WARN
                : lateOrSkipped > 0 ? Css.HEALTH_IDLE : Css.HEALTH_OK);
        lastLaggedSkipped = lateOrSkipped;
        long dropped = s.outputs().stream().filter(StatsSnapshot.OutputStats::network)
                .mapToLong(StatsSnapshot.OutputStats::droppedFrames).sum();
        droppedText.set("dropped (network) " + dropped);
        droppedHealth.set(lastDropped >= 0 && dropped > lastDropped ? Css.HEALTH_WARN
                : dropped > 0 ? Css.HEALTH_IDLE : Css.HEALTH_OK);
        lastDropped = dropped;
    }

    /** Off air again: keep the last figures readable but uncoloured. */
    public void offAir() {
        fpsHealth.set(Css.HEALTH_IDLE);
        framesHealth.set(Css.HEALTH_IDLE);
        droppedHealth.set(Css.HEALTH_IDLE);
        lastLaggedSkipped = -1;
        lastDropped = -1;
    }

    public ReadOnlyStringProperty cpuTextProperty() { return cpuText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty cpuHealthProperty() { return cpuHealth.getReadOnlyProperty(); }
    public ReadOnlyStringProperty memoryTextProperty() { return memoryText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty fpsTextProperty() { return fpsText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty fpsHealthProperty() { return fpsHealth.getReadOnlyProperty(); }
    public ReadOnlyStringProperty framesTextProperty() { return framesText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty framesHealthProperty() { return framesHealth.getReadOnlyProperty(); }
    public ReadOnlyStringProperty droppedTextProperty() { return droppedText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty droppedHealthProperty() { return droppedHealth.getReadOnlyProperty(); }
}
