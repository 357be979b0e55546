package io.castline.app.settings;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One text setting: what the host typed, and why it cannot be used (empty when it can). */
public final class SettingsField {
    private final String name;
    private final StringProperty value = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    SettingsField(String name, String initial) {
        this.name = name;
        value.set(initial == null ? "" : initial);
    }

    /** The field's name as the engine names it in its problems (e.g. "bitrate", "primary-key"). */
    public String name() { return name; }
    public StringProperty valueProperty() { return value; }
    public String value() { return value.get() == null ? "" : value.get(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String error() { return error.get(); }

    void setError(String message) { error.set(message == null ? "" : message); }
}
