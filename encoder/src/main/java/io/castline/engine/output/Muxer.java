package io.castline.engine.output;

import io.castline.engine.encode.MediaType;
import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.ffmpeg.Interrupts;
import io.castline.engine.tls.TlsConnection;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * The libavformat {@link Transport}: one open connection or file, a libavformat muxer with one
 * stream per encoded stream. Owned by one output thread. Every blocking call runs under the output's {@link Interrupts.Deadline}.
 *
 * <p>A file is pushed to disk on every video keyframe and at least every {@value #FILE_FLUSH_MILLIS}
 * ms, so a crash or {@code kill -9} loses well under a second. Left alone, FFmpeg 8 holds far more:
 * the Matroska muxer builds each cluster in memory until the next keyframe (up to 5 s), the MP4
 * muxer each fragment until the next keyframe, and the file protocol writes in 256 KiB blocks
 * ({@code min_packet_size}), so its flush points do nothing below that. A flush here ends the
 * cluster or fragment ({@code av_write_frame(NULL)}) and writes the block out ({@code avio_flush}).
 */
final class Muxer implements Transport {
    /** Socket-level timeout for each read/write, in addition to the deadline (µs for FFmpeg). */
    private static final String RW_TIMEOUT_MICROS = "5000000";
    /** Longest a written packet of a file waits in memory before it goes to disk. */
    static final long FILE_FLUSH_MILLIS = 100;

    private final AVFormatContext context;
    private final AVRational[] sourceTimeBases;
    private final AVRational[] streamTimeBases;
    /** The TLS connection's verification (and tunnel), or null. */
    private final TlsConnection tls;
    /** A local file (flushed often, see above), not a connection. */
    private final boolean file;
    private final boolean[] video;
    /** The bytes go to a {@link ByteSink} through an I/O context of our own (freed by us, not closed). */
    private final boolean sinkIo;
    private boolean headerWritten;
    private long headerBytes;
    private long lastFlushNanos;
    private long videoFrames;
    /** Payload handed to a muxer that does its own I/O (WHIP: no AVIOContext to ask). */
    private long payloadIn;
    private double firstVideoSeconds = Double.NaN;
    private double lastVideoSeconds = Double.NaN;
    private double frameSeconds;
    /** The video frames the interleaver has written (it holds some back): what a flush makes durable. */
    private final InterleavedCount interleaved;
    private volatile Durable durable = new Durable(0, 0);

    /**
     * What has certainly reached the file (the operating system has it) at the last successful
     * flush: video frames, and the media time they span.
     */
    record Durable(long videoFrames, double seconds) {}

    private Muxer(AVFormatContext context, AVRational[] sourceTimeBases, AVRational[] streamTimeBases, TlsConnection tls,
                  boolean file, boolean[] video, boolean sinkIo) {
        this.context = context;
        this.sourceTimeBases = sourceTimeBases;
        this.streamTimeBases = streamTimeBases;
        this.tls = tls;
        this.file = file;
        this.video = video;
        this.sinkIo = sinkIo;
        this.interleaved = new InterleavedCount(video);
    }

    /** Opens the target and writes the header (codec headers included). */
    static Muxer open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline) throws AvException {
        return open(target, streams, deadline, null);
    }

    /** The largest block handed to a {@link ByteSink}: seven MPEG-TS packets, one SRT datagram. */
    static final int SINK_BLOCK_BYTES = 7 * 188;

    /**
     * Writes the target's container into {@code sink} (a connection opened by the caller) instead
     * of opening its URL; each packet's bytes leave at once.
     */
    static Muxer open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline, ByteSink sink)
            throws AvException {
        FFmpegLog.clearLastError();
        AVFormatContext context = new AVFormatContext(null);
        AvException.check(avformat_alloc_output_context2(context, null, target.formatName(), target.publishUrl()),
                "cannot create " + target.formatName() + " muxer");
        deadline.install(context.interrupt_callback());
        Muxer muxer = null;
        TlsConnection tls = null;
        AVDictionary ioOptions = new AVDictionary(null);
        AVDictionary muxOptions = new AVDictionary(null);
        try {
            AVRational[] source = new AVRational[streams.size()];
            for (int i = 0; i < streams.size(); i++) {
                StreamInfo info = streams.get(i);
                AVStream stream = avformat_new_stream(context, null);
                if (stream == null) throw new AvException("cannot add a stream to the muxer");
                AvException.check(avcodec_parameters_copy(stream.codecpar(), info.parameters()), "copy codec parameters");
                stream.codecpar().codec_tag(0);
                stream.time_base(info.timeBase());
                source[i] = info.timeBase();
            }
            if (sink != null) {
                context.pb(SinkIo.open(sink, SINK_BLOCK_BYTES));
                av_dict_set(muxOptions, "flush_packets", "1", 0);
            } else if ((context.oformat().flags() & AVFMT_NOFILE) == 0) {
                if (target.network()) {
                    av_dict_set(ioOptions, "rw_timeout", RW_TIMEOUT_MICROS, 0);
                    av_dict_set(ioOptions, "tcp_nodelay", "1", 0);
                    av_dict_set(ioOptions, "send_buffer_size", Integer.toString(sendBufferBytes(streams)), 0);
                } else {
                    // the file is new (RecordingFiles creates it); never cut one short, whatever happens
                    av_dict_set(ioOptions, "truncate", "0", 0);
                }
                String url = target.publishUrl();
                if (target.tls()) {
                    tls = TlsConnection.prepare(target.name(), url, target.peerHost(), target.peerPort(), target.trust(),
                            sendBufferBytes(streams));
                    url = tls.url();
                    for (Map.Entry<String, String> option : tls.ioOptions().entrySet()) {
                        av_dict_set(ioOptions, option.getKey(), option.getValue(), 0);
                    }
                }
                AVIOContext pb = new AVIOContext(null);
                try {
                    AvException.check(avio_open2(pb, url, AVIO_FLAG_WRITE, context.interrupt_callback(), ioOptions),
                            target.network() ? "cannot connect" : "cannot open file");
                } catch (AvException e) {
                    throw tls == null ? e : tls.explain(e, FFmpegLog.errorsSinceClear());
                }
                context.pb(pb);
            }
            for (Map.Entry<String, String> option : target.muxerOptions().entrySet()) {
                av_dict_set(muxOptions, option.getKey(), option.getValue(), 0);
            }
            AvException.check(avformat_write_header(context, muxOptions), "cannot start the stream");
            AVRational[] written = new AVRational[streams.size()];
            boolean[] video = new boolean[streams.size()];
            for (int i = 0; i < streams.size(); i++) {
                written[i] = context.streams(i).time_base();
                video[i] = streams.get(i).type() == MediaType.VIDEO;
            }
            Muxer opened = new Muxer(context, source, written, tls, !target.network(), video, sink != null);
            opened.headerWritten = true;
            if (opened.file) {
                opened.flushToDisk(); // a disk that cannot take the header fails here, not later
                opened.headerBytes = opened.bytesWritten();
            }
            muxer = opened;
            return muxer;
        } finally {
            av_dict_free(ioOptions);
            av_dict_free(muxOptions);
            if (muxer == null) {
                closeContext(context, sink != null);
                if (tls != null) tls.close();
            }
        }
    }

    /**
     * About one second of the stream. Left alone, Linux grows a socket's send buffer to megabytes:
     * on a path that silently stops, writes would go on succeeding for ten seconds or more, and on
     * a slow one the backlog would hide in the kernel instead of in the output queue where the drop
     * policy and the health display can see it. One second still allows several times the stream's
     * rate at a 300 ms round trip.
     */
    static int sendBufferBytes(List<StreamInfo> streams) {
        long bitsPerSecond = 0;
        for (StreamInfo s : streams) bitsPerSecond += Math.max(0, s.parameters().bit_rate());
        return (int) Math.max(64 * 1024, Math.min(1024 * 1024, bitsPerSecond / 8));
    }

    /** Writes one packet, taking ownership of it (it is freed here whatever happens). */
    @Override public void write(AVPacket packet, int streamIndex) throws AvException {
        String failed = file ? "write failed" : "send failed";
        boolean videoKey = false;
        int size = packet.size();
        try {
            packet.stream_index(streamIndex);
            AVRational tb = sourceTimeBases[streamIndex];
            double pts = packet.pts() * av_q2d(tb);
            double dts = packet.dts() == AV_NOPTS_VALUE ? pts : packet.dts() * av_q2d(tb);
            if (video[streamIndex]) {
                if (Double.isNaN(firstVideoSeconds)) firstVideoSeconds = pts;
                lastVideoSeconds = Double.isNaN(lastVideoSeconds) ? pts : Math.max(lastVideoSeconds, pts);
                frameSeconds = packet.duration() > 0 ? packet.duration() * av_q2d(tb) : frameSeconds;
                videoKey = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            }
            av_packet_rescale_ts(packet, sourceTimeBases[streamIndex], streamTimeBases[streamIndex]);
            FFmpegLog.clearLastError();
            // a connection gets each packet as it comes: interleaving by timestamp would hold every
            // video packet until an audio packet with a later time arrived, and audio trails the wall
            // clock by ~64 ms (a whole AAC frame mixed, one frame of encoder delay, its priming) —
            // most of the glass-to-wire latency. Each stream's own timestamps still rise, and the
            // output starts each connection with a picture and nothing older after it (what FLV
            // asks). A file keeps libavformat's interleaving (its index and a reader's seeking want it).
            AvException.check(file ? av_interleaved_write_frame(context, packet) : av_write_frame(context, packet), failed);
            if (context.pb() != null && context.pb().error() < 0) {
                AvException.check(context.pb().error(), failed);
            }
            if (video[streamIndex]) videoFrames++;
            payloadIn += size;
            interleaved.handedIn(streamIndex, dts, pts);
        } finally {
            av_packet_free(packet);
        }
        if (file && (videoKey || System.nanoTime() - lastFlushNanos >= FILE_FLUSH_MILLIS * 1_000_000L)) flushToDisk();
    }

    /**
     * Ends the muxer's cluster or fragment and hands every byte to the operating system (where a
     * crash of this process cannot lose it); then what was written so far counts as durable.
     */
    void flushToDisk() throws AvException {
        String failed = file ? "write failed" : "send failed";
        AvException.check(av_write_frame(context, (AVPacket) null), failed);
        AVIOContext pb = context.pb();
        if (pb != null) {
            avio_flush(pb);
            if (pb.error() < 0) AvException.check(pb.error(), failed);
        }
        lastFlushNanos = System.nanoTime();
        // not the frames handed in: those the interleaver still holds are not in the file yet
        long frames = interleaved.written();
        durable = new Durable(frames, frames == 0 ? 0 : interleaved.lastWrittenPts() - firstVideoSeconds + frameSeconds);
    }

    /** Everything handed in (after the trailer: the interleaver has written it all). */
    private Durable writtenSoFar() {
        return new Durable(videoFrames, videoFrames == 0 ? 0 : lastVideoSeconds - firstVideoSeconds + frameSeconds);
    }

    /** What certainly is in the file (see {@link Durable}); readable after close. */
    Durable durable() { return durable; }

    /** Size of the container header: a file no longer than this holds nothing of the stream. */
    long headerBytes() { return headerBytes; }

    /**
     * Bytes handed to the connection or file so far (container overhead included); for a muxer
     * that does its own I/O (WHIP's RTP over UDP) the payload handed to it.
     */
    @Override public long bytesWritten() {
        AVIOContext pb = context.pb();
        return pb == null ? payloadIn : Math.max(0, avio_tell(pb));
    }

    /** Pushes buffered bytes out. */
    void flush() {
        if (context.pb() != null) avio_flush(context.pb());
    }

    /**
     * The chapters go into the file's own index before the trailer: Matroska writes them there
     * (its muxer takes chapters added after the header when the file can be sought); a container
     * without chapters, or MP4 fragmented from the start (its moov is written with the header),
     * leaves them out and the sidecar is what has them. The context frees them (avformat_free_context).
     */
    @Override public void chapters(List<Chapters.Chapter> chapters) {
        if (!headerWritten || context.nb_chapters() > 0 || chapters.isEmpty()) return;
        Pointer array = av_mallocz((long) chapters.size() * org.bytedeco.javacpp.Loader.sizeof(Pointer.class));
        if (array == null || array.isNull()) return;
        PointerPointer<AVChapter> list = new PointerPointer<AVChapter>(array).capacity(chapters.size());
        int n = 0;
        for (Chapters.Chapter c : chapters) {
            Pointer memory = av_mallocz(org.bytedeco.javacpp.Loader.sizeof(AVChapter.class));
            if (memory == null || memory.isNull()) break;
            AVChapter ch = new AVChapter(memory);
            ch.id(n + 1);
            ch.time_base(av_make_q(1, 1000));
            ch.start(c.startMillis());
            ch.end(Math.max(c.startMillis(), c.endMillis()));
            AVDictionary metadata = new AVDictionary(null);
            av_dict_set(metadata, "title", c.title(), 0);
            ch.metadata(metadata);
            list.put(n++, ch);
        }
        context.chapters(list);
        context.nb_chapters(n);
    }

    /** Finishes cleanly: trailer (index, durations), then close. */
    @Override public void finish() throws AvException {
        try {
            if (headerWritten) {
                FFmpegLog.clearLastError();
                AvException.check(av_write_trailer(context), "cannot finish the stream");
                if (file) durable = writtenSoFar();
            }
        } finally {
            close();
        }
    }

    @Override public void close() {
        closeContext(context, sinkIo);
        if (tls != null) tls.close();
    }

    private static void closeContext(AVFormatContext context, boolean sinkIo) {
        if (context.isNull()) return;
        if (sinkIo) {
            SinkIo.close(context.pb());
            context.pb(null);
        } else if (context.oformat() != null && (context.oformat().flags() & AVFMT_NOFILE) == 0 && context.pb() != null) {
            avio_closep(context.pb());
        }
        avformat_free_context(context);
        context.setNull();
    }
}
