package io.castline.engine.video;

import io.castline.engine.source.SharedVideoSource;
import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/** Two compositors read one source: each gets every frame once, and nobody steals from the other. */
class SharedVideoSourceTest {

    private static long taken(VideoSource reader, List<Long> seen) {
        AVFrame f = reader.takeLatest();
        if (f == null) return 0;
        seen.add(f.data(0).address());
        av_frame_free(f);
        return 1;
    }

    @Test
    void eachReaderGetsEveryFrameOnceWhicheverAsksFirst() {
        SolidFrames.Sequence inner = new SolidFrames.Sequence("camera", 64, 36, SolidFrames.Format.YUV420P,
                List.of(0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF));
        SharedVideoSource shared = new SharedVideoSource(inner);
        VideoSource program = shared.owner();
        VideoSource preview = shared.reader();
        List<Long> programSaw = new ArrayList<>();
        List<Long> previewSaw = new ArrayList<>();
        // this source hands out a new frame at every ask, so each ask below brings the next one in:
        // whoever asks gets the newest, and the other reader still gets that one at its next ask
        assertThat(taken(program, programSaw)).as("frame 1").isEqualTo(1);
        assertThat(taken(preview, previewSaw)).as("frame 2").isEqualTo(1);
        assertThat(taken(program, programSaw)).as("frame 3").isEqualTo(1);
        assertThat(taken(preview, previewSaw)).as("frame 4").isEqualTo(1);
        assertThat(taken(program, programSaw)).as("frame 4 for the program too: the preview took it, not away").isEqualTo(1);
        assertThat(taken(program, programSaw)).as("nothing newer").isZero();
        assertThat(taken(preview, previewSaw)).as("frame 4 was the preview's already").isZero();
        assertThat(inner.taken()).as("the source's frames were taken once each").isEqualTo(4);
        assertThat(programSaw).doesNotHaveDuplicates().hasSize(3);
        assertThat(previewSaw).doesNotHaveDuplicates().hasSize(2);
        assertThat(programSaw.get(2)).as("the same picture, a reference each").isEqualTo(previewSaw.get(1));

        preview.close();
        assertThat(program.problem()).isNull();
        program.close();
        assertThat(program.takeLatest()).as("closed by its owner").isNull();
        assertThat(preview.takeLatest()).isNull();
    }
}
