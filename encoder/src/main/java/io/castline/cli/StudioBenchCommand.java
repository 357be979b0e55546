package io.castline.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code castline studio-bench} as the help lists it; like {@link StudioCommand} it lives in the
 * app module and is started by the launcher script, which shows its options with
 * {@code castline studio-bench --help}.
 */
@Command(name = "studio-bench", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Measure the studio: start-to-preview time over fresh processes and what the program preview "
                + "costs in CPU. Needs a display (xvfb-run -a ./castline studio-bench).",
                "Started by the castline launcher (./castline studio-bench); its options: ./castline studio-bench --help."})
public final class StudioBenchCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("castline: studio-bench is started by the castline launcher: ./castline studio-bench "
                + "(castline.cmd studio-bench on Windows)");
        return Main.EXIT_BAD_ARGUMENTS;
    }
}
