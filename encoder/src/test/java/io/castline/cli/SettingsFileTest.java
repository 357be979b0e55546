package io.castline.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A settings file ({@code --settings}, formerly {@code --profile}) that is not one JSON object:
 * one plain line naming the file and the problem, exit 2, nothing goes live (issue 9, item 7b).
 */
@Tag("fault-matrix") // docs/fault-matrix.md
@Timeout(60)
class SettingsFileTest {
    @TempDir Path dir;

    private CliRun.Result live(Path settings) {
        return CliRun.run("live", "--settings", settings.toString(), "--record", dir.resolve("x.mkv").toString());
    }

    private static void assertOneLine(CliRun.Result r, String expected) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).isEqualTo(expected + System.lineSeparator());
        assertThat(r.err()).doesNotContain("Jackson").doesNotContain("[Source").doesNotContain("JsonToken")
                .doesNotContain("io.castline").doesNotContain("`");
    }

    @Test
    void invalidJsonNamesFileLineColumnAndCharacter() throws IOException {
        Path f = Files.writeString(dir.resolve("p.json"), "{\n  \"fps\": 30,\n    }\n");
        assertOneLine(live(f), "castline: invalid setting: profile: " + f + ": not valid JSON at line 3, column 5 "
                + "(unexpected character '}')");
        assertThat(dir.resolve("x.mkv")).doesNotExist();
    }

    @Test
    void aJsonArrayIsNotASettingsFile() throws IOException {
        Path f = Files.writeString(dir.resolve("p.json"), "[{\"fps\": 30}]");
        assertOneLine(live(f), "castline: invalid setting: profile: " + f
                + ": expected a JSON object {…} with the settings, found an array");
    }

    @Test
    void aDirectoryIsNotASettingsFile() throws IOException {
        Path d = Files.createDirectory(dir.resolve("settings.json"));
        assertOneLine(live(d), "castline: invalid setting: profile: " + d + ": is a directory, not a settings file");
    }

    @Test
    void aFileThatEndsTooEarlyOrHasMoreAfterTheObject() throws IOException {
        Path cut = Files.writeString(dir.resolve("cut.json"), "{\"fps\": 30");
        assertOneLine(live(cut), "castline: invalid setting: profile: " + cut + ": not valid JSON at line 1, column 11 "
                + "(the file ends too early)");
        Path more = Files.writeString(dir.resolve("more.json"), "{\"fps\": 30} {}");
        assertThat(live(more).err()).startsWith("castline: invalid setting: profile: " + more + ": not valid JSON at line 1");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldInPlainWords() throws IOException {
        Path f = Files.writeString(dir.resolve("p.json"), "{\"fps\": \"abc\"}");
        assertOneLine(live(f), "castline: invalid setting: fps: invalid value in " + f + ": expected a whole number, "
                + "found text \"abc\"");
        Path g = Files.writeString(dir.resolve("g.json"), "{\"gop\": [2]}");
        assertOneLine(live(g), "castline: invalid setting: gop: invalid value in " + g + ": expected a number, found an array");
    }

    /**
     * A publish URL holds the key, and a command line is visible to every local user (ps): picocli's
     * argument files keep it out, as the README says ({@code castline live @FILE}).
     */
    @Test
    void anArgumentFileKeepsTheUrlOffTheCommandLine() throws IOException {
        Path args = Files.writeString(dir.resolve("primary.args"), "--primary rtmp://127.0.0.1:1/live/sk_from_file_0999\n");
        CliRun.Result r = CliRun.run("live", "@" + args, "--gop", "0");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).as("the URL was read: the next problem is the gop").startsWith("castline: invalid setting: gop: ");
        Files.writeString(args, "--primary http://127.0.0.1:1/live/sk_from_file_0999\n");
        CliRun.Result wrong = CliRun.run("live", "@" + args);
        assertThat(wrong.err()).contains("primary: unsupported protocol 'http'").doesNotContain("sk_from_file_0999");
    }
}
