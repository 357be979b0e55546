package io.castline.app.engine;

import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.video.PreviewScaler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine makes the preview picture at the size the window shows it, so the renderer never scales it. */
class PreviewSizeTest {
    private static EncoderSettings canvas(int w, int h) {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = w;
        b.height = h;
        return b.build();
    }

    private static String size(EncoderSettings s, int boxW, int boxH) {
        try (PreviewScaler p = ProgramPreviews.previewFor(s.width(), s.height(), boxW, boxH)) {
            return p.width() + "x" + p.height();
        }
    }

    @Test
    void fillsTheWindowsBoxAtTheCanvasAspect() {
        assertThat(size(canvas(1920, 1080), 1020, 574)).isEqualTo("1020x574");
        // a 9:16 canvas in a landscape box: as tall as the box, even sizes for swscale
        assertThat(size(canvas(1080, 1920), 1020, 574)).isEqualTo("322x574");
    }

    @Test
    void neverLargerThanTheCanvas() {
        assertThat(size(canvas(1280, 720), 2560, 1440)).isEqualTo("1280x720");
    }

    @Test
    void beforeTheWindowHasSaidTheLongSideIs960() {
        assertThat(size(canvas(1920, 1080), 0, 0)).isEqualTo("960x540");
        assertThat(size(canvas(720, 1280), 0, 0)).isEqualTo("540x960");
    }
}
