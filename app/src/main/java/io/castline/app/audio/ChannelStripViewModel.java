package io.castline.app.audio;

import io.castline.app.engine.EngineFrame;
import io.castline.app.ui.Css;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

import java.util.Locale;

/**
 * One mixer channel: peak and RMS meters on a dBFS scale, mute, and gain in dB. Gain and mute are
 * the user's (writable properties); every change goes to the engine at once, and the engine keeps
 * them for the next broadcast too.
 */
public final class ChannelStripViewModel {
    /** How the engine begins a source's problem when it gives nothing. */
    static final String NO_SIGNAL = "no signal:";
    /** The meters' floor: quieter than this reads as silence. */
    public static final double FLOOR_DB = -60;
    public static final double MIN_GAIN_DB = -30;
    public static final double MAX_GAIN_DB = 12;
    /** Peaks above this are about to clip: the meter turns red. */
    static final double CLIP_WARN_DB = -1;

    private final String name;
    private final String label;
    private final ReadOnlyDoubleWrapper peak = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper rms = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper peakText = new ReadOnlyStringWrapper("-∞ dB");
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private final DoubleProperty gainDb = new SimpleDoubleProperty(0);
    private final BooleanProperty muted = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper gainText = new ReadOnlyStringWrapper("+0.0 dB");
    private final ReadOnlyStringWrapper signalText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper signalDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper noSignal = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper signalHealth = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);

    public interface Control {
        void setGain(String channel, double linear);

        void setMuted(String channel, boolean muted);
    }

    public ChannelStripViewModel(String name, String label, Control control) {
        this.name = name;
        this.label = label;
        gainDb.addListener((o, a, b) -> {
            gainText.set(String.format(Locale.ROOT, "%+.1f dB", b.doubleValue()));
            control.setGain(name, linear(b.doubleValue()));
        });
        muted.addListener((o, a, b) -> control.setMuted(name, b));
    }

    public String name() { return name; }
    public String label() { return label; }

    public void update(EngineFrame.Channel ch) {
        peak.set(fraction(ch.peakDbfs()));
        rms.set(fraction(ch.rmsDbfs()));
        peakText.set(ch.muted() ? "muted" : ch.peakDbfs() <= FLOOR_DB ? "-∞ dB" : String.format(Locale.ROOT, "%.0f dB", ch.peakDbfs()));
        health.set(ch.muted() ? Css.HEALTH_IDLE : ch.peakDbfs() > CLIP_WARN_DB ? Css.HEALTH_BAD
                : ch.peakDbfs() > FLOOR_DB ? Css.HEALTH_OK : Css.HEALTH_IDLE);
    }

    /**
     * Why the channel's source gives nothing ("no signal: cannot open default: …"), or null while
     * it delivers. A dead source stays visible on the strip (a toast goes after a few seconds, and
     * "-∞ dB" alone reads like silence), and the warning goes when sound comes again.
     */
    public void showProblem(String problem) {
        if (problem == null) {
            signalText.set("");
            signalDetail.set("");
            noSignal.set(false);
            signalHealth.set(Css.HEALTH_IDLE);
        } else if (problem.startsWith(NO_SIGNAL)) {
            signalText.set("No signal from " + label);
            String reason = problem.substring(NO_SIGNAL.length()).trim();
            if (reason.isEmpty()) reason = "it gives nothing";
            signalDetail.set(Character.toUpperCase(reason.charAt(0)) + reason.substring(1)
                    + ". Castline tries to reopen it every few seconds; the stream carries silence meanwhile. "
                    + "Check the cable and that no other app uses it, or choose another audio source in Settings.");
            noSignal.set(true);
            signalHealth.set(Css.HEALTH_WARN);
        } else { // the engine's "starting": the device is being opened
            signalText.set("Opening " + label + "…");
            signalDetail.set("Waiting for the first sound from " + label + ".");
            noSignal.set(false);
            signalHealth.set(Css.HEALTH_IDLE);
        }
    }

    public void silence() {
        peak.set(0);
        rms.set(0);
        peakText.set("-∞ dB");
        health.set(Css.HEALTH_IDLE);
    }

    /** dBFS → 0..1 of the meter (linear in dB from the floor to 0 dBFS). */
    static double fraction(double dbfs) {
        if (dbfs <= FLOOR_DB) return 0;
        return Math.min(1, (dbfs - FLOOR_DB) / -FLOOR_DB);
    }

    static double linear(double db) { return Math.pow(10, db / 20); }

    public ReadOnlyDoubleProperty peakProperty() { return peak.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty rmsProperty() { return rms.getReadOnlyProperty(); }
    public ReadOnlyStringProperty peakTextProperty() { return peakText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty healthProperty() { return health.getReadOnlyProperty(); }
    public ReadOnlyStringProperty gainTextProperty() { return gainText.getReadOnlyProperty(); }
    /** "No signal from Microphone (default)", "Opening …", or empty while the source delivers. */
    public ReadOnlyStringProperty signalTextProperty() { return signalText.getReadOnlyProperty(); }
    /** The reason behind {@link #signalTextProperty()}, and what to do (the warning's tooltip). */
    public ReadOnlyStringProperty signalDetailProperty() { return signalDetail.getReadOnlyProperty(); }
    /** True while the source cannot be opened or sends nothing (the warning is shown as one). */
    public ReadOnlyBooleanProperty noSignalProperty() { return noSignal.getReadOnlyProperty(); }
    /** {@code Css.HEALTH_WARN} while there is no signal, else idle (the warning's colour). */
    public ReadOnlyStringProperty signalHealthProperty() { return signalHealth.getReadOnlyProperty(); }
    public DoubleProperty gainDbProperty() { return gainDb; }
    public BooleanProperty mutedProperty() { return muted; }
}
