package io.castline.engine.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

import java.lang.reflect.Field;

/**
 * Reads an AVFrame's plane pointers and strides, and copies rows between native planes and Java
 * arrays, without making a Java object per call: the clock thread draws every layer of every frame
 * through here, and JavaCPP's getters ({@code frame.data(p)}) allocate a pointer object each time.
 * Raw memory access (the JDK's {@code Unsafe}, as JavaCPP's own indexers use) at addresses FFmpeg
 * gave; every caller stays inside the plane it was given.
 */
final class FrameMemory {
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final long BYTES = UNSAFE.arrayBaseOffset(byte[].class);
    private static final long DATA;
    private static final long LINESIZE;

    static {
        Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
        long data = Loader.offsetof(AVFrame.class, "data");
        long linesize = Loader.offsetof(AVFrame.class, "linesize");
        DATA = data >= 0 ? data : 0;
        LINESIZE = linesize >= 0 ? linesize : 64;
    }

    private FrameMemory() {}

    /** The address of plane {@code p} of {@code frame}. */
    static long plane(AVFrame frame, int p) {
        return UNSAFE.getLong(frame.address() + DATA + 8L * p);
    }

    /** The stride of plane {@code p} in bytes. */
    static int stride(AVFrame frame, int p) {
        return UNSAFE.getInt(frame.address() + LINESIZE + 4L * p);
    }

    /** Copies {@code n} bytes at {@code address} into {@code dst[off..]}. */
    static void read(long address, byte[] dst, int off, int n) {
        UNSAFE.copyMemory(null, address, dst, BYTES + off, n);
    }

    /** Copies {@code src[off..off+n)} to {@code address}. */
    static void write(long address, byte[] src, int off, int n) {
        UNSAFE.copyMemory(src, BYTES + off, null, address, n);
    }

    static void fill(long address, long n, byte value) {
        UNSAFE.setMemory(address, n, value);
    }

    /**
     * A pointer whose address can be set (JavaCPP's pointers get theirs when made): one per
     * libswscale argument slot, reused for every frame.
     */
    static final class Settable extends BytePointer {
        Settable at(long addr) {
            this.address = addr;
            this.position = 0;
            this.limit = 0;
            this.capacity = 0;
            return this;
        }
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
