package io.castline.engine.output;

import io.castline.engine.destination.Destination;
import io.castline.engine.encode.AudioEncoder;
import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.MediaType;
import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * A network output hands packets to the connection as they come (no interleaving), and FLV refuses
 * a packet older than the connection's first one. After a reconnect the queue starts on a recent
 * keyframe and the sound of the moment before it (audio trails the picture by a frame or two) is
 * still to come: the output must start the connection with the picture and leave that older sound
 * out, not fail every attempt with "Invalid argument" (as a backup did in CI). Real packets from
 * the real encoders, stamped here in the order the encoders deliver them, to a real nginx-rtmp.
 */
class ReconnectOrderTest {
    private static final int FPS = 30;
    private static final int SAMPLES_PER_FRAME = 48_000 / FPS;

    @Test
    void aReconnectStartsOnTheKeyframeAndLeavesOutTheSoundOlderThanIt() throws Exception {
        Path dir = TestWorkdir.fresh("reconnect-order");
        try (NginxRtmp ingest = NginxRtmp.start(dir.resolve("ingest"));
             Packets packets = new Packets()) {
            String key = "reconnect_order";
            Output output = new Output(OutputTarget.network(Destination.parse("primary", ingest.url(NginxRtmp.LIVE, key))),
                    List.of(packets.video.streamInfo(), packets.audio.streamInfo()), Output.Config.standard(),
                    Backoff.standard(), null);
            output.start();
            try {
                // first connection, audio trailing the picture by two frames, long enough to count
                // as established (a shorter one would read as a refused key)
                for (int f = 0; f < FPS; f++) packets.frame(output, f, 2);
                await("LIVE", () -> output.state() == OutputState.LIVE, output);
                int established = (int) (FPS + Output.ESTABLISH_MILLIS * 3 / 2 * FPS / 1000);
                pace(output, packets, FPS, established);

                ingest.kill();
                int f = established;
                long until = System.nanoTime() + 20_000_000_000L;
                while (output.state() == OutputState.LIVE && System.nanoTime() < until) packets.frame(output, f++, 2);
                await("RECONNECTING", () -> output.state() == OutputState.RECONNECTING, output);

                ingest.restart();
                await("LIVE again", () -> output.state() == OutputState.LIVE, output);
                // the connection that came back starts on the next keyframe; then the encoders go
                // on, first with the sound of the two frames before that picture
                int keyframe = f + 10;
                packets.videoOnly(output, keyframe);
                for (int a = keyframe - 2; a < keyframe; a++) packets.audioOnly(output, a);
                pace(output, packets, keyframe + 1, keyframe + 1 + 2 * FPS);
                assertThat(output.state()).as(String.valueOf(output.status().reason())).isEqualTo(OutputState.LIVE);
            } finally {
                output.requestStop();
                output.awaitStop();
            }
            assertThat(output.status().reason()).as("no failed send after the reconnect").doesNotContain("Invalid argument");
            // the first publish ended with nginx killed (not logged); the second one by the stop
            ingest.awaitPublishesFinished(NginxRtmp.LIVE, key, 1, java.time.Duration.ofSeconds(10));
            List<Path> recordings = ingest.recordings(key);
            assertThat(recordings).as("two publishes: before and after the ingest went down").hasSize(2);
            Ffprobe.Probe second = Ffprobe.probe(recordings.get(1));
            assertThat(second.firstVideoPacketIsKey()).isTrue();
            assertThat(second.videoFrameCount()).as("the reconnected stream's pictures").isGreaterThanOrEqualTo(2 * FPS);
            assertThat(second.audio().codecName()).isEqualTo("aac");
        }
    }

    /** Frames {@code from} until {@code to}, one every 1/30 s (as the clock would hand them over). */
    private static void pace(Output output, Packets packets, int from, int to) throws Exception {
        for (int f = from; f < to; f++) {
            packets.frame(output, f, 2);
            Thread.sleep(1000 / FPS);
        }
    }

    private static void await(String what, BooleanSupplier condition, Output output) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("not " + what + ": " + output.state() + " " + output.status().reason());
            Thread.sleep(20);
        }
    }

    /** One real H.264 keyframe and one real AAC frame, stamped again for each moment they stand for. */
    private static final class Packets implements AutoCloseable {
        final VideoEncoder video;
        final AudioEncoder audio;
        final List<EncodedPacket> pictures = new ArrayList<>();
        final List<EncodedPacket> sounds = new ArrayList<>();

        Packets() throws Exception {
            EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
            b.width = 320;
            b.height = 180;
            b.fps = FPS;
            b.bframes = 0;
            b.tune = "zerolatency";
            video = new VideoEncoder(b.build().validated());
            audio = new AudioEncoder(128);
            AVFrame frame = av_frame_alloc();
            frame.width(320).height(180).format(AV_PIX_FMT_YUV420P);
            av_frame_get_buffer(frame, 32);
            av_frame_make_writable(frame);
            for (int i = 0; i < 3 && pictures.isEmpty(); i++) {
                frame.pts(i);
                video.encode(frame, System.nanoTime(), pictures::add);
            }
            av_frame_free(frame);
            float[][] silence = new float[2][audio.frameSize()];
            for (int i = 0; i < 8 && sounds.isEmpty(); i++) audio.encode(silence, (long) i * audio.frameSize(), System.nanoTime(), sounds::add);
            if (pictures.isEmpty()) throw new IllegalStateException("the video encoder gave no packet");
            if (sounds.isEmpty()) throw new IllegalStateException("the audio encoder gave no packet");
        }

        /** Picture {@code f}, then the sound of frame {@code f - trail} (the order the encoders hand them over). */
        void frame(Output output, int f, int trail) {
            videoOnly(output, f);
            if (f - trail >= 0) audioOnly(output, f - trail);
        }

        void videoOnly(Output output, int f) {
            offer(output, pictures.get(0), MediaType.VIDEO, FPS, f);
        }

        void audioOnly(Output output, int f) {
            offer(output, sounds.get(0), MediaType.AUDIO, 48_000, (long) f * SAMPLES_PER_FRAME);
        }

        private static void offer(Output output, EncodedPacket model, MediaType type, int timeBase, long ts) {
            AVPacket p = model.newReference();
            p.pts(ts);
            p.dts(ts);
            Output.fanOut(new EncodedPacket(p, type, timeBase, System.nanoTime()), List.of(output));
        }

        @Override public void close() {
            pictures.forEach(EncodedPacket::close);
            sounds.forEach(EncodedPacket::close);
            video.close();
            audio.close();
        }
    }
}
