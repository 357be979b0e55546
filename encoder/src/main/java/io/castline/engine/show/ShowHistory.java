package io.castline.engine.show;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Undo and redo of every edit to a show. A show is immutable, so the history is the shows before
 * (and after) each edit, with what the edit was called ("Move layer"). Edits with the same
 * {@code mergeKey} in a row (a drag sends dozens of moves) are one step. Not thread-safe: one
 * owner (the studio's UI thread); listeners are told on that thread.
 */
public final class ShowHistory {
    /** Steps kept; older ones are forgotten. */
    public static final int LIMIT = 200;

    private record Step(String label, Show before, Show after) {}

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final List<Consumer<Show>> listeners = new CopyOnWriteArrayList<>();
    private Show current;
    private Object openMergeKey;

    public ShowHistory(Show initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public Show current() { return current; }

    /** Applies an edit; an edit that changes nothing is no step. Returns the new show. */
    public Show apply(String label, UnaryOperator<Show> edit) {
        return apply(label, null, edit);
    }

    /**
     * Applies an edit that is merged with the previous one when both have the same non-null
     * {@code mergeKey} and nothing else happened between (undoing it goes back to before the first).
     */
    public Show apply(String label, Object mergeKey, UnaryOperator<Show> edit) {
        Show next = edit.apply(current);
        if (next.equals(current)) return current;
        if (mergeKey != null && mergeKey.equals(openMergeKey) && !undo.isEmpty()) {
            Step last = undo.pop();
            undo.push(new Step(last.label(), last.before(), next));
        } else {
            undo.push(new Step(label, current, next));
            while (undo.size() > LIMIT) undo.removeLast();
        }
        openMergeKey = mergeKey;
        redo.clear();
        set(next);
        return next;
    }

    /** Ends the current merge (a drag was released): the next edit is a step of its own. */
    public void endMerge() { openMergeKey = null; }

    public boolean canUndo() { return !undo.isEmpty(); }
    public boolean canRedo() { return !redo.isEmpty(); }

    /** What Undo would undo ("Move layer"), or null. */
    public String undoLabel() { return undo.isEmpty() ? null : undo.peek().label(); }
    public String redoLabel() { return redo.isEmpty() ? null : redo.peek().label(); }

    public Show undo() {
        if (undo.isEmpty()) return current;
        Step s = undo.pop();
        redo.push(s);
        openMergeKey = null;
        set(s.before());
        return current;
    }

    public Show redo() {
        if (redo.isEmpty()) return current;
        Step s = redo.pop();
        undo.push(s);
        openMergeKey = null;
        set(s.after());
        return current;
    }

    /** Starts again from {@code show} (a show opened from a file), with no history. */
    public void reset(Show show) {
        undo.clear();
        redo.clear();
        openMergeKey = null;
        set(show);
    }

    public void addListener(Consumer<Show> listener) { listeners.add(listener); }

    private void set(Show show) {
        current = show;
        for (Consumer<Show> l : listeners) l.accept(show);
    }
}
