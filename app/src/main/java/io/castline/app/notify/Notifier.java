package io.castline.app.notify;

/** Shows notices to the host (a ControlsFX popup in the studio; a list in tests). UI thread only. */
@FunctionalInterface
public interface Notifier {
    void show(Notice notice);
}
