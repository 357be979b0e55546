package io.castline.app.it;

import io.castline.engine.settings.ConfigDirs;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Helpers for the studio's UI tests: profiles, waiting on the FX thread, reading what is on screen. */
final class StudioUi {
    private StudioUi() {}

    /** Writes {@code profile} as the studio's saved profile in {@code configDir} and points the studio there. */
    static void useProfile(Path configDir, StudioProfile profile) throws Exception {
        new ProfileStore(configDir).save(profile);
        System.setProperty(ConfigDirs.PROPERTY, configDir.toString());
    }

    /** A light stream so two cores carry the engine, two nginx servers and a software-rendered window. */
    static StudioProfile lightProfile(String primaryUrlServer, String primaryKey, String backupServer, String backupKey,
                                      StudioProfile.Recording recording) {
        return new StudioProfile(StudioProfile.CURRENT_VERSION,
                new StudioProfile.Destinations(new StudioProfile.Ingest(primaryUrlServer, primaryKey),
                        new StudioProfile.Ingest(backupServer, backupKey)),
                new StudioProfile.Sources("testsrc", "sine"),
                new StudioProfile.Encoder("x264", "ultrafast", "zerolatency", "", "cbr", 600, 0, 0, 23, 1.0, 0, 64),
                new StudioProfile.Canvas(640, 360, 30),
                recording);
    }

    static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX call failed", e);
        }
    }

    /** Waits for a condition (read on the FX thread); the failure says what the screen showed instead. */
    static void await(String what, Duration timeout, Callable<Boolean> condition, Supplier<String> shown) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!fx(condition)) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout + " waiting for " + what
                    + "; the screen shows: " + fx(shown::get));
            sleep(100);
        }
    }

    /** The node with this selector in any window of the studio (dialogs too), or null. UI thread. */
    static javafx.scene.Node lookupAnywhere(String selector) {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.getScene() == null) continue;
            javafx.scene.Node n = w.getScene().lookup(selector);
            if (n != null) return n;
        }
        return null;
    }

    /** Every text a person could read in every window: labels, buttons, fields (a password field shows bullets), titles. */
    static List<String> visibleTexts() {
        return fx(() -> {
            List<String> out = new ArrayList<>();
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w instanceof Stage s && s.getTitle() != null) out.add(s.getTitle());
                if (w.getScene() != null) walk(w.getScene().getRoot(), out);
            }
            return out;
        });
    }

    private static void walk(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null) out.add(l.getText());
        // a password field's own text is the secret; what it shows are the skin's bullets (a Text child, walked below)
        if (n instanceof TextInputControl t && !(t instanceof PasswordField) && t.getText() != null) out.add(t.getText());
        if (n instanceof TextInputControl t && t.getPromptText() != null) out.add(t.getPromptText());
        if (n instanceof Text t && t.getText() != null) out.add(t.getText());
        if (n instanceof Control c && c.getTooltip() != null) out.add(c.getTooltip().getText());
        if (n instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) walk(child, out);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
