package io.castline.app.studio;

import io.castline.app.ui.Format;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Where the broadcast is (off air, starting, live, ending) and what the top bar shows of it: the
 * Go Live button, the status line and the time on air. MainViewModel moves it; UI thread.
 */
final class LiveStatus {
    private final ReadOnlyObjectWrapper<LiveState> state = new ReadOnlyObjectWrapper<>(LiveState.OFF_AIR);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper timerText = new ReadOnlyStringWrapper(Format.clock(0));
    private final ReadOnlyBooleanWrapper timerOnAir = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper goLiveText = new ReadOnlyStringWrapper("Go Live");
    private final ReadOnlyBooleanWrapper goLiveDisabled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("Off air");

    LiveState state() { return state.get(); }

    /** Live or ending: a broadcast runs. */
    boolean isLive() { return live.get(); }

    void set(LiveState s, String status) {
        state.set(s);
        live.set(s == LiveState.LIVE || s == LiveState.ENDING);
        goLiveText.set(switch (s) {
            case OFF_AIR -> "Go Live";
            case STARTING -> "Starting…";
            case LIVE -> "End Live";
            case ENDING -> "Ending…";
        });
        goLiveDisabled.set(s == LiveState.STARTING || s == LiveState.ENDING);
        statusText.set(status);
        // time on air: from Go Live; 00:00:00 (dimmed by the view) off air, as OBS does
        timerOnAir.set(s == LiveState.LIVE || s == LiveState.ENDING);
        if (s == LiveState.STARTING || s == LiveState.OFF_AIR) timerText.set(Format.clock(0));
    }

    /** A broadcast's frame: its time on air, shown while live or ending; a recording's alone leaves 00:00:00. */
    void showTimeOnAir(double onAirSeconds) {
        if (state.get() == LiveState.LIVE || state.get() == LiveState.ENDING) timerText.set(Format.clock(onAirSeconds));
    }

    ReadOnlyObjectProperty<LiveState> stateProperty() { return state.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty liveProperty() { return live.getReadOnlyProperty(); }
    ReadOnlyStringProperty timerTextProperty() { return timerText.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty timerOnAirProperty() { return timerOnAir.getReadOnlyProperty(); }
    ReadOnlyStringProperty goLiveTextProperty() { return goLiveText.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty goLiveDisabledProperty() { return goLiveDisabled.getReadOnlyProperty(); }
    ReadOnlyStringProperty statusTextProperty() { return statusText.getReadOnlyProperty(); }
}
