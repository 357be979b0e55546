package io.castline.engine.audio;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class AudioRingTest {

    /** Stereo block: left = start, start+1, ...; right = left + 1000. */
    private static float[][] stereo(int start, int count) {
        float[][] b = new float[2][count];
        for (int i = 0; i < count; i++) {
            b[0][i] = start + i;
            b[1][i] = start + i + 1000;
        }
        return b;
    }

    private static float[] range(int start, int count) {
        float[] r = new float[count];
        for (int i = 0; i < count; i++) r[i] = start + i;
        return r;
    }

    private static float[] plus(float[] a, float add) {
        float[] r = a.clone();
        for (int i = 0; i < r.length; i++) r[i] += add;
        return r;
    }

    @Test
    void readsBackWhatWasWrittenInOrder() {
        AudioRing ring = new AudioRing(2, 16);
        ring.write(stereo(1, 5), 0, 5);
        assertThat(ring.available()).isEqualTo(5);
        float[][] out = new float[2][5];
        assertThat(ring.read(out, 5)).isEqualTo(5);
        assertThat(out[0]).containsExactly(range(1, 5));
        assertThat(out[1]).containsExactly(plus(range(1, 5), 1000));
        assertThat(ring.available()).isZero();
        assertThat(ring.overruns()).isZero();
    }

    @Test
    void writeHonoursOffsetAndCount() {
        AudioRing ring = new AudioRing(2, 16);
        ring.write(stereo(1, 6), 2, 3); // samples 3, 4, 5
        float[][] out = new float[2][8];
        assertThat(ring.read(out, 8)).isEqualTo(3);
        assertThat(Arrays.copyOf(out[0], 3)).containsExactly(3f, 4f, 5f);
        assertThat(Arrays.copyOf(out[1], 3)).containsExactly(1003f, 1004f, 1005f);
    }

    @Test
    void partialReadsContinueWhereTheLastOneStopped() {
        AudioRing ring = new AudioRing(2, 16);
        ring.write(stereo(1, 7), 0, 7);
        float[][] out = new float[2][4];
        assertThat(ring.read(out, 2)).isEqualTo(2);
        assertThat(Arrays.copyOf(out[0], 2)).containsExactly(1f, 2f);
        assertThat(ring.available()).isEqualTo(5);

        float[][] more = new float[2][10];
        assertThat(ring.read(more, 10)).isEqualTo(5); // only 5 left
        assertThat(Arrays.copyOf(more[0], 5)).containsExactly(3f, 4f, 5f, 6f, 7f);
        assertThat(Arrays.copyOf(more[1], 5)).containsExactly(1003f, 1004f, 1005f, 1006f, 1007f);
        assertThat(more[0][5]).isZero(); // untouched beyond what was available

        float[][] none = {{-1f, -1f}, {-1f, -1f}};
        assertThat(ring.read(none, 2)).isZero();
        assertThat(none[0]).containsExactly(-1f, -1f); // nothing written when empty
    }

    @Test
    void wrapsAroundTheEndOfTheBuffer() {
        AudioRing ring = new AudioRing(2, 4);
        float[][] out = new float[2][4];
        ring.write(stereo(1, 3), 0, 3);
        assertThat(ring.read(out, 3)).isEqualTo(3);
        ring.write(stereo(4, 3), 0, 3); // indexes 3, 0, 1
        assertThat(ring.read(out, 4)).isEqualTo(3);
        assertThat(Arrays.copyOf(out[0], 3)).containsExactly(4f, 5f, 6f);
        assertThat(Arrays.copyOf(out[1], 3)).containsExactly(1004f, 1005f, 1006f);
        assertThat(ring.overruns()).isZero();
    }

    @Test
    void fillingExactlyToCapacityIsNoOverrun() {
        AudioRing ring = new AudioRing(2, 4);
        ring.write(stereo(1, 4), 0, 4);
        assertThat(ring.available()).isEqualTo(4);
        assertThat(ring.overruns()).isZero();
    }

    @Test
    void overrunKeepsTheNewestSamplesAndCountsTheLostOnes() {
        AudioRing ring = new AudioRing(2, 4);
        ring.write(stereo(1, 3), 0, 3);
        ring.write(stereo(4, 3), 0, 3); // 6 written into 4: samples 1 and 2 are lost
        assertThat(ring.available()).isEqualTo(4);
        assertThat(ring.overruns()).isEqualTo(2);
        float[][] out = new float[2][4];
        assertThat(ring.read(out, 4)).isEqualTo(4);
        assertThat(out[0]).containsExactly(3f, 4f, 5f, 6f);
        assertThat(out[1]).containsExactly(1003f, 1004f, 1005f, 1006f);

        ring.write(stereo(7, 5), 0, 5); // 5 into an empty ring of 4: sample 7 lost
        assertThat(ring.overruns()).isEqualTo(3);
        assertThat(ring.read(out, 4)).isEqualTo(4);
        assertThat(out[0]).containsExactly(8f, 9f, 10f, 11f);
    }

    @Test
    void oneWriteLongerThanTheCapacityKeepsItsTail() {
        AudioRing ring = new AudioRing(2, 4);
        ring.write(stereo(1, 10), 0, 10);
        assertThat(ring.overruns()).isEqualTo(6);
        assertThat(ring.available()).isEqualTo(4);
        float[][] out = new float[2][4];
        assertThat(ring.read(out, 4)).isEqualTo(4);
        assertThat(out[0]).containsExactly(7f, 8f, 9f, 10f);
        assertThat(out[1]).containsExactly(1007f, 1008f, 1009f, 1010f);
    }

    @Test
    void monoSourceIsDuplicatedToBothChannels() {
        AudioRing ring = new AudioRing(2, 8);
        float[][] mono = {range(1, 4)};
        ring.write(mono, 0, 4);
        float[][] out = new float[2][4];
        assertThat(ring.read(out, 4)).isEqualTo(4);
        assertThat(out[0]).containsExactly(1f, 2f, 3f, 4f);
        assertThat(out[1]).containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void monoRingIsDuplicatedToStereoOutput() {
        AudioRing ring = new AudioRing(1, 8);
        ring.write(stereo(1, 3), 0, 3); // only the left channel is kept
        float[][] out = new float[2][3];
        assertThat(ring.read(out, 3)).isEqualTo(3);
        assertThat(out[0]).containsExactly(1f, 2f, 3f);
        assertThat(out[1]).containsExactly(1f, 2f, 3f);
    }
}
