package io.castline.engine.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FFmpeg's interleaver writes a video frame only once every other stream has a later packet:
 * a recording kept after a write error holds the frames it wrote, not those handed in (the kept
 * file's claim was one frame more than the file had).
 */
class InterleavedCountTest {
    private static final int VIDEO = 0;
    private static final int AUDIO = 1;

    @Test
    void aVideoFrameCountsOnlyOnceAudioPastItHasCome() {
        InterleavedCount c = new InterleavedCount(new boolean[]{true, false});
        c.handedIn(VIDEO, 0.000, 0.000); // the keyframe: nothing of the audio yet, so it waits
        assertThat(c.written()).isZero();
        c.handedIn(AUDIO, 0.000, 0.000); // a tie is held (FFmpeg breaks it by stream index)
        assertThat(c.written()).isZero();
        c.handedIn(AUDIO, 0.021, 0.021);
        assertThat(c.written()).isEqualTo(1);
        c.handedIn(VIDEO, 0.033, 0.033); // audio is behind it: held, as a flush right now would find it
        assertThat(c.written()).isEqualTo(1);
        c.handedIn(AUDIO, 0.043, 0.043);
        assertThat(c.written()).isEqualTo(2);
        assertThat(c.lastWrittenPts()).isEqualTo(0.033);
    }

    @Test
    void bFramesAreOrderedByDecodeTimeAndTheirSpanByPresentation() {
        InterleavedCount c = new InterleavedCount(new boolean[]{true, false});
        c.handedIn(VIDEO, -0.066, 0.000); // I
        c.handedIn(VIDEO, -0.033, 0.100); // P shown after two B-frames
        c.handedIn(VIDEO, 0.000, 0.033); // B
        c.handedIn(AUDIO, 0.010, 0.010);
        assertThat(c.written()).isEqualTo(3);
        assertThat(c.lastWrittenPts()).isEqualTo(0.100);
    }

    @Test
    void videoAloneIsWrittenAtOnce() {
        InterleavedCount c = new InterleavedCount(new boolean[]{true});
        c.handedIn(VIDEO, 0, 0);
        c.handedIn(VIDEO, 0.033, 0.033);
        assertThat(c.written()).isEqualTo(2);
    }
}
