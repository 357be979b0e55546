package io.castline.engine.encode;

import io.castline.engine.settings.EncoderSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;

/**
 * The Opus encode rides on the mixer's AAC-sized ticks (1024 samples): its 20 ms frames (960) must
 * follow each other on the program's sample clock whatever the tick size, from where it started.
 */
class OpusEncoderTest {
    private static final int TICK = 1024;

    @Test
    void ticksOf1024SamplesBecomeContiguousOpusFramesOnTheProgramsClock() throws Exception {
        List<long[]> packets = new ArrayList<>(); // pts, duration, codec
        long start = 48_000L * 7; // a broadcast that starts 7 s into the program
        try (OpusEncoder opus = new OpusEncoder(128)) {
            assertThat(opus.streamInfo().codecId()).isEqualTo(AV_CODEC_ID_OPUS);
            assertThat(opus.streamInfo().parameters().sample_rate()).isEqualTo(EncoderSettings.AUDIO_SAMPLE_RATE);
            float[][] tick = new float[2][TICK];
            for (int t = 0; t < 75; t++) { // 1.6 s
                for (int i = 0; i < TICK; i++) {
                    float v = (float) Math.sin(2 * Math.PI * 440 * (t * TICK + i) / 48_000.0) * 0.3f;
                    tick[0][i] = v;
                    tick[1][i] = v;
                }
                opus.encode(tick, start + (long) t * TICK, System.nanoTime(), p -> {
                    try (p) {
                        packets.add(new long[]{p.pts(), p.size(), p.codecId()});
                    }
                });
            }
        }
        // 75 × 1024 = 76800 samples = 80 whole frames of 960; the encoder holds one or two back
        assertThat(packets.size()).isBetween(77, 80);
        assertThat(packets).allMatch(p -> p[2] == AV_CODEC_ID_OPUS && p[1] > 0);
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i)[0] - packets.get(i - 1)[0]).as("pts step at packet " + i).isEqualTo(960);
        }
        // libopus's pre-skip (312 samples) moves the first packet before the first sample it was given
        assertThat(packets.get(0)[0]).isBetween(start - 960, start);
    }
}
