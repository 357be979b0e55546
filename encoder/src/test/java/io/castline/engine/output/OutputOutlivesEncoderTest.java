package io.castline.engine.output;

import org.junit.jupiter.api.Tag;
import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.Ffprobe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop no longer waits long for an output thread stuck in a connect: such a thread may open its
 * muxer after the broadcast has closed the encoders. It must do so with codec parameters of its
 * own, not the encoder's freed ones (that crashed the JVM in {@code avcodec_parameters_copy}).
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class OutputOutlivesEncoderTest {

    @Test
    void anOutputOpensItsMuxerWithItsOwnCodecParametersAfterTheEncoderIsGone(@TempDir Path dir) throws Exception {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 320;
        b.height = 180;
        EncoderSettings settings = b.build().validated();
        Path file = dir.resolve("late.flv");
        Output output;
        try (VideoEncoder encoder = new VideoEncoder(settings)) {
            output = new Output(OutputTarget.recording("recording", file), List.of(encoder.streamInfo()),
                    Output.Config.standard(), Backoff.standard(), null);
        }
        // the encoder and its parameters are freed; only now does the output open its file
        output.start();
        long until = System.nanoTime() + 10_000_000_000L;
        while (output.state() != OutputState.LIVE && output.state() != OutputState.FAILED && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(output.state()).as(output.status().reason()).isEqualTo(OutputState.LIVE);
        output.requestStop();
        output.awaitStop();
        assertThat(Files.size(file)).isPositive();
        // FLV: the header alone carries the stream's codec (an MKV without a frame does not probe)
        Ffprobe.VideoStream video = Ffprobe.probe(file).video();
        assertThat(video.codecName()).isEqualTo("h264");
    }
}
