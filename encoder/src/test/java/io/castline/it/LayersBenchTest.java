package io.castline.it;

import io.castline.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code castline bench --layers N [--overlays]} runs the real compositor and encoder and prints its figures. */
class LayersBenchTest {
    @Test
    void theLayersBenchPrintsItsFiguresWithTheOverlaysOnTop() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.run("bench", "--layers", "1,4", "--overlays", "--layers-seconds", "1", "--layers-repeats", "1",
                    "--canvas", "640x360");
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("a product card, a countdown, a ticker and a lower third on top")
                .containsPattern("  1 layer\\(s\\): \\d+\\.\\d\\d ms/frame composed, \\d+ lagged, \\d+ skipped, \\d+ B/frame allocated")
                .containsPattern("  4 layer\\(s\\): \\d+\\.\\d\\d ms/frame composed");
    }
}
