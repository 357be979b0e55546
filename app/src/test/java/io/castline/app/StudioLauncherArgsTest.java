package io.castline.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code castline studio --help} prints the studio's help and exits instead of opening the window
 * (issue 9, item 15): the launcher as the script runs it, in its own JVM, without a display.
 */
class StudioLauncherArgsTest {

    private record Run(int exit, String out, String err) {}

    private static Run launcher(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StudioLauncher.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends by itself").isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheStudioUsageAndExits() throws Exception {
        Run r = launcher("--help");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: castline studio [-hV]").contains("Open the studio window");
        assertThat(r.err()).doesNotContain("no display");
        assertThat(r.out()).contains("--metrics-port=PORT").contains("--metrics-lan");
    }

    @Test
    void aMetricsPortThatIsNoPortIsRefusedWithoutOpeningAWindow() throws Exception {
        Run r = launcher("--metrics-port", "70000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--metrics-port: 70000 is not a port").doesNotContain("no display");
    }

    @Test
    void anUnknownArgumentIsRefusedWithoutOpeningAWindow() throws Exception {
        Run r = launcher("--frob");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frob'").contains("Try 'castline studio --help'.");
    }
}
