package io.castline.engine.output;

import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

/**
 * A libavformat I/O context that hands every block to a {@link ByteSink}. There is one native
 * callback for all of them (JavaCPP makes a native thunk per callback object, and there are few);
 * the context's opaque value says which sink is meant.
 */
final class SinkIo {
    private static final Map<Long, ByteSink> SINKS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong(1);
    private static final Write_packet_Pointer_BytePointer_int WRITE = new Write_packet_Pointer_BytePointer_int() {
        @Override public int call(Pointer opaque, BytePointer buffer, int size) {
            try {
                ByteSink sink = SINKS.get(opaque.address());
                return sink != null && sink.send(buffer.address(), size) ? size : AVERROR_EOF;
            } catch (Throwable t) { // nothing may cross back into C
                return AVERROR_EOF;
            }
        }
    };

    private SinkIo() {}

    /**
     * A write-only context whose blocks are at most {@code blockBytes} long (SRT's 1316: seven
     * MPEG-TS packets, one datagram).
     */
    static AVIOContext open(ByteSink sink, int blockBytes) {
        long id = NEXT.getAndIncrement();
        SINKS.put(id, sink);
        BytePointer buffer = new BytePointer(av_malloc(blockBytes));
        AVIOContext io = avio_alloc_context(buffer, blockBytes, 1, new Pointer() {{ address = id; }}, null, WRITE, null);
        if (io == null || io.isNull()) {
            SINKS.remove(id);
            av_free(buffer);
            throw new IllegalStateException("out of memory for an I/O context");
        }
        io.seekable(0);
        return io;
    }

    /** Frees the context and its buffer; its sink is forgotten. */
    static void close(AVIOContext io) {
        if (io == null || io.isNull()) return;
        SINKS.remove(io.opaque().address());
        av_free(io.buffer()); // FFmpeg may have replaced the buffer we gave it: free the one it holds
        io.buffer(null);
        avio_context_free(io);
    }
}
