package io.castline.engine.source;

import io.castline.engine.settings.EncoderSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureInputTest {
    private static String videoLabel(String spec) {
        SourceSpec s = SourceSpec.parseVideo(spec, null);
        return CaptureInput.label(s, CaptureInput.forVideo(s, EncoderSettings.defaults()));
    }

    @TempDir Path dir;

    @Test
    void sourcesAreLabelledAsAHostKnowsThem() throws Exception {
        Path clip = Files.createFile(dir.resolve("intro.mp4"));
        assertThat(videoLabel("testsrc")).isEqualTo("the test pattern");
        assertThat(videoLabel("camera:/dev/video2")).isEqualTo("camera /dev/video2");
        assertThat(videoLabel("file:" + clip)).isEqualTo("file intro.mp4");
        SourceSpec tone = SourceSpec.parseAudio("sine", null);
        assertThat(CaptureInput.label(tone, CaptureInput.forAudio(tone))).isEqualTo("the test tone");
    }
}
