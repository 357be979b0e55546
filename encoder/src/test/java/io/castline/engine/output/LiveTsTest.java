package io.castline.engine.output;

import io.castline.engine.destination.Destination;
import io.castline.engine.encode.AudioEncoder;
import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.ffmpeg.Interrupts;
import io.castline.engine.settings.EncoderSettings;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * MPEG-TS on a live connection (SRT) is written so that a receiver can hand each packet on as soon
 * as it is whole: every picture's PES carries its length (FFmpeg omits it for video by default, and
 * a demuxer then waits for the next picture: a frame of latency, measured at 33 ms by the bench),
 * and every AAC packet is a PES of its own (by default FFmpeg gathers 2930 bytes, ~170 ms of sound).
 * The real muxer into a sink that keeps the bytes, parsed here packet by packet.
 */
class LiveTsTest {

    @Test
    void eachPictureSaysItsLengthAndEachSoundPacketGoesOutOnItsOwn() throws Exception {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 320;
        b.height = 180;
        b.tune = "zerolatency";
        b.bframes = 0;
        List<EncodedPacket> pictures = new ArrayList<>();
        List<EncodedPacket> sounds = new ArrayList<>();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        int soundsWritten;
        ByteSink sink = new ByteSink() {
            @Override public boolean send(long address, int length) {
                byte[] bytes = new com.sun.jna.Pointer(address).getByteArray(0, length);
                sent.write(bytes, 0, length);
                return true;
            }

            @Override public String failure() { return null; }
        };
        try (VideoEncoder video = new VideoEncoder(b.build().validated()); AudioEncoder audio = new AudioEncoder(128)) {
            AVFrame frame = av_frame_alloc();
            frame.width(320).height(180).format(AV_PIX_FMT_YUV420P);
            av_frame_get_buffer(frame, 32);
            for (int i = 0; i < 10; i++) {
                av_frame_make_writable(frame);
                for (int plane = 0; plane < 3; plane++) {
                    int h = plane == 0 ? 180 : 90;
                    byte[] row = new byte[frame.linesize(plane)];
                    java.util.Arrays.fill(row, (byte) (16 + i * 20 + plane * 7));
                    for (int y = 0; y < h; y++) frame.data(plane).position((long) y * row.length).put(row);
                    frame.data(plane).position(0);
                }
                frame.pts(i);
                video.encode(frame, System.nanoTime(), pictures::add);
            }
            av_frame_free(frame);
            float[][] tone = new float[2][audio.frameSize()];
            for (int i = 0; i < 12; i++) {
                for (int s = 0; s < tone[0].length; s++) tone[0][s] = tone[1][s] = (float) Math.sin((i * tone[0].length + s) * 0.05);
                audio.encode(tone, (long) i * audio.frameSize(), System.nanoTime(), sounds::add);
            }
            assertThat(pictures).as("pictures out of the encoder").hasSizeGreaterThan(5);
            assertThat(sounds).as("AAC packets out of the encoder").hasSizeGreaterThan(5);

            OutputTarget target = OutputTarget.network(Destination.parse("srt", "srt://127.0.0.1:9/"));
            Muxer muxer = Muxer.open(target, List.of(video.streamInfo(), audio.streamInfo()), new Interrupts.Deadline(), sink);
            try {
                int a = 0;
                for (EncodedPacket p : pictures) {
                    muxer.write(p.newReference(), 0);
                    if (a < sounds.size()) muxer.write(sounds.get(a++).newReference(), 1);
                }
                while (a < sounds.size()) muxer.write(sounds.get(a++).newReference(), 1);
                soundsWritten = a;
                muxer.finish();
            } finally {
                muxer.close();
            }
        } finally {
            pictures.forEach(EncodedPacket::close);
            sounds.forEach(EncodedPacket::close);
        }

        List<Integer> videoLengths = new ArrayList<>();
        int audioPes = 0;
        byte[] ts = sent.toByteArray();
        assertThat(ts.length % 188).as("whole TS packets").isZero();
        for (int at = 0; at + 188 <= ts.length; at += 188) {
            assertThat(ts[at]).as("sync byte").isEqualTo((byte) 0x47);
            boolean unitStart = (ts[at + 1] & 0x40) != 0;
            int adaptation = (ts[at + 3] >> 4) & 0x3;
            if (!unitStart || (adaptation & 0x1) == 0) continue;
            int payload = at + 4 + ((adaptation & 0x2) != 0 ? 1 + (ts[at + 4] & 0xff) : 0);
            if (payload + 6 > at + 188 || ts[payload] != 0 || ts[payload + 1] != 0 || ts[payload + 2] != 1) continue;
            int streamId = ts[payload + 3] & 0xff;
            int length = ((ts[payload + 4] & 0xff) << 8) | (ts[payload + 5] & 0xff);
            if (streamId >= 0xE0 && streamId <= 0xEF) videoLengths.add(length);
            else if (streamId >= 0xC0 && streamId <= 0xDF) audioPes++;
        }
        assertThat(videoLengths).as("a PES per picture").hasSize(10);
        assertThat(videoLengths).as("every picture's PES says its length").allSatisfy(l -> assertThat(l).isPositive());
        assertThat(audioPes).as("a PES per AAC packet").isEqualTo(soundsWritten);
    }
}
