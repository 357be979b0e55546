package io.castline.app.notify;

/** Shows notices to the host (a toast in the studio's window; a list in tests). UI thread only. */
@FunctionalInterface
public interface Notifier {
    /** Shows the notice; one already shown with the same key is replaced. */
    void show(Notice notice);

    /** The condition behind the notice with this key has ended: take it away if it is still shown. */
    default void withdraw(String key) {}
}
