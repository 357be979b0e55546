package io.castline.cli;

import io.castline.logging.MaskingPrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** {@code castline}: the command line of the engine (the studio is started by the app module). */
@Command(name = "castline", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Live broadcaster for live-commerce hosts: encode once, push to a primary and a backup "
                + "ingest and a recording.",
        subcommands = {LiveCommand.class, BenchCommand.class, SoakCommand.class, BandwidthTestCommand.class, PlanCommand.class,
                DevicesCommand.class, ProductsCommand.class, StudioCommand.class, StudioBenchCommand.class})
public final class Main implements Runnable {
    public static final String VERSION = "Castline 0.1.0";
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_ARGUMENTS = 2;
    public static final int EXIT_ALL_OUTPUTS_FAILED = 3;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI and returns the exit code (tests call this instead of main). Everything it
     * prints to stdout and stderr passes the secrets masker on the way out.
     */
    public static int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        MaskingPrintStream maskedOut = new MaskingPrintStream(out);
        MaskingPrintStream maskedErr = new MaskingPrintStream(err);
        System.setOut(maskedOut);
        System.setErr(maskedErr);
        try {
            return execute(args);
        } finally {
            maskedOut.finish();
            maskedErr.finish();
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static int execute(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("castline: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_ARGUMENTS;
        });
        return cli.execute(args);
    }

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }
}
