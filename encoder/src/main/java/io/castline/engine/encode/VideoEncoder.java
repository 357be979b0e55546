package io.castline.engine.encode;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.RateControl;
import io.castline.engine.settings.VideoCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * The one video encoder of a broadcast (libavcodec through the JavaCPP presets). Not thread-safe:
 * one owner thread sends frames and receives packets.
 */
public final class VideoEncoder implements AutoCloseable {
    private final EncoderSettings settings;
    private final AVCodecContext context;
    private final StreamInfo streamInfo;

    public VideoEncoder(EncoderSettings settings) throws AvException {
        FFmpegLog.install();
        this.settings = settings;
        VideoCodec codec = settings.codec();
        AVCodec encoder = avcodec_find_encoder_by_name(codec.encoderName());
        if (encoder == null) throw new AvException("encoder " + codec.encoderName() + " is not in this FFmpeg build");
        context = avcodec_alloc_context3(encoder);
        context.width(settings.width());
        context.height(settings.height());
        context.pix_fmt(AV_PIX_FMT_YUV420P);
        context.time_base(av_make_q(1, settings.fps()));
        context.framerate(av_make_q(settings.fps(), 1));
        context.sample_aspect_ratio(av_make_q(1, 1));
        context.gop_size(settings.gopFrames());
        context.keyint_min(settings.gopFrames());
        context.max_b_frames(settings.bframes());
        context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        context.color_range(AVCOL_RANGE_MPEG);
        context.colorspace(settings.height() >= 720 ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M);
        context.thread_count(0);

        long bitrate = settings.bitrateKbps() * 1000L;
        long maxrate = settings.effectiveMaxrateKbps() * 1000L;
        int bufsize = (int) Math.min(Integer.MAX_VALUE, settings.effectiveBufsizeKbits() * 1000L);
        AVDictionary options = new AVDictionary(null);
        try {
            switch (settings.rateControl()) {
                case CBR -> {
                    context.bit_rate(bitrate);
                    context.rc_min_rate(bitrate);
                    context.rc_max_rate(bitrate);
                    context.rc_buffer_size(bufsize);
                }
                case VBR -> {
                    context.bit_rate(bitrate);
                    context.rc_max_rate(maxrate);
                    context.rc_buffer_size(bufsize);
                }
                case CRF -> {
                    if (settings.maxrateKbps() > 0) {
                        context.rc_max_rate(maxrate);
                        context.rc_buffer_size(bufsize);
                    }
                }
            }
            applyCodecOptions(codec, settings, options);
            FFmpegLog.clearLastError();
            AvException.check(avcodec_open2(context, encoder, options), "cannot open video encoder " + codec.encoderName());
        } catch (AvException e) {
            avcodec_free_context(context);
            throw e;
        } finally {
            av_dict_free(options);
        }
        streamInfo = new StreamInfo(MediaType.VIDEO, context, settings.fps());
    }

    private static void applyCodecOptions(VideoCodec codec, EncoderSettings s, AVDictionary options) {
        boolean cbr = s.rateControl() == RateControl.CBR;
        String tune = s.tune() == null || s.tune().isBlank() ? null : s.tune();
        String profile = s.profile() == null || s.profile().isBlank() ? null : s.profile();
        int gop = s.gopFrames();
        switch (codec) {
            case X264 -> {
                av_dict_set(options, "preset", s.preset(), 0);
                if (tune != null) av_dict_set(options, "tune", tune, 0);
                if (profile != null) av_dict_set(options, "profile", profile, 0);
                if (s.rateControl() == RateControl.CRF) av_dict_set(options, "crf", Integer.toString(s.crf()), 0);
                // scenecut off and min-keyint = keyint: keyframes exactly every GOP, as ingests require
                String params = "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:force-cfr=1"
                        + (cbr ? ":nal-hrd=cbr" : "");
                av_dict_set(options, "x264-params", params, 0);
            }
            case X265 -> {
                av_dict_set(options, "preset", s.preset(), 0);
                if (tune != null) av_dict_set(options, "tune", tune, 0);
                if (profile != null) av_dict_set(options, "profile", profile, 0);
                if (s.rateControl() == RateControl.CRF) av_dict_set(options, "crf", Integer.toString(s.crf()), 0);
                String params = "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:open-gop=0"
                        + ":bframes=" + s.bframes() + ":log-level=error" + (cbr ? ":strict-cbr=1" : "");
                av_dict_set(options, "x265-params", params, 0);
            }
            default -> {
                // hardware encoders: rate control by name where they have one; preset left to the driver
                if (cbr) av_dict_set(options, "rc", "cbr", 0);
                if (profile != null) av_dict_set(options, "profile", profile, 0);
            }
        }
    }

    public EncoderSettings settings() { return settings; }
    public StreamInfo streamInfo() { return streamInfo; }

    /**
     * Sends one canvas frame (pts = frame index) and hands every packet that comes out to
     * {@code sink}. The frame stays the caller's.
     */
    public void encode(AVFrame frame, long composedNanos, Consumer<EncodedPacket> sink) throws AvException {
        FFmpegLog.clearLastError();
        AvException.check(avcodec_send_frame(context, frame), "video encode");
        drain(composedNanos, sink);
    }

    /** Flushes the delayed frames at the end of a broadcast. */
    public void flush(Consumer<EncodedPacket> sink) throws AvException {
        int ret = avcodec_send_frame(context, (AVFrame) null);
        if (ret < 0 && ret != AVERROR_EOF()) AvException.check(ret, "video flush");
        drain(System.nanoTime(), sink);
    }

    private void drain(long composedNanos, Consumer<EncodedPacket> sink) throws AvException {
        while (true) {
            AVPacket packet = av_packet_alloc();
            int ret = avcodec_receive_packet(context, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
                av_packet_free(packet);
                return;
            }
            if (ret < 0) {
                av_packet_free(packet);
                AvException.check(ret, "video encode");
            }
            sink.accept(new EncodedPacket(packet, MediaType.VIDEO, settings.fps(), composedNanos));
        }
    }

    @Override public void close() {
        streamInfo.close();
        avcodec_free_context(context);
    }
}
