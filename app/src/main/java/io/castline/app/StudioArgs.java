package io.castline.app;

import io.castline.cli.Main;
import io.castline.cli.StudioCommand;
import picocli.CommandLine;

import java.io.PrintStream;

/**
 * The arguments of {@code castline studio}, parsed with the engine's {@link StudioCommand} (the
 * command {@code castline --help} lists), so that {@code --help} and {@code --version} print and
 * exit instead of opening the window, and an unknown argument is refused as in the rest of the CLI.
 */
final class StudioArgs {
    private StudioArgs() {}

    /** The exit code when the studio must not open (help, version, bad arguments); null to open it. */
    static Integer handle(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new StudioCommand()).setCommandName("castline studio");
        try {
            cli.parseArgs(args);
            String portProblem = ((StudioCommand) cli.getCommand()).metrics().portProblem();
            if (portProblem != null) throw new CommandLine.ParameterException(cli, "--metrics-port: " + portProblem);
        } catch (CommandLine.ParameterException e) {
            err.println("castline: " + e.getMessage());
            err.println("Try 'castline studio --help'.");
            return Main.EXIT_BAD_ARGUMENTS;
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return Main.EXIT_OK;
        }
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            return Main.EXIT_OK;
        }
        return null;
    }

    /** The options of arguments that {@link #handle} let through. */
    static StudioCommand options(java.util.List<String> args) {
        StudioCommand options = new StudioCommand();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        return options;
    }
}
