package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.BundledTools;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every kind of video source through the real capture code, into a recording read back with
 * ffprobe/ffmpeg. There is no camera here: the camera path is driven by FFmpeg's lavfi input
 * (with the realtime filter, so it behaves like a live device); the screen by Xvfb.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class SourcesTest {

    private static EncoderSettings small() {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 640;
        b.height = 360;
        b.bitrateKbps = 800;
        return b.build();
    }

    private static Ffprobe.Probe record(String name, String video, String videoFormat, String audio, double seconds,
                                        boolean expectSignal) throws Exception {
        Path file = TestWorkdir.fresh("sources-" + name).resolve("out.mkv");
        Broadcast b = Broadcast.start(LiveFixture.config(small(), video, videoFormat, audio,
                OutputTarget.recording("recording", file)), null);
        try {
            LiveFixture.sleepSeconds(seconds);
            assertThat(b.lastSnapshot().frames().skipped()).isZero();
            String problem = b.program().videoSource().problem();
            if (expectSignal) assertThat(problem).as("video source problem").isNull();
            else assertThat(problem).startsWith("no signal");
        } finally {
            b.stop();
        }
        Ffprobe.Probe p = Ffprobe.probe(file);
        DualRtmpTest.report("source " + name, p);
        return p;
    }

    @Test
    void cameraPathIsScaledIntoTheCanvasWithBlackBars() throws Exception {
        // a 4:3 "camera" on a 16:9 canvas: pillarboxed, centred
        Ffprobe.Probe p = record("camera", "camera:testsrc2=size=640x480:rate=30,realtime", "lavfi", "none", 4, true);
        assertThat(p.video().width()).isEqualTo(640);
        assertThat(p.video().height()).isEqualTo(360);
        assertThat(p.measuredFps()).isCloseTo(30, within(0.5));
        assertThat(p.audio()).isNull();

        byte[] luma = grayFrame(p, "camera", 640, 360);
        // 480 px wide picture centred in 640: bars are 80 px each side
        assertThat(columnMean(luma, 640, 360, 20)).as("left bar").isBetween(0.0, 20.0);
        assertThat(columnMean(luma, 640, 360, 620)).as("right bar").isBetween(0.0, 20.0);
        assertThat(columnMean(luma, 640, 360, 320)).as("picture").isGreaterThan(40.0);
    }

    @Test
    void missingCameraShowsNoSignalAndTheStreamGoesOn() throws Exception {
        Ffprobe.Probe p = record("missing-camera", "camera:/dev/video-castline-missing", null, "sine", 4, false);
        assertThat(p.measuredFps()).isCloseTo(30, within(0.5));
        assertThat(p.videoFrameCount()).isGreaterThan(3 * 30);
        assertThat(p.maxVideoGapSeconds()).isLessThan(0.07);
        assertThat(p.audio().codecName()).isEqualTo("aac");
        byte[] luma = grayFrame(p, "missing-camera", 640, 360);
        // the no-signal card: dark background with light text in the middle rows
        assertThat(columnMean(luma, 640, 360, 5)).isBetween(15.0, 50.0);
        assertThat(max(luma)).as("the card's text").isGreaterThan(150);
    }

    @Test
    void fileSourceLoops() throws Exception {
        Path dir = TestWorkdir.fresh("sources-file-input");
        Path clip = dir.resolve("clip.mp4");
        BundledTools.Result made = BundledTools.runFfmpeg(List.of("-hide_banner", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=44100",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", clip.toString()),
                dir.resolve("make.log"), Duration.ofSeconds(60));
        assertThat(made.succeeded()).as(made.log()).isTrue();

        Ffprobe.Probe p = record("file", "file:" + clip, null, "file:" + clip, 6, true);
        // a 2 s clip played for ~6 s: it looped, and the canvas kept its own 30 fps
        assertThat(p.durationSeconds()).isGreaterThan(5);
        assertThat(p.measuredFps()).isCloseTo(30, within(0.5));
        assertThat(p.maxVideoGapSeconds()).isLessThan(0.07);
        assertThat(p.audio().sampleRate()).isEqualTo(48_000);
    }

    @Test
    void screenCaptureOfAnXvfbDisplay() throws Exception {
        int display = 90 + (int) (ProcessHandle.current().pid() % 9);
        Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "800x600x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(TestWorkdir.fresh("xvfb").resolve("xvfb.log").toFile()).start();
        try {
            Thread.sleep(1000);
            assertThat(xvfb.isAlive()).as("Xvfb started (apt package xvfb)").isTrue();
            Ffprobe.Probe p = record("screen", "screen::" + display, null, "none", 4, true);
            assertThat(p.video().width()).isEqualTo(640);
            assertThat(p.measuredFps()).isCloseTo(30, within(0.5));
            assertThat(p.videoFrameCount()).isGreaterThan(3 * 30);
        } finally {
            xvfb.destroy();
            xvfb.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** One decoded frame, 2 s in, as 8-bit luma. */
    private static byte[] grayFrame(Ffprobe.Probe probe, String name, int w, int h) throws IOException, InterruptedException {
        Path file = TestWorkdir.root().resolve("sources-" + name).resolve("out.mkv");
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error", "-ss", "2", "-i", file.toString(),
                "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"));
        Process p = BundledTools.command(BundledTools.ffmpeg(), args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).hasSize(w * h);
        return out;
    }

    private static double columnMean(byte[] luma, int w, int h, int x) {
        long sum = 0;
        for (int y = 0; y < h; y++) sum += luma[y * w + x] & 0xff;
        return (double) sum / h;
    }

    private static int max(byte[] luma) {
        int m = 0;
        for (byte b : luma) m = Math.max(m, b & 0xff);
        return m;
    }
}
