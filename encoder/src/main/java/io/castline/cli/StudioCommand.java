package io.castline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code castline studio} as the help lists it. The window lives in the app module (JavaFX), which
 * the engine must not depend on: the {@code castline} launcher script starts it directly
 * ({@code io.castline.app.StudioLauncher}, which parses its arguments with this same command, so
 * {@code castline studio --help} prints this text). Reached here only when the engine's entry point
 * is run without the launcher.
 */
@Command(name = "studio", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Open the studio window: program preview, Go Live / End Live, outputs, uplink, mixer, Settings.",
                "Settings are kept in profile.json in the user's config directory, the stream keys apart from it (the "
                        + "system keyring, or an owner-only file beside it).",
                "Started by the castline launcher (./castline studio, castline.cmd studio), which puts the studio on "
                        + "the class path; it needs a display (on Linux without one: xvfb-run -a ./castline studio)."})
public final class StudioCommand implements Callable<Integer> {
    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    /** {@code --metrics-port} and {@code --metrics-lan}. */
    public MetricsOptions metrics() { return metrics; }

    @Override public Integer call() {
        System.err.println("castline: studio is started by the castline launcher: ./castline studio (castline.cmd studio "
                + "on Windows)");
        return Main.EXIT_BAD_ARGUMENTS;
    }
}
