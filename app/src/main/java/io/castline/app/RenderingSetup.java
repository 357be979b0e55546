package io.castline.app;

import com.sun.jna.platform.unix.LibC;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * JavaFX and AWT settings that must be in place before either starts.
 *
 * <p>On Linux, JavaFX first tries its OpenGL pipeline: it loads libGL and Mesa, and on a machine
 * without a graphics device Mesa can only offer its software rasteriser (llvmpipe), which Prism
 * then refuses ("System GPU doesn't meet the es2 pipe requirement") and falls back to its own
 * software pipeline anyway. The refused attempt leaves Mesa and LLVM in the process: about 50 MB of
 * resident memory and two llvmpipe threads for nothing (docs/performance.md). GTK loads Mesa too, on
 * its own account: GDK looks for OpenGL visuals when it opens the display, for GL drawing that
 * JavaFX never asks of it. Without a DRI or NVIDIA device node there is no GPU Mesa could use, so
 * the studio asks for Prism's software pipeline straight away and turns GDK's GL off
 * ({@code GDK_GL=disable}, set in this process's environment before GTK reads it). A
 * {@code prism.order} or {@code GDK_GL} the user gave is left alone.
 *
 * <p>AWT runs headless: the engine draws text and stills with Java2D into images, and the studio
 * opens no AWT window, so AWT needs no X11 connection of its own.
 */
public final class RenderingSetup {
    private static final String GDK_GL = "GDK_GL";

    private RenderingSetup() {}

    /** Applies the settings to this JVM's system properties. */
    public static void apply() {
        boolean softwareOnly = apply(System.getProperties(), System.getProperty("os.name", ""), Files::exists);
        if (softwareOnly && System.getenv(GDK_GL) == null) {
            // before any thread of ours reads the environment (the key store opens on one)
            LibC.INSTANCE.setenv(GDK_GL, "disable", 0);
        }
    }

    /** Sets the properties; true when this is a Linux machine without a GPU. */
    static boolean apply(Properties properties, String osName, Predicate<Path> deviceExists) {
        properties.putIfAbsent("java.awt.headless", "true");
        boolean softwareOnly = osName.toLowerCase(Locale.ROOT).contains("linux") && !hasGraphicsDevice(deviceExists);
        if (softwareOnly) properties.putIfAbsent("prism.order", "sw");
        return softwareOnly;
    }

    /** Whether this machine has a GPU driver's device node (tests that expect no OpenGL ask this too). */
    public static boolean hasGraphicsDevice() {
        return hasGraphicsDevice(Files::exists);
    }

    /** Whether a GPU driver has a device node: Mesa's DRI nodes, or NVIDIA's own. */
    static boolean hasGraphicsDevice(Predicate<Path> deviceExists) {
        return deviceExists.test(Path.of("/dev/dri")) || deviceExists.test(Path.of("/dev/nvidia0"));
    }
}
