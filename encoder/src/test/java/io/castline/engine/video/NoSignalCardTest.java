package io.castline.engine.video;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoSignalCardTest {
    @Test
    void theCardNamesTheSourceTheHostChose() {
        assertThat(NoSignalCard.line("camera /dev/video0")).isEqualTo("Camera /dev/video0 is not delivering pictures");
        String longName = "camera video=Integrated Webcam with a very long vendor name (USB 3.0)";
        assertThat(NoSignalCard.line(longName)).hasSize(48 + " is not delivering pictures".length())
                .contains("…");
    }
}
