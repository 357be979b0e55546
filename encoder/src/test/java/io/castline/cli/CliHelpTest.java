package io.castline.cli;

import io.castline.engine.Broadcast;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's help and names (issue 9, item 15). */
class CliHelpTest {

    @Test
    void helpListsTheStudioCommandsTheLauncherStarts() {
        CliRun.Result r = CliRun.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("(?m)^  studio\\s+Open the studio window")
                .containsPattern("(?m)^  studio-bench\\s+Measure the studio");
    }

    @Test
    void theStudioCommandsRunWithoutTheLauncherSayHowToStartThem() {
        CliRun.Result r = CliRun.run("studio");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("./castline studio");
        assertThat(CliRun.run("studio", "--help").out()).startsWith("Usage: castline studio [-hV]");
    }

    @Test
    void anUnknownCommandOrOptionPointsAtTheRightHelp() {
        CliRun.Result top = CliRun.run("foo");
        assertThat(top.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(top.err()).contains("'foo'").endsWith("Try 'castline --help'." + System.lineSeparator());
        assertThat(top.err()).doesNotContain("castline castline");
        CliRun.Result live = CliRun.run("live", "--frob");
        assertThat(live.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(live.err()).contains("--frob").endsWith("Try 'castline live --help'." + System.lineSeparator());
    }

    /** Placeholders in the help as picocli's convention has them: FILE, N, RATE — never a field name like {@code <rateControl>}. */
    @Test
    void everyPlaceholderIsUpperCase() {
        List<String> bad = new ArrayList<>();
        Pattern lowerRun = Pattern.compile("[a-z]{2,}");
        for (CommandSpec spec : allCommands(new CommandLine(new Main()).getCommandSpec())) {
            for (ArgSpec arg : spec.args()) {
                if (arg.hidden() || arg.isOption() && ((CommandLine.Model.OptionSpec) arg).arity().max() == 0) continue;
                String label = arg.paramLabel();
                if (label.contains("<") || lowerRun.matcher(label).find()) bad.add(spec.qualifiedName() + " " + arg + ": " + label);
            }
        }
        assertThat(bad).isEmpty();
        assertThat(CliRun.run("live", "--help").out()).doesNotContain("<").contains("--settings=FILE")
                .contains("--rate-control=MODE").contains("--codec-profile=PROFILE");
    }

    private static List<CommandSpec> allCommands(CommandSpec root) {
        List<CommandSpec> all = new ArrayList<>(List.of(root));
        root.subcommands().values().forEach(c -> all.addAll(allCommands(c.getCommandSpec())));
        return all;
    }

    @Test
    void settingsAndCodecProfileHaveClearNamesAndTheOldOnesStillWork() throws Exception {
        Path settings = java.nio.file.Files.createTempFile("castline-settings", ".json");
        try {
            java.nio.file.Files.writeString(settings, "{\"bitrate\": \"1234k\"}");
            for (String[] names : new String[][] {{"--settings", "--codec-profile"}, {"--profile", "--profile-name"}}) {
                LiveCommand live = new LiveCommand();
                new CommandLine(live).parseArgs(names[0], settings.toString(), names[1], "main", "--record", "x.mkv");
                Broadcast.Config config = live.buildConfig();
                assertThat(config.settings().bitrateKbps()).as(names[0]).isEqualTo(1234);
                assertThat(config.settings().profile()).as(names[1]).isEqualTo("main");
            }
        } finally {
            java.nio.file.Files.deleteIfExists(settings);
        }
        String help = CliRun.run("live", "--help").out();
        assertThat(help).as("the old names are hidden").doesNotContain("--profile ").doesNotContain("--profile=")
                .doesNotContain("--profile-name");
    }
}
