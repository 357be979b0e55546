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

    @Test
    void aPulseInputWithNoSoundServerSaysSo() {
        CaptureInput pulse = new CaptureInput("pulse", "default", java.util.Map.of(), false, false);
        assertThat(GrabberLoop.plainReason("avformat_open_input() error -3: Could not open input \"default\".", pulse))
                .isEqualTo("cannot open default: No such process (no sound server answered: is PulseAudio or PipeWire running?)");
        CaptureInput v4l2 = new CaptureInput("v4l2", "/dev/video0", java.util.Map.of(), false, false);
        assertThat(GrabberLoop.plainReason("avformat_open_input() error -3: x", v4l2)).isEqualTo("cannot open /dev/video0: No such process");
    }
}
