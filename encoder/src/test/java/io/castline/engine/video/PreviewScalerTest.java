package io.castline.engine.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

class PreviewScalerTest {

    @Test
    void copiesTheNewestPictureAsBgraAndNothingBeforeTheFirstOrAfterClose() {
        AVFrame red = SolidFrames.frame(64, 36, SolidFrames.Format.YUV420P, (x, y) -> 0xE02020);
        AVFrame blue = SolidFrames.frame(64, 36, SolidFrames.Format.YUV420P, (x, y) -> 0x2020E0);
        ByteBuffer target = ByteBuffer.allocateDirect(32 * 18 * 4).order(ByteOrder.nativeOrder());
        try {
            PreviewScaler scaler = new PreviewScaler(32, 18);
            assertThat(scaler.copyLatest(target)).as("no picture yet").isFalse();
            assertThat(scaler.snapshot()).isNull();

            scaler.accept(red);
            scaler.accept(blue);
            assertThat(scaler.frames()).isEqualTo(2);
            assertThat(scaler.copyLatest(target)).isTrue();
            assertThat(target.position()).as("the target's position is left alone").isZero();
            assertThat(rgbAt(target, 32, 16, 9)).satisfies(rgb -> assertNear(rgb, 0x2020E0));
            assertThat(rgbAt(scaler.snapshot(), 32, 3, 3)).satisfies(rgb -> assertNear(rgb, 0x2020E0));

            scaler.close();
            scaler.accept(red); // the compositor may still hand it a frame: ignored, nothing written
            assertThat(scaler.frames()).isEqualTo(2);
            assertThat(scaler.copyLatest(target)).as("closed: its memory is gone").isFalse();
            assertThat(scaler.snapshot()).isNull();
            scaler.close(); // twice is harmless
        } finally {
            av_frame_free(red);
            av_frame_free(blue);
        }
    }

    /**
     * A UI thread copying while the window is resized (its scaler closed under it) must never read
     * freed memory: the reader that is inside a copy when close() comes frees the pictures itself.
     * Each round's scaler shows the other colour, so a copy from freed memory that the next
     * round's scaler took over shows the wrong one; without the count of readers this fails or
     * crashes the JVM.
     */
    @Test
    void aReaderCopyingWhileTheScalerIsClosedNeverReadsFreedMemory() throws Exception {
        int[] colours = {0x20C020, 0xC020C0};
        AVFrame[] frames = {SolidFrames.frame(640, 360, SolidFrames.Format.YUV420P, (x, y) -> colours[0]),
                SolidFrames.frame(640, 360, SolidFrames.Format.YUV420P, (x, y) -> colours[1])};
        AtomicReference<Shown> current = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong copies = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        ByteBuffer target = ByteBuffer.allocateDirect(640 * 360 * 4).order(ByteOrder.nativeOrder());
        volatileStop = false;
        Thread reader = new Thread(() -> {
            try {
                while (!volatileStop) {
                    Shown s = current.get();
                    if (s != null && s.scaler.copyLatest(target)) {
                        copies.incrementAndGet();
                        if (!near(rgbAt(target, 640, 0, 0), s.rgb) || !near(rgbAt(target, 640, 639, 359), s.rgb)) {
                            wrong.incrementAndGet();
                        }
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "preview-reader");
        reader.start();
        try {
            for (int round = 0; round < 2000; round++) {
                PreviewScaler s = new PreviewScaler(640, 360);
                s.accept(frames[round % 2]);
                long before = copies.get();
                current.set(new Shown(s, colours[round % 2]));
                long until = System.nanoTime() + 1_000_000_000L;
                while (copies.get() == before && System.nanoTime() < until) Thread.onSpinWait();
                s.close(); // the reader is most likely copying from it again right now
            }
        } finally {
            volatileStop = true;
            reader.join(10_000);
            for (AVFrame f : frames) av_frame_free(f);
        }
        assertThat(failure.get()).isNull();
        assertThat(copies.get()).as("the reader copied from every scaler").isGreaterThanOrEqualTo(2000);
        assertThat(wrong.get()).as("copies that were not the scaler's picture").isZero();
    }

    private record Shown(PreviewScaler scaler, int rgb) {}

    private static volatile boolean volatileStop;

    private static int rgbAt(ByteBuffer bgra, int width, int x, int y) {
        int i = (y * width + x) * 4;
        return (bgra.get(i + 2) & 0xff) << 16 | (bgra.get(i + 1) & 0xff) << 8 | bgra.get(i) & 0xff;
    }

    private static boolean near(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >> shift & 0xff) - (expected >> shift & 0xff)) > 12) return false;
        }
        return true;
    }

    private static void assertNear(int rgb, int expected) {
        assertThat(near(rgb, expected)).as("#%06X near #%06X", rgb, expected).isTrue();
    }
}
