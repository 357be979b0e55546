package io.castline.app.notify;

import io.castline.app.ui.Css;
import io.castline.app.ui.StudioIcon;
import io.castline.engine.destination.Secrets;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notices as toasts in the lower right corner of the studio's body, above the stats bar (the
 * layer is laid over the panels only, so a toast can never cover the bar). A toast goes by itself
 * after a while (errors stay longer: they usually need the host to act), when its close button is
 * pressed, or when its condition's episode ends ({@link #withdraw}). A notice with the key of one
 * shown replaces it; at most {@value #MAX_SHOWN} are shown, the oldest go first. Every notice is
 * also logged. ControlsFX's notification popups were used before, but they can be neither placed
 * inside the window nor taken back. UI thread only.
 */
public final class ToastLayer extends VBox implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(ToastLayer.class);
    static final int MAX_SHOWN = 3;
    private static final double WIDTH = 380;

    private final Map<String, Toast> shown = new LinkedHashMap<>();

    public ToastLayer() {
        setId("toasts");
        getStyleClass().add(Css.TOASTS);
        setAlignment(Pos.BOTTOM_RIGHT);
        setSpacing(8);
        // the toasts' shadows (12 px, 4 down) must not reach the stats bar under the layer either
        setPadding(new Insets(12, 12, 18, 12));
        setFillWidth(false);
        // clicks between and around the toasts reach the panels under the layer
        setPickOnBounds(false);
    }

    @Override public void show(Notice n) {
        String text = Secrets.mask(n.text());
        switch (n.severity()) {
            case ERROR -> LOG.error("{}: {}", n.title(), text);
            case WARNING -> LOG.warn("{}: {}", n.title(), text);
            case INFO -> LOG.info("{}: {}", n.title(), text);
        }
        Toast toast = new Toast(n, text);
        Toast old = shown.put(n.key(), toast);
        if (old != null) {
            old.timer.stop();
            getChildren().set(getChildren().indexOf(old.node), toast.node);
        } else {
            getChildren().add(toast.node);
        }
        while (shown.size() > MAX_SHOWN) remove(shown.keySet().iterator().next());
        toast.timer.play();
    }

    @Override public void withdraw(String key) {
        remove(key);
    }

    private void remove(String key) {
        Toast t = shown.remove(key);
        if (t == null) return;
        t.timer.stop();
        getChildren().remove(t.node);
    }

    /** How long a notice of this severity stays if nothing takes it away earlier. */
    static Duration lifetime(Notice.Severity s) {
        return Duration.seconds(switch (s) {
            case ERROR -> 20;
            case WARNING -> 10;
            case INFO -> 6;
        });
    }

    /** The node id of a notice's toast ("toast-reconnecting-backup" for key "reconnecting:backup"). */
    public static String idOf(String key) {
        return "toast-" + key.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private final class Toast {
        final VBox node;
        final PauseTransition timer;

        Toast(Notice n, String text) {
            StudioIcon icon = switch (n.severity()) {
                case ERROR -> StudioIcon.ERROR;
                case WARNING -> StudioIcon.WARNING;
                case INFO -> StudioIcon.INFO;
            };
            Label title = new Label(n.title(), icon.node(16));
            title.getStyleClass().add(Css.TOAST_TITLE);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            Button close = new Button(null, StudioIcon.REMOVE.node(14));
            close.getStyleClass().addAll("small-button", Css.TOAST_CLOSE);
            close.setTooltip(new Tooltip("Dismiss"));
            // a toast must not take the keyboard from the window: Tab goes through the studio's own controls
            close.setFocusTraversable(false);
            close.setOnAction(e -> remove(n.key()));
            HBox header = new HBox(8, title, grow, close);
            header.setAlignment(Pos.CENTER_LEFT);
            Label body = new Label(text);
            body.getStyleClass().add(Css.TOAST_TEXT);
            body.setWrapText(true);
            node = new VBox(4, header, body);
            node.setId(idOf(n.key()));
            node.getStyleClass().addAll(Css.TOAST, switch (n.severity()) {
                case ERROR -> Css.HEALTH_BAD;
                case WARNING -> Css.HEALTH_WARN;
                case INFO -> Css.HEALTH_IDLE;
            });
            node.setPrefWidth(WIDTH);
            node.setMaxWidth(WIDTH);
            node.setMinHeight(Region.USE_PREF_SIZE);
            timer = new PauseTransition(lifetime(n.severity()));
            timer.setOnFinished(e -> {
                if (shown.get(n.key()) == this) remove(n.key());
            });
        }
    }

    /** The toast now shown for this key, or null (tests and the view look it up). */
    public Node toast(String key) {
        Toast t = shown.get(key);
        return t == null ? null : t.node;
    }
}
