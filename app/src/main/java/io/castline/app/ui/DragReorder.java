package io.castline.app.ui;

import javafx.css.PseudoClass;
import javafx.scene.control.ListCell;
import javafx.scene.input.MouseButton;

import java.util.function.BiConsumer;

/**
 * Reordering a list by dragging its rows (OBS's scenes and sources docks): press on a row, drag,
 * release on another; the row it lands on is marked while the pointer is over it. A press-drag-
 * release gesture within the window, not the system's drag and drop: nothing leaves the list, and
 * it behaves the same on every platform and headless.
 */
public final class DragReorder {
    /** The row a dragged row would land on. */
    public static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private DragReorder() {}

    /**
     * Lets {@code cell}'s row be dragged onto another row of the same list.
     *
     * @param moved told (from index, to index) when a row is released on another; an empty row
     *              below the last means the end of the list
     */
    public static <T> void install(ListCell<T> cell, BiConsumer<Integer, Integer> moved) {
        cell.setOnDragDetected(e -> {
            if (e.getButton() == MouseButton.PRIMARY && !cell.isEmpty()) cell.startFullDrag();
        });
        cell.setOnMouseDragEntered(e -> {
            if (isRowOfSameList(e.getGestureSource(), cell)) cell.pseudoClassStateChanged(DROP_TARGET, true);
        });
        cell.setOnMouseDragExited(e -> cell.pseudoClassStateChanged(DROP_TARGET, false));
        cell.setOnMouseDragReleased(e -> {
            cell.pseudoClassStateChanged(DROP_TARGET, false);
            if (!isRowOfSameList(e.getGestureSource(), cell)) return;
            int from = ((ListCell<?>) e.getGestureSource()).getIndex();
            int to = cell.isEmpty() ? cell.getListView().getItems().size() - 1 : cell.getIndex();
            if (from != to && from >= 0 && to >= 0) moved.accept(from, to);
            e.consume();
        });
    }

    private static boolean isRowOfSameList(Object source, ListCell<?> cell) {
        return source instanceof ListCell<?> c && c != cell && c.getListView() == cell.getListView() && !c.isEmpty();
    }
}
