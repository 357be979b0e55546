package io.castline.app.studio;

import io.castline.app.engine.LivePlan;
import io.castline.app.engine.StudioEngine;
import io.castline.app.notify.Notice;
import io.castline.app.notify.Notifier;
import io.castline.app.notify.Reasons;
import io.castline.app.outputs.OutputCardViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Record / Stop recording and whether a recording runs: one started here goes on after End Live;
 * one that came with Go Live ends with it, or here. Failures become notices. UI thread.
 */
final class RecordingControl {
    private final StudioEngine engine;
    private final Notifier notifier;
    private final Executor uiThread;
    /** The recording as the settings say now: a new file name each time it is asked. */
    private final Supplier<LivePlan> plan;
    private final OutputCardViewModel card;
    /** A recording runs (started by Record, or by Go Live when every broadcast records). */
    private final ReadOnlyBooleanWrapper on = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    /** The recording was started by Record: End Live leaves it running. */
    private boolean onItsOwn;

    RecordingControl(StudioEngine engine, Notifier notifier, Executor uiThread, Supplier<LivePlan> plan,
                     OutputCardViewModel card) {
        this.engine = engine;
        this.notifier = notifier;
        this.uiThread = uiThread;
        this.plan = plan;
        this.card = card;
    }

    boolean isOn() { return on.get(); }

    ReadOnlyBooleanProperty onProperty() { return on.getReadOnlyProperty(); }

    ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /**
     * Record / Stop recording, live or not: into a new file in the recording folder of Settings,
     * with the program's encoder.
     *
     * @param live a broadcast runs: the card keeps its history, the recording joins that broadcast
     */
    void toggle(boolean live) {
        if (busy.get()) return;
        if (on.get()) {
            stop();
            return;
        }
        LivePlan plan = this.plan.get();
        if (!plan.ok()) {
            notifier.show(Notice.error("record", "Cannot record", String.join("\n", PreFlight.problemLines(plan))
                    + "\nWhat to do: fix it in Settings."));
            return;
        }
        busy.set(true);
        if (!live) card.reset();
        CompletableFuture<Void> started;
        try {
            started = engine.startRecording(plan);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenCompleteAsync((ok, error) -> {
            busy.set(false);
            if (error != null) {
                notifier.show(Notice.error("record", "Could not record", Reasons.of(error) + "."));
                return;
            }
            on.set(true);
            onItsOwn = true;
        }, uiThread);
    }

    private void stop() {
        busy.set(true);
        engine.stopRecording().whenCompleteAsync((ok, error) -> {
            busy.set(false);
            on.set(false);
            onItsOwn = false;
            if (error != null) notifier.show(Notice.error("record", "The recording did not end cleanly", Reasons.of(error)));
        }, uiThread);
    }

    /** Go Live started a broadcast that records. */
    void startedWithGoLive() { on.set(true); }

    /** End Live ended the broadcast: Go Live's recording with it, Record's goes on. */
    void broadcastEnded() {
        if (!onItsOwn) on.set(false);
    }
}
