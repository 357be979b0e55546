package io.castline.app.ui;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** The building blocks of the studio's forms (Settings, the planner) and its panels' wrapped texts. */
public final class Forms {
    private Forms() {}

    /** Two columns: labels 150 px wide, fields taking the rest. */
    public static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(4);
        ColumnConstraints label = new ColumnConstraints(150);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(label, field);
        return g;
    }

    /** A label that wraps, with an id and a style class, its text set later (or bound). */
    public static Label wrapped(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        return l;
    }

    /** Explanatory small print under a form. */
    public static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Css.HINT);
        l.setWrapText(true);
        return l;
    }

    /** A field's error in red under it, shown (and taking space) only while {@code shown}. */
    public static Label fieldError(String id, ObservableStringValue error, ObservableBooleanValue shown) {
        Label l = wrapped(id, Css.FIELD_ERROR);
        l.textProperty().bind(error);
        l.visibleProperty().bind(shown);
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
