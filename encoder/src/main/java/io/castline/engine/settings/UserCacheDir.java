package io.castline.engine.settings;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Castline's per-user cache directory, for files that can be made again (exported roots, pinned
 * certificates, product images): {@code %LOCALAPPDATA%\Castline\Cache} on Windows, {@code ~/Library/Caches/Castline}
 * on macOS, {@code $XDG_CACHE_HOME/castline} or {@code ~/.cache/castline} elsewhere. The system
 * property {@code castline.cache.dir} overrides it (tests).
 */
public final class UserCacheDir {
    private UserCacheDir() {}

    public static Path get() {
        String override = System.getProperty("castline.cache.dir");
        if (override != null && !override.isBlank()) return Path.of(override);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home", "."));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData/Local")).resolve("Castline/Cache");
        }
        if (os.contains("mac")) return home.resolve("Library/Caches/Castline");
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("castline");
    }
}
