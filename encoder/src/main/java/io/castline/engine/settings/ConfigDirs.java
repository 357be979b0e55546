package io.castline.engine.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Castline keeps its settings (the studio's profile, the control API's token): the platform's per-user configuration directory, or the one
 * named by the system property {@value #PROPERTY} (tests and portable installs use it).
 */
public final class ConfigDirs {
    public static final String PROPERTY = "castline.config.dir";

    private ConfigDirs() {}

    public static Path configDir() {
        return configDir(System.getProperty(PROPERTY), System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("user.home", "."));
    }

    /** Pure form of {@link #configDir()} for tests. */
    static Path configDir(String override, String osName, Map<String, String> env, String home) {
        if (override != null && !override.isBlank()) return Path.of(override);
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : Path.of(home, "AppData", "Roaming"))
                    .resolve("Castline");
        }
        if (os.startsWith("mac")) return Path.of(home, "Library", "Application Support", "Castline");
        String xdg = env.get("XDG_CONFIG_HOME");
        // the XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "castline");
        return Path.of(home, ".config", "castline");
    }

    /** Where recordings go unless the user picks another folder: the usual videos folder. */
    public static Path defaultRecordingDirectory() {
        String home = System.getProperty("user.home", ".");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.startsWith("mac") ? Path.of(home, "Movies") : Path.of(home, "Videos");
    }
}
