package io.castline.app.planner;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One planner input: what the host typed, and why it cannot be used (empty when it can, or when nothing is typed yet). */
public final class PlannerField {
    private final StringProperty value = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    PlannerField(String initial) {
        value.set(initial == null ? "" : initial);
    }

    public StringProperty valueProperty() { return value; }
    public String value() { return value.get() == null ? "" : value.get(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String error() { return error.get(); }

    void setError(String message) { error.set(message == null ? "" : message); }
}
