package io.castline.app;

import java.util.Locale;
import java.util.Map;

/**
 * Whether a window can open at all. On Linux without X11 or Wayland JavaFX dies with a stack
 * trace ("Unable to open DISPLAY"); the launchers say what to do instead.
 */
public final class DisplayCheck {
    private DisplayCheck() {}

    /** Null when a window can open, else why not and what to do. */
    public static String problem(String command) {
        return problem(System.getProperty("os.name", ""), System.getenv(), System.getProperty("glass.platform"), command);
    }

    static String problem(String osName, Map<String, String> env, String glassPlatform, String command) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) return null;
        if ("Monocle".equalsIgnoreCase(glassPlatform)) return null;
        if (isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"))) return null;
        return "no display: " + command + " opens a window, and neither DISPLAY nor WAYLAND_DISPLAY is set. "
                + "Run it on the desktop, or on a machine without one under a virtual display: xvfb-run -a ./castline "
                + command;
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank();
    }
}
