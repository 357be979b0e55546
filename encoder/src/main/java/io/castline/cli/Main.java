package io.castline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code castline}: the command line of the engine (the studio is started by the app module). */
@Command(name = "castline", mixinStandardHelpOptions = true, version = "Castline 0.1.0",
        description = "Live broadcaster for live-commerce hosts: encode once, push to a primary and a backup "
                + "ingest and a recording.",
        subcommands = {LiveCommand.class, BenchCommand.class, SoakCommand.class, BandwidthTestCommand.class, PlanCommand.class,
                DevicesCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_ARGUMENTS = 2;
    public static final int EXIT_ALL_OUTPUTS_FAILED = 3;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("castline: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'castline " + ex.getCommandLine().getCommandName() + " --help'.");
            return EXIT_BAD_ARGUMENTS;
        });
        return cli.execute(args);
    }

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }
}
