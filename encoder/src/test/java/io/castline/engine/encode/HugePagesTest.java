package io.castline.engine.encode;

import io.castline.engine.settings.EncoderSettings;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * A 1080p x264 encoder leaves no transparent huge page in the process: x264 asks for them for every
 * picture (on this kind of kernel, {@code madvise} mode, it gets them), and each is resident whole.
 */
@EnabledOnOs(OS.LINUX)
class HugePagesTest {

    @Test
    void encodingAt1080pTouchesNoHugePage() throws Exception {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 1920;
        b.height = 1080;
        EncoderSettings settings = b.build().validated();
        AtomicInteger packets = new AtomicInteger();
        AVFrame frame = av_frame_alloc();
        try (VideoEncoder encoder = new VideoEncoder(settings)) {
            frame.width(1920).height(1080).format(AV_PIX_FMT_YUV420P);
            assertThat(av_frame_get_buffer(frame, 32)).isZero();
            for (int i = 0; i < 45; i++) {
                paint(frame, i);
                frame.pts(i);
                encoder.encode(frame, System.nanoTime(), p -> packets.incrementAndGet());
            }
            // x264 holds its pictures now (lookahead, references, frame threads): look while it does
            assertThat(packets.get()).as("x264 produced packets").isPositive();
            assertThat(HugePages.offForThisProcess()).as("PR_GET_THP_DISABLE").isTrue();
            assertThat(anonHugePagesKb()).as("AnonHugePages of this process, kB").isZero();
        } finally {
            av_frame_free(frame);
        }
    }

    /** A moving gradient, so that x264 has something to search and keeps every plane busy. */
    private static void paint(AVFrame frame, int index) {
        for (int plane = 0; plane < 3; plane++) {
            int w = plane == 0 ? 1920 : 960;
            int h = plane == 0 ? 1080 : 540;
            int stride = frame.linesize(plane);
            byte[] row = new byte[w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) row[x] = (byte) (x + y + index * 4 + plane * 50);
                frame.data(plane).position((long) y * stride).put(row, 0, w);
            }
            frame.data(plane).position(0);
        }
    }

    private static long anonHugePagesKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
            if (line.startsWith("AnonHugePages:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new AssertionError("no AnonHugePages line in /proc/self/smaps_rollup");
    }
}
