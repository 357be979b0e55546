package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.VideoCodec;
import io.castline.testing.BundledTools;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * HEVC: into the recording, and over Enhanced RTMP to FFmpeg's own RTMP listener (nginx-rtmp 1.2.2
 * drops HEVC video, see DESIGN.md).
 */
class X265Test {
    @Test
    void hevcReachesTheRecordingAndAnEnhancedRtmpReceiver() throws Exception {
        Path dir = TestWorkdir.fresh("x265");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path received = dir.resolve("received.mkv");
        Process receiver = BundledTools.startFfmpeg(List.of("-hide_banner", "-y", "-listen", "1",
                "-i", "rtmp://127.0.0.1:" + port + "/live/hevc_key_42", "-c", "copy", received.toString()),
                dir.resolve("receiver.log"));
        try {
            awaitListening(port, Duration.ofSeconds(10));
            EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
            b.codec = VideoCodec.X265;
            b.preset = "ultrafast";
            b.bitrateKbps = 1500;
            EncoderSettings s = b.build();
            Path recording = dir.resolve("local.mkv");
            Broadcast live = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", "rtmp://127.0.0.1:" + port + "/live/hevc_key_42")),
                    OutputTarget.recording("recording", recording)), null);
            try {
                LiveFixture.await("receiver live", Duration.ofSeconds(10), () -> live.output("primary").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(8);
                assertThat(live.output("primary").state()).isEqualTo(OutputState.LIVE);
            } finally {
                live.stop();
            }
            assertThat(receiver.waitFor(15, TimeUnit.SECONDS)).as("receiver ends with the stream").isTrue();

            for (Path file : List.of(recording, received)) {
                Ffprobe.Probe p = Ffprobe.probe(file);
                DualRtmpTest.report("x265 " + file.getFileName(), p);
                assertThat(p.video().codecName()).isEqualTo("hevc");
                assertThat(p.video().width()).isEqualTo(s.width());
                assertThat(p.video().height()).isEqualTo(s.height());
                assertThat(p.measuredFps()).isCloseTo(s.fps(), within(0.5));
                assertThat(p.firstVideoPacketIsKey()).isTrue();
                assertThat(p.keyframeIntervals()).allSatisfy(g -> assertThat(g).isBetween(s.gopFrames() - 1, s.gopFrames() + 1));
                assertThat(p.audio().codecName()).isEqualTo("aac");
                assertThat(p.videoFrameCount()).isGreaterThan(6 * s.fps());
            }
        } finally {
            receiver.destroyForcibly();
        }
    }

    /** Waits until something listens on the port, read from /proc (a probe connection would use up the one accept). */
    static void awaitListening(int port, Duration timeout) throws IOException, InterruptedException {
        String hexPort = String.format(Locale.ROOT, ":%04X ", port);
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path p = Path.of(table);
                if (!Files.exists(p)) continue;
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && f[3].equals("0A")) return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing listens on port " + port);
    }
}
