package io.castline.app.preview;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.function.Consumer;

/**
 * The program preview's switch and what the empty screen says. Drawing the preview costs CPU (the
 * engine scales every frame, the renderer draws it; see {@code castline studio-bench}): on a weak
 * laptop the host can turn it off, as in OBS, and the stream and recording go on unchanged.
 */
public final class PreviewViewModel {
    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper toggleText = new ReadOnlyStringWrapper("");
    private int width = 1280;
    private int height = 720;

    /** {@code engineSwitch} turns the engine's preview scaling on or off. */
    public PreviewViewModel(Consumer<Boolean> engineSwitch) {
        enabled.addListener((o, a, on) -> {
            engineSwitch.accept(on);
            describe();
        });
        describe();
    }

    public void setCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        describe();
    }

    private void describe() {
        caption.set(enabled.get() ? width + " × " + height + " · the live preview appears here"
                : "Preview off · the stream and the recording go on as before");
        toggleText.set(enabled.get() ? "Turn the preview off (saves CPU; the stream is not affected)" : "Turn the preview on");
    }

    /** The user's switch (writable). */
    public BooleanProperty enabledProperty() { return enabled; }
    public ReadOnlyStringProperty captionProperty() { return caption.getReadOnlyProperty(); }
    public ReadOnlyStringProperty toggleTextProperty() { return toggleText.getReadOnlyProperty(); }
}
