package io.castline.engine.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.nio.ByteBuffer;

/** Byte-level work on YUV420P frames from Java: plane views, fills and mixes row by row. */
final class Planes {
    private Planes() {}

    /** Plane {@code p} of a YUV420P frame as a buffer over its native memory (valid while the frame's buffer is). */
    static ByteBuffer plane(AVFrame f, int p) {
        int rows = p == 0 ? f.height() : (f.height() + 1) / 2;
        BytePointer data = f.data(p);
        return data.capacity((long) f.linesize(p) * rows).asByteBuffer();
    }

    /** Limited-range black over the whole frame. */
    static void fillBlack(AVFrame f) {
        for (int p = 0; p < 3; p++) {
            int rows = p == 0 ? f.height() : (f.height() + 1) / 2;
            Pointer.memset(f.data(p), p == 0 ? 16 : 128, (long) f.linesize(p) * rows);
        }
    }

    /**
     * dst[i] = dst[i] + (src[i] − dst[i]) × alpha / 256 for {@code n} bytes from each offset: a mix
     * of two pictures ({@code alpha} 0 keeps dst, 256 gives src). {@code a}, {@code b}: scratch rows.
     */
    static void mixRow(ByteBuffer dst, int dstAt, ByteBuffer src, int srcAt, int n, int alpha, byte[] a, byte[] b) {
        dst.get(dstAt, a, 0, n);
        src.get(srcAt, b, 0, n);
        for (int i = 0; i < n; i++) {
            int d = a[i] & 0xff;
            a[i] = (byte) (d + (((b[i] & 0xff) - d) * alpha >> 8));
        }
        dst.put(dstAt, a, 0, n);
    }

    /** Copies {@code n} bytes from src at srcAt to dst at dstAt (different buffers). */
    static void copyRow(ByteBuffer dst, int dstAt, ByteBuffer src, int srcAt, int n, byte[] scratch) {
        src.get(srcAt, scratch, 0, n);
        dst.put(dstAt, scratch, 0, n);
    }
}
