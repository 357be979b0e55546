package io.castline.app.launcher;

import io.castline.app.StudioLauncher;

import java.util.Arrays;

/**
 * The installed program's one entry point (the native launcher jpackage makes calls this): with no
 * arguments, or {@code studio …}, it opens the studio, as a double-click should; with any other
 * arguments it is the command line ({@code castline live …}, {@code castline --version}), the same
 * commands as {@code ./castline} in a build.
 */
public final class Castline {
    private Castline() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            StudioLauncher.main(args);
        } else if (args[0].equals("studio")) {
            StudioLauncher.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args[0].equals("studio-bench")) {
            io.castline.app.bench.StudioBench.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            io.castline.cli.Main.main(args);
        }
    }
}
