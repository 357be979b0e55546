package io.castline.it;

import io.castline.engine.devices.CaptureWindow;
import io.castline.engine.devices.WindowLister;
import io.castline.testing.RawFrames;
import io.castline.testing.TestWorkdir;
import io.castline.testing.XvfbDisplay;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Window capture for real: an Xvfb display with two plain X windows (a green one named
 * "castline capture target", a red one over part of the screen); the lister finds the green one
 * by its title, with its id and size, and a show whose screen source names that id records the
 * green window alone.
 */
class WindowCaptureTest {
    private static final String TITLE = "castline capture target";

    @Test
    void aWindowFoundByItsTitleIsCapturedAlone() throws Exception {
        Path dir = TestWorkdir.fresh("window-capture");
        try (XvfbDisplay x = XvfbDisplay.start(dir, 80)) {
            String display = x.name();
            x.window(400, 300, 300, 200, 0xE02020, "a red window");
            String target = x.window(40, 40, 320, 240, 0x20C020, TITLE);

            List<CaptureWindow> found = new WindowLister.Xlib(display).windows();
            System.out.println("FIGURES windows listed on " + display + ": " + found);
            assertThat(found).extracting(CaptureWindow::title).contains(TITLE, "a red window");
            CaptureWindow w = found.stream().filter(c -> c.title().equals(TITLE)).findFirst().orElseThrow();
            assertThat(w.id()).isEqualTo(target);
            assertThat(w.width()).isEqualTo(320);
            assertThat(w.height()).isEqualTo(240);
            assertThat(new WindowLister.Xlib(":" + 7_777).windows()).as("a display nobody serves").isEmpty();

            // castline devices names it too, for a show file written by hand
            ProcessBuilder devices = new ProcessBuilder(LiveFixture.castlineCommand(List.of("devices")))
                    .redirectOutput(dir.resolve("devices.log").toFile()).redirectErrorStream(true);
            devices.environment().put("DISPLAY", display);
            Process listing = devices.start();
            assertThat(listing.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("devices.log")))
                    .contains("Windows (a screen source's \"window\"): ").contains(TITLE + " (320×240) = " + w.id());

            Path show = dir.resolve("window.json");
            Path file = dir.resolve("window.mkv");
            Files.writeString(show, """
                    {"version": 2, "canvas": {"width": 320, "height": 240, "fps": 30},
                     "encoder": {"preset": "veryfast", "bitrate": "1000k", "gop": 1},
                     "sources": [{"name": "Page", "kind": "screen", "display": "%s", "window": "%s", "cursor": false}],
                     "scenes": [{"name": "Main", "layers": [{"source": "Page"}]}],
                     "program": "Main", "outputs": [], "recording": {"path": "%s"}}
                    """.formatted(display, w.id(), file), StandardCharsets.UTF_8);
            Path log = dir.resolve("live.log");
            Process live = new ProcessBuilder(LiveFixture.castlineCommand(List.of("live", "--show", show.toString(),
                    "--duration", "3"))).redirectOutput(log.toFile()).redirectErrorStream(true).start();
            assertThat(live.waitFor(60, TimeUnit.SECONDS)).as("castline live ended").isTrue();
            assertThat(live.exitValue()).as(Files.readString(log)).isZero();

            RawFrames.Picture p = RawFrames.at(file, 1.5, 320, 240);
            for (int[] at : new int[][] {{160, 120}, {20, 20}, {300, 220}}) {
                int rgb = p.rgbAt(at[0], at[1]);
                System.out.printf(Locale.ROOT, "FIGURES window capture at %d,%d: #%06X%n", at[0], at[1], rgb);
                assertThat(rgb >> 8 & 0xFF).as("green at " + at[0] + "," + at[1]).isGreaterThan(150);
                assertThat(rgb >> 16 & 0xFF).as("no red at " + at[0] + "," + at[1]).isLessThan(80);
            }
        }
    }
}
