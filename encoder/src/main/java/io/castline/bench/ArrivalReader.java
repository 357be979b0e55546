package io.castline.bench;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.Interrupts;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;

import java.util.function.LongSupplier;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * Reads the stream back from behind the ingest and notes when each video packet arrives, so that
 * latency is measured up to the bytes having really left Castline. The output's own "written"
 * hook fires when a packet is handed to libavformat, which holds video back until audio with a
 * later timestamp is there to interleave with it: a packet can sit there for tens of
 * milliseconds before any byte of it reaches the socket.
 *
 * <p>Packets are matched to frames by timestamp (FLV keeps milliseconds: frame k of a 30 fps
 * stream is at round(k·1000/30) ms, which maps back to k), so the ingest must keep the
 * publisher's timestamps, as nginx-rtmp and {@code ffmpeg -copyts} do. The publishing output
 * has moved them, though: its timeline starts at its first keyframe (the stats' origin), so
 * {@code shiftMillis} is minus that origin. (An earlier version took the AAC priming's negative
 * start as the shift, which the output no longer sends: every packet with audio then matched the
 * frame before its own and read 33 ms late.)
 */
final class ArrivalReader implements AutoCloseable {

    /**
     * Where to read: a URL to play, or one to listen on for a relay that pushes the stream to us;
     * the container; and whether the first video packet read is the output's first keyframe (a
     * listener that is the connection's only peer, as SRT's: its timestamps carry the container's
     * own offset, so the first packet fixes where the timeline starts).
     */
    record Endpoint(String url, boolean listen, String format, boolean firstPacketIsOrigin) {
        Endpoint(String url, boolean listen) { this(url, listen, "flv", false); }

        /** SRT in listener mode ({@code srt://…?mode=listener}), MPEG-TS inside. */
        static Endpoint srtListener(String url) { return new Endpoint(url, false, "mpegts", true); }
    }

    /** Compose time of frame {@code index}, or 0 when unknown. */
    @FunctionalInterface
    interface ComposeTimes {
        long composedNanos(long index);
    }

    private final Endpoint endpoint;
    private final int fps;
    private final ComposeTimes composeTimes;
    private final LongSupplier shiftMillis;
    private final LatencySink latencySink;
    private final Interrupts.Deadline deadline = new Interrupts.Deadline();
    private final Thread thread;
    private volatile boolean running;
    private volatile String problem;
    private volatile long packets;

    /** Told of each video packet read back whose frame is known. */
    @FunctionalInterface
    interface LatencySink {
        void accept(long composedNanos, long latencyNanos);
    }

    ArrivalReader(Endpoint endpoint, int fps, LongSupplier shiftMillis, ComposeTimes composeTimes, LatencySink latencySink) {
        this.shiftMillis = shiftMillis;
        this.endpoint = endpoint;
        this.fps = fps;
        this.composeTimes = composeTimes;
        this.latencySink = latencySink;
        this.thread = new Thread(this::run, "castline-bench-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading; a listening reader returns once it listens, so the relay finds it. */
    void start() throws BenchException {
        running = true;
        thread.start();
        if (endpoint.listen()) {
            RtmpReceiver.awaitListening(java.net.URI.create(endpoint.url()).getPort(), thread::isAlive, "the read-back listener");
        }
    }

    /** Video packets read so far. */
    long packets() { return packets; }

    /** Why reading failed, or null. */
    String problem() { return problem; }

    private void run() {
        AVFormatContext context = avformat_alloc_context();
        deadline.install(context.interrupt_callback());
        AVDictionary options = new AVDictionary(null);
        AVPacket packet = av_packet_alloc();
        boolean open = false;
        try {
            // MPEG-TS: no parser, which would hand a picture on only once the next one began
            av_dict_set(options, "fflags", endpoint.format().equals("mpegts") ? "nobuffer+noparse" : "nobuffer", 0);
            av_dict_set(options, "rw_timeout", "5000000", 0);
            if (endpoint.listen()) av_dict_set(options, "listen", "1", 0);
            int ret = avformat_open_input(context, endpoint.url(), av_find_input_format(endpoint.format()), options);
            if (ret < 0) {
                // avformat_open_input has freed the context
                if (running) problem = "cannot read the stream back: " + AvException.errorText(ret);
                return;
            }
            open = true;
            long firstMillis = Long.MIN_VALUE;
            while (running && av_read_frame(context, packet) >= 0) {
                long arrived = System.nanoTime();
                AVStream stream = context.streams(packet.stream_index());
                if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && packet.pts() != AV_NOPTS_VALUE) {
                    long millis = av_rescale_q(packet.pts(), stream.time_base(), av_make_q(1, 1000));
                    if (firstMillis == Long.MIN_VALUE) firstMillis = endpoint.firstPacketIsOrigin() ? millis : 0;
                    long index = Math.round((millis - firstMillis - shiftMillis.getAsLong()) * fps / 1000.0);
                    long composed = composeTimes.composedNanos(index);
                    if (composed != 0) latencySink.accept(composed, arrived - composed);
                    packets++;
                }
                av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
            av_dict_free(options);
            if (open) avformat_close_input(context);
        }
    }

    @Override public void close() {
        running = false;
        deadline.abort(); // a player of nginx-rtmp never sees the end of a stream by itself
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) deadline.close();
    }
}
