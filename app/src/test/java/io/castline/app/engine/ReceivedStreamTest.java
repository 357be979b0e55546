package io.castline.app.engine;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReceivedStreamTest {

    /** ffprobe JSON for {@code frames} video packets at {@code fps} (a keyframe every {@code gop}) and an AAC stream. */
    static String probeJson(int frames, int fps, int gop, int keySize, int frameSize, boolean withAudio) {
        StringBuilder packets = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            boolean key = i % gop == 0;
            if (i > 0) packets.append(',');
            packets.append(String.format(Locale.ROOT,
                    "{\"codec_type\":\"video\",\"stream_index\":0,\"pts_time\":\"%.6f\",\"size\":\"%d\",\"flags\":\"%s\"}",
                    1.0 + i / (double) fps, key ? keySize : frameSize, key ? "K__" : "___"));
            if (withAudio) packets.append(String.format(Locale.ROOT,
                    ",{\"codec_type\":\"audio\",\"stream_index\":1,\"pts_time\":\"%.6f\",\"size\":\"300\",\"flags\":\"K__\"}",
                    1.0 + i / (double) fps));
        }
        String audio = withAudio ? ",{\"index\":1,\"codec_name\":\"aac\",\"codec_type\":\"audio\",\"sample_rate\":\"48000\",\"channels\":2}" : "";
        return "{\"packets\":[" + packets + "],\"streams\":[{\"index\":0,\"codec_name\":\"h264\",\"profile\":\"High\","
                + "\"codec_type\":\"video\",\"width\":1280,\"height\":720,\"r_frame_rate\":\"30/1\",\"avg_frame_rate\":\"30/1\"}"
                + audio + "],\"format\":{\"duration\":\"" + String.format(Locale.ROOT, "%.3f", frames / (double) fps) + "\"}}";
    }

    @Test
    void readsCodecSizeRateKeyframeSpacingBitrateAndAudio() throws Exception {
        // 10 s at 30 fps, keyframe every 60 frames; after the first second 270 frames: 4 keyframes of 20000 B + 266 of 5000 B
        ReceivedStream r = ReceivedStream.parse("primary", "rtmp://127.0.0.1:1935/live/••••", 123_456,
                probeJson(300, 30, 60, 20_000, 5_000, true));
        assertThat(r.ok()).isTrue();
        assertThat(r.videoCodec()).isEqualTo("h264");
        assertThat(r.videoProfile()).isEqualTo("High");
        assertThat(r.width()).isEqualTo(1280);
        assertThat(r.height()).isEqualTo(720);
        assertThat(r.fps()).isCloseTo(30.0, within(1e-3));
        assertThat(r.videoFrames()).isEqualTo(300);
        assertThat(r.keyframes()).isEqualTo(5);
        assertThat(r.keyframeFrames()).isEqualTo(60);
        assertThat(r.keyframeSeconds()).isCloseTo(2.0, within(1e-3));
        double expectedKbps = (4 * 20_000 + 266 * 5_000) * 8 / 1000.0 / 9.0;
        assertThat(r.videoKbps()).isCloseTo(expectedKbps, within(0.5));
        assertThat(r.audioCodec()).isEqualTo("aac");
        assertThat(r.audioSampleRate()).isEqualTo(48_000);
        assertThat(r.audioChannels()).isEqualTo(2);
        assertThat(r.durationSeconds()).isCloseTo(10.0, within(1e-3));
        assertThat(r.fileBytes()).isEqualTo(123_456);
    }

    @Test
    void aSingleKeyframeLeavesTheSpacingUnknown() throws Exception {
        ReceivedStream r = ReceivedStream.parse("backup", "u", 1, probeJson(20, 25, 60, 10_000, 1_000, false));
        assertThat(r.keyframes()).isEqualTo(1);
        assertThat(r.keyframeFrames()).isNull();
        assertThat(r.keyframeSeconds()).isNull();
        assertThat(r.fps()).isCloseTo(25.0, within(1e-3));
        assertThat(r.audioCodec()).isNull();
    }

    @Test
    void noVideoIsAProblemNotAnException() throws Exception {
        ReceivedStream r = ReceivedStream.parse("backup", "u", 10, "{\"packets\":[],\"streams\":[],\"format\":{}}");
        assertThat(r.ok()).isFalse();
        assertThat(r.problem()).isEqualTo("no video arrived");
    }

    @Test
    void rationalsOfFfprobe() {
        assertThat(ReceivedStream.rational("30000/1001")).isCloseTo(29.97, within(0.01));
        assertThat(ReceivedStream.rational("0/0")).isNaN();
        assertThat(ReceivedStream.rational("")).isNaN();
    }
}
