package io.castline.engine.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Byte-level work on YUV420P frames from Java, row by row through {@link FrameMemory} (no object
 * per call): fills, mixes and copies.
 */
final class Planes {
    private Planes() {}

    /** Limited-range black over the whole frame. */
    static void fillBlack(AVFrame f) {
        for (int p = 0; p < 3; p++) {
            int rows = p == 0 ? f.height() : (f.height() + 1) / 2;
            FrameMemory.fill(FrameMemory.plane(f, p), (long) FrameMemory.stride(f, p) * rows, (byte) (p == 0 ? 16 : 128));
        }
    }

    /**
     * dst[i] = dst[i] + (src[i] − dst[i]) × alpha / 256 for {@code n} bytes at each address: a mix
     * of two pictures ({@code alpha} 0 keeps dst, 256 gives src). {@code a}, {@code b}: scratch rows.
     */
    static void mixRow(long dst, long src, int n, int alpha, byte[] a, byte[] b) {
        FrameMemory.read(dst, a, 0, n);
        FrameMemory.read(src, b, 0, n);
        for (int i = 0; i < n; i++) {
            int d = a[i] & 0xff;
            a[i] = (byte) (d + (((b[i] & 0xff) - d) * alpha >> 8));
        }
        FrameMemory.write(dst, a, 0, n);
    }

    /** Copies {@code n} bytes from src to dst (through {@code scratch}: the two may overlap). */
    static void copyRow(long dst, long src, int n, byte[] scratch) {
        FrameMemory.read(src, scratch, 0, n);
        FrameMemory.write(dst, scratch, 0, n);
    }
}
