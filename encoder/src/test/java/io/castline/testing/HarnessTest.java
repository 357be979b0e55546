package io.castline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.castline.testing.BundledTools.Result;
import io.castline.testing.Ffprobe.Packet;
import io.castline.testing.Ffprobe.Probe;

/** The integration-test harness itself: real nginx-rtmp, real ffmpeg publisher, real ffprobe. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HarnessTest {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void recordsWhatIsPublished() throws IOException {
        Path dir = TestWorkdir.fresh("HarnessTest/records");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"))) {
            assertThat(nginx.url(NginxRtmp.LIVE, "abc")).isEqualTo("rtmp://127.0.0.1:" + nginx.port() + "/live/abc");

            Result r = publish(nginx.url(NginxRtmp.LIVE, "abc"), 3, dir.resolve("ffmpeg.log"));
            assertThat(r.exitCode()).as(r.log()).isZero();
            nginx.awaitPublishesFinished(NginxRtmp.LIVE, "abc", 1, Duration.ofSeconds(5));

            List<Path> recordings = nginx.recordings("abc");
            assertThat(recordings).hasSize(1);
            assertThat(recordings.get(0).getFileName().toString()).matches("abc-\\d{10}\\.flv");

            Probe probe = Ffprobe.probe(recordings.get(0));
            assertThat(probe.video()).isNotNull();
            assertThat(probe.video().codecName()).isEqualTo("h264");
            assertThat(probe.video().width()).isEqualTo(320);
            assertThat(probe.video().height()).isEqualTo(240);
            assertThat(probe.video().avgFps()).isCloseTo(25.0, within(0.5));
            assertThat(probe.videoFrameCount()).isBetween(73, 77);
            assertThat(probe.measuredFps()).isCloseTo(25.0, within(0.5));
            assertThat(probe.maxVideoGapSeconds()).isCloseTo(0.04, within(0.005));
            assertThat(probe.firstVideoPacketIsKey()).isTrue();
            assertThat(probe.keyframeIntervals()).isNotEmpty().containsOnly(25);
            assertThat(probe.videoKbps()).isPositive();
            assertThat(probe.durationSeconds()).isCloseTo(3.0, within(0.3));

            assertThat(probe.audio()).isNotNull();
            assertThat(probe.audio().codecName()).isEqualTo("aac");
            assertThat(probe.audio().sampleRate()).isEqualTo(48000);
            assertThat(probe.audioPackets()).isNotEmpty();
        }
    }

    @Test
    void killInterruptsThePublisherAndRestartServesAgainOnTheSamePort() throws Exception {
        Path dir = TestWorkdir.fresh("HarnessTest/restart");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"))) {
            int port = nginx.port();
            String url = nginx.url(NginxRtmp.LIVE, "k");

            // a long publish, cut off by a crash of the server
            Process publisher = BundledTools.startFfmpeg(BundledTools.testStreamArgs(url, 320, 240, 25, 30),
                    dir.resolve("ffmpeg-1.log"));
            try {
                awaitRecordingBytes(nginx, "k", 40_000); // ~1 s of stream
                nginx.kill();
                assertThat(nginx.isRunning()).isFalse();
                assertThat(accepts(port)).isFalse();
                assertThat(publisher.waitFor(10, TimeUnit.SECONDS)).as("publisher notices the dead server").isTrue();
                assertThat(publisher.exitValue()).isNotZero();
            } finally {
                publisher.destroyForcibly();
            }

            nginx.restart();
            assertThat(nginx.isRunning()).isTrue();
            assertThat(nginx.port()).isEqualTo(port);
            assertThat(accepts(port)).isTrue();

            Result r = publish(url, 2, dir.resolve("ffmpeg-2.log"));
            assertThat(r.exitCode()).as(r.log()).isZero();
            nginx.awaitPublishesFinished(NginxRtmp.LIVE, "k", 1, Duration.ofSeconds(5));

            // record_unique: the publish after the restart made a second file, named after its later start
            List<Path> recordings = nginx.recordings("k");
            assertThat(recordings).hasSize(2);
            long first = NginxRtmp.publishStartEpochSecond(recordings.get(0)).orElseThrow();
            long second = NginxRtmp.publishStartEpochSecond(recordings.get(1)).orElseThrow();
            assertThat(second).isGreaterThan(first);

            // the interrupted recording keeps what arrived before the crash
            Probe interrupted = Ffprobe.probe(recordings.get(0));
            assertThat(interrupted.video().codecName()).isEqualTo("h264");
            assertThat(interrupted.firstVideoPacketIsKey()).isTrue();
            assertThat(interrupted.videoFrameCount()).isGreaterThan(10);

            Probe after = Ffprobe.probe(recordings.get(1));
            assertThat(after.videoFrameCount()).isBetween(48, 52);
            assertThat(after.firstVideoPacketIsKey()).isTrue();
        }
    }

    @Test
    void publishingToTheDenyAppFails() throws IOException {
        Path dir = TestWorkdir.fresh("HarnessTest/deny");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"))) {
            Result r = publish(nginx.url(NginxRtmp.DENY, "abc"), 2, dir.resolve("ffmpeg.log"));

            assertThat(r.exitCode()).as(r.log()).isNotZero();
            assertThat(nginx.errorLog()).contains("access forbidden by rule");
            assertThat(nginx.recordings("abc")).isEmpty();
            assertThat(nginx.isRunning()).isTrue();
        }
    }

    @Test
    void closeStopsNginxAndFreesThePort() throws IOException {
        Path dir = TestWorkdir.fresh("HarnessTest/close");
        NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"));
        ProcessHandle handle = ProcessHandle.of(nginx.pid().orElseThrow()).orElseThrow();
        assertThat(accepts(nginx.port())).isTrue();

        nginx.close();
        nginx.close(); // idempotent

        assertThat(handle.isAlive()).isFalse();
        assertThat(accepts(nginx.port())).isFalse();
    }

    @Test
    void probeMathFollowsItsDocumentedDefinitions() {
        // 6 s at 10 fps, keyframe every 20 frames; the first second is 5x larger (start-up skew)
        List<Packet> video = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            video.add(new Packet(i * 0.1, i * 0.1, i < 10 ? 5000 : 1000, i % 20 == 0));
        }
        Probe probe = new Probe(null, null, 6.0, video, List.of());

        assertThat(probe.videoFrameCount()).isEqualTo(60);
        assertThat(probe.firstVideoPacketIsKey()).isTrue();
        assertThat(probe.keyframeIntervals()).containsExactly(20, 20);
        assertThat(probe.measuredFps()).isCloseTo(10.0, within(1e-9));
        assertThat(probe.maxVideoGapSeconds()).isCloseTo(0.1, within(1e-9));
        // span 6 s > 4 s: frames 10..59 count, 50 x 1000 B = 400 kbit over 5.0 s
        assertThat(probe.videoKbps()).isCloseTo(80.0, within(1e-6));

        // short file: nothing excluded; 20 frames of 1000 B over 2.0 s
        List<Packet> shortVideo = video.subList(10, 30);
        assertThat(new Probe(null, null, 2.0, shortVideo, List.of()).videoKbps()).isCloseTo(80.0, within(1e-6));

        // a missing frame shows up as a gap; decode order differs from presentation order (B-frames)
        List<Packet> reordered = List.of(
                new Packet(0.1, 0.0, 100, true), new Packet(0.3, 0.1, 100, false),
                new Packet(0.2, 0.2, 100, false), new Packet(0.6, 0.3, 100, false));
        Probe gappy = new Probe(null, null, 0.6, reordered, List.of());
        assertThat(gappy.maxVideoGapSeconds()).isCloseTo(0.3, within(1e-9));
        assertThat(gappy.measuredFps()).isCloseTo(3 / 0.5, within(1e-9));
    }

    private static Result publish(String url, double seconds, Path log) {
        return BundledTools.runFfmpeg(BundledTools.testStreamArgs(url, 320, 240, 25, seconds), log, PUBLISH_TIMEOUT);
    }

    /** Waits until the (single, growing) recording of {@code key} holds at least {@code bytes}. */
    private static void awaitRecordingBytes(NginxRtmp nginx, String key, long bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<Path> recordings = nginx.recordings(key);
            if (!recordings.isEmpty() && Files.size(recordings.get(0)) >= bytes) {
                return;
            }
            assertThat(System.nanoTime()).as("recording of %s reaches %d bytes", key, bytes).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
