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
 * {@code castline live --show FILE} with a bad show: exit 2, every problem at once, each named by
 * its path in the file, the stream key nowhere, and nothing opened or written.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
@Timeout(60)
class ShowCommandArgsTest {
    private static final String KEY = "sk_show_args_secret_4242";

    @TempDir Path dir;

    private Path show(String json) throws IOException {
        Path f = dir.resolve("show.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void everyProblemOfAShowIsNamedByItsPathAtOnce() throws IOException {
        Path f = show("""
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
                 "sources": [{"name": "Cam", "kind": "camera", "device": "/dev/video0"},
                             {"name": "Logo", "kind": "image", "path": "missing/logo.png"},
                             {"name": "Box", "kind": "color", "color": "red"},
                             {"name": "Tone", "kind": "tone"}],
                 "scenes": [{"name": "A", "layers": [{"source": "Cam"}]},
                            {"name": "B", "layers": [{"source": "Cam", "width": 0},
                                                     {"source": "Nobody"},
                                                     {"source": "Tone"},
                                                     {"source": "Logo", "fit": "zoom"}]}],
                 "program": "C",
                 "outputs": [{"name": "main", "url": "rtmp://127.0.0.1:1/live/%s", "role": "main"},
                             {"name": "other", "url": "http://127.0.0.1/x/%s", "role": "extra"}],
                 "recording": {"path": "out.avi"}}
                """.formatted(KEY, KEY));
        CliRun.Result r = CliRun.run("live", "--show", f.toString(), "--duration", "1");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).startsWith("castline: invalid setting: ")
                .contains("scenes[1].layers[0].width: must be > 0")
                .contains("scenes[1].layers[1].source: no source is called 'Nobody'")
                .contains("scenes[1].layers[2].source: 'Tone' is a tone: it has sound, no picture")
                .contains("scenes[1].layers[3].fit: 'zoom' is not contain, cover or stretch")
                .contains("sources[1].path: no such file: " + dir.resolve("missing/logo.png"))
                .contains("sources[2].color: 'red' is not a colour")
                .contains("program: no scene is called 'C'")
                .contains("outputs[0].role: 'main' is not primary, backup or extra")
                .contains("outputs[1].url: unsupported protocol 'http'")
                .contains("recording.path: unsupported file type '.avi'")
                .doesNotContain(KEY);
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing written beside the show").containsExactly(f);
        }
    }

    @Test
    void aSceneThatIsNotInTheShowIsRefused() throws IOException {
        Path f = show("""
                {"version": 2, "sources": [{"name": "P", "kind": "testsrc"}],
                 "scenes": [{"name": "A", "layers": [{"source": "P"}]}], "program": "A",
                 "recording": {"path": "x.mkv"}}
                """);
        CliRun.Result r = CliRun.run("live", "--show", f.toString(), "--scene", "Nope", "--duration", "1");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).as("named by the flag the user typed").contains("scene: no scene is called 'Nope'");
        CliRun.Result bad = CliRun.run("live", "--show", f.toString(), "--bitrate", "50", "--fps", "500", "--duration", "1");
        assertThat(bad.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(bad.err()).contains("bitrate: 50 kbps is outside").contains("fps: 500 is outside")
                .doesNotContain("encoder.bitrate").doesNotContain("canvas.fps");
    }

    @Test
    void aShowsSourcesAreNotReplacedByTheVideoFlag() throws IOException {
        Path f = show("""
                {"version": 2, "sources": [{"name": "P", "kind": "testsrc"}, {"name": "Q", "kind": "testsrc"}],
                 "scenes": [{"name": "A", "layers": [{"source": "P"}]}, {"name": "B", "layers": [{"source": "Q"}]}],
                 "program": "A", "recording": {"path": "x.mkv"}}
                """);
        CliRun.Result r = CliRun.run("live", "--show", f.toString(), "--video", "testsrc", "--duration", "1");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("video: a show's sources are its own");
    }

    @Test
    void aShowFileThatIsNotJsonNamesTheFile() throws IOException {
        Path f = show("{\"version\": 2,");
        CliRun.Result r = CliRun.run("live", "--show", f.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).startsWith("castline: invalid setting: show: " + f + ": not valid JSON");
    }
}
