package io.castline.app;

import io.castline.app.profile.KeyStores;
import javafx.application.Application;

/**
 * Entry point of {@code castline studio}. A separate class from the {@link Application} subclass:
 * launching an Application subclass directly from the class path fails with "JavaFX runtime
 * components are missing".
 */
public final class StudioLauncher {
    private StudioLauncher() {}

    public static void main(String[] args) {
        // the help, version and argument errors come before the display check: they need no window
        Integer exit = StudioArgs.handle(args, System.out, System.err);
        if (exit != null) System.exit(exit);
        RenderingSetup.apply(); // before any other thread starts: it may set the environment
        KeyStores.preload(); // the keyring opens while JavaFX starts
        String noDisplay = DisplayCheck.problem("studio");
        if (noDisplay != null) {
            System.err.println("castline: " + noDisplay);
            System.exit(2);
        }
        Application.launch(StudioApp.class, args);
    }
}
