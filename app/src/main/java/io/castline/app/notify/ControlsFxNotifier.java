package io.castline.app.notify;

import io.castline.engine.destination.Secrets;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Notices as ControlsFX popups in the window's lower right corner. Errors stay longer than
 * warnings: they usually need the host to act. Every notice is also logged.
 */
public final class ControlsFxNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(ControlsFxNotifier.class);
    private final Supplier<Window> owner;

    public ControlsFxNotifier(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override public void show(Notice n) {
        String text = Secrets.mask(n.text());
        switch (n.severity()) {
            case ERROR -> LOG.error("{}: {}", n.title(), text);
            case WARNING -> LOG.warn("{}: {}", n.title(), text);
            case INFO -> LOG.info("{}: {}", n.title(), text);
        }
        Window w = owner.get();
        if (w == null || !w.isShowing()) return;
        Notifications popup = Notifications.create()
                .owner(w)
                .title(n.title())
                .text(wrap(text, 64))
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(n.severity() == Notice.Severity.ERROR ? 20 : 10));
        switch (n.severity()) {
            case ERROR -> popup.showError();
            case WARNING -> popup.showWarning();
            case INFO -> popup.showInformation();
        }
    }

    /** The popup does not wrap long lines itself. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.split("\n")) {
            int col = 0;
            for (String word : paragraph.split(" ")) {
                if (col > 0 && col + word.length() + 1 > width) {
                    out.append('\n');
                    col = 0;
                } else if (col > 0) {
                    out.append(' ');
                    col++;
                }
                out.append(word);
                col += word.length();
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }
}
