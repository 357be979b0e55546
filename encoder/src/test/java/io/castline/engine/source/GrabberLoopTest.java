package io.castline.engine.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrabberLoopTest {
    @Test
    void javacvsOpenErrorReadsAsWhatHappenedToWhichInput() {
        assertThat(GrabberLoop.plainReason("avformat_open_input() error -2: Could not open input \"/dev/video0\". "
                + "(Has setFormat() been called?) (For more details, make sure FFmpegLogCallback.set() has been called.)",
                "/dev/video0")).isEqualTo("cannot open /dev/video0: No such file or directory");
        assertThat(GrabberLoop.plainReason("av_read_frame() error -5: Could not read frame", "/dev/video0"))
                .isEqualTo("cannot read /dev/video0: Input/output error");
    }

    @Test
    void otherMessagesStayAsTheyAre() {
        assertThat(GrabberLoop.plainReason("input ended", "show.mp4")).isEqualTo("input ended");
    }
}
