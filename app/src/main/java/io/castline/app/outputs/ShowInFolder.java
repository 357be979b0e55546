package io.castline.app.outputs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens a folder in the system's file manager, as the platform's own command does (Explorer,
 * Finder, the desktop's default through xdg-open or gio). Not JavaFX's HostServices: it needs the
 * Application object and on Linux tries web browsers first. Not AWT's Desktop: it would start AWT
 * beside JavaFX for one call.
 */
public final class ShowInFolder {
    private ShowInFolder() {}

    /** The commands that open {@code dir} on this OS, in the order tried (the first one found is used). */
    static List<List<String>> commands(String osName, Path dir) {
        String os = osName.toLowerCase(Locale.ROOT);
        String d = dir.toString();
        if (os.startsWith("windows")) return List.of(List.of("explorer.exe", d));
        if (os.startsWith("mac")) return List.of(List.of("open", d));
        return List.of(List.of("xdg-open", d), List.of("gio", "open", d));
    }

    /**
     * Opens {@code dir} off the UI thread ("castline-show-folder"); completes when the command has
     * handed it over, or fails with the reason in words (no command found, or its exit code).
     */
    public static CompletableFuture<Void> open(Path dir) {
        return open(commands(System.getProperty("os.name", ""), dir));
    }

    static CompletableFuture<Void> open(List<List<String>> commands) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            List<String> missing = new ArrayList<>();
            for (List<String> cmd : commands) {
                Process p;
                try {
                    p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                } catch (IOException notFound) {
                    missing.add(cmd.get(0));
                    continue;
                }
                try {
                    // xdg-open returns once the file manager has it; Explorer's exit code means nothing
                    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() == 0 || cmd.get(0).startsWith("explorer")) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(new IOException(cmd.get(0) + " could not open it (exit code " + p.exitValue() + ")"));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done.completeExceptionally(e);
                }
                return;
            }
            done.completeExceptionally(new IOException("no file manager command found (" + String.join(", ", missing) + ")"));
        }, "castline-show-folder");
        t.setDaemon(true);
        t.start();
        return done;
    }
}
