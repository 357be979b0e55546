package io.castline.engine.output;

import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.ffmpeg.Interrupts;
import io.castline.engine.tls.TlsConnection;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;

import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * One open connection or file: a libavformat muxer with one stream per encoded stream. Owned by
 * one output thread. Every blocking call runs under the output's {@link Interrupts.Deadline}.
 */
final class Muxer implements AutoCloseable {
    /** Socket-level timeout for each read/write, in addition to the deadline (µs for FFmpeg). */
    private static final String RW_TIMEOUT_MICROS = "5000000";

    private final AVFormatContext context;
    private final AVRational[] sourceTimeBases;
    private final AVRational[] streamTimeBases;
    /** The TLS connection's verification (and tunnel), or null. */
    private final TlsConnection tls;
    private boolean headerWritten;

    private Muxer(AVFormatContext context, AVRational[] sourceTimeBases, AVRational[] streamTimeBases, TlsConnection tls) {
        this.context = context;
        this.sourceTimeBases = sourceTimeBases;
        this.streamTimeBases = streamTimeBases;
        this.tls = tls;
    }

    /** Opens the target and writes the header (codec headers included). */
    static Muxer open(OutputTarget target, List<StreamInfo> streams, Interrupts.Deadline deadline) throws AvException {
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
            if ((context.oformat().flags() & AVFMT_NOFILE) == 0) {
                if (target.network()) {
                    av_dict_set(ioOptions, "rw_timeout", RW_TIMEOUT_MICROS, 0);
                    av_dict_set(ioOptions, "tcp_nodelay", "1", 0);
                    av_dict_set(ioOptions, "send_buffer_size", Integer.toString(sendBufferBytes(streams)), 0);
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
            for (int i = 0; i < streams.size(); i++) written[i] = context.streams(i).time_base();
            muxer = new Muxer(context, source, written, tls);
            muxer.headerWritten = true;
            return muxer;
        } finally {
            av_dict_free(ioOptions);
            av_dict_free(muxOptions);
            if (muxer == null) {
                closeContext(context);
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
    void write(AVPacket packet, int streamIndex) throws AvException {
        try {
            packet.stream_index(streamIndex);
            av_packet_rescale_ts(packet, sourceTimeBases[streamIndex], streamTimeBases[streamIndex]);
            FFmpegLog.clearLastError();
            AvException.check(av_interleaved_write_frame(context, packet), "send failed");
            if (context.pb() != null && context.pb().error() < 0) {
                AvException.check(context.pb().error(), "send failed");
            }
        } finally {
            av_packet_free(packet);
        }
    }

    /** Bytes handed to the connection or file so far (container overhead included). */
    long bytesWritten() {
        AVIOContext pb = context.pb();
        return pb == null ? 0 : Math.max(0, avio_tell(pb));
    }

    /** Pushes buffered bytes out. */
    void flush() {
        if (context.pb() != null) avio_flush(context.pb());
    }

    /** Finishes cleanly: trailer (index, durations), then close. */
    void finish() throws AvException {
        try {
            if (headerWritten) {
                FFmpegLog.clearLastError();
                AvException.check(av_write_trailer(context), "cannot finish the stream");
            }
        } finally {
            close();
        }
    }

    @Override public void close() {
        closeContext(context);
        if (tls != null) tls.close();
    }

    private static void closeContext(AVFormatContext context) {
        if (context.isNull()) return;
        if (context.oformat() != null && (context.oformat().flags() & AVFMT_NOFILE) == 0 && context.pb() != null) {
            avio_closep(context.pb());
        }
        avformat_free_context(context);
        context.setNull();
    }
}
