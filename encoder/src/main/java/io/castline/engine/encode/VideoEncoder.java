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

import java.util.LinkedHashMap;
import java.util.Map;
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
    private volatile int requestedKbps;
    private volatile int appliedKbps;
    private final ComposeTimes composeTimes = new ComposeTimes();

    public VideoEncoder(EncoderSettings settings) throws AvException {
        FFmpegLog.install();
        HugePages.turnOffForThisProcess();
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
        context.max_b_frames(settings.effectiveBframes());
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
        appliedKbps = settings.bitrateKbps();
    }

    private static void applyCodecOptions(VideoCodec codec, EncoderSettings s, AVDictionary options) {
        for (Map.Entry<String, String> o : codecOptions(codec, s).entrySet()) av_dict_set(options, o.getKey(), o.getValue(), 0);
    }

    private static final int X264_FRAME_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * The encoder's private options (libavcodec AVOptions, the same names the ffmpeg CLI takes as
     * {@code -name value}) for these settings. Public so that the benchmark can give bare FFmpeg
     * exactly what Castline gives the encoder.
     */
    public static Map<String, String> codecOptions(VideoCodec codec, EncoderSettings s) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean cbr = s.rateControl() == RateControl.CBR;
        String tune = s.tune() == null || s.tune().isBlank() ? null : s.tune();
        String profile = s.profile() == null || s.profile().isBlank() ? null : s.profile();
        int gop = s.gopFrames();
        switch (codec) {
            case X264 -> {
                options.put("preset", s.preset());
                if (tune != null) options.put("tune", tune);
                if (profile != null) options.put("profile", profile);
                if (s.rateControl() == RateControl.CRF) options.put("crf", Integer.toString(s.crf()));
                // scenecut off and min-keyint = keyint: keyframes exactly every GOP, as ingests require.
                // CBR = VBV at the bitrate plus filler; not nal-hrd=cbr, with which x264 refuses to
                // change the rate while encoding ("VBV parameters cannot be changed when NAL HRD is
                // in use"), and dynamic bitrate needs exactly that
                // one frame thread per core, where x264 by itself takes 1.5, and one picture between
                // its lookahead and the encoder instead of B-frames + 1: every picture x264 holds is
                // 6–10 MB at 1080p, the extra ones bought no speed at 1080p30 on two cores (the CPU
                // per frame is the same), and each one was a frame of delay (docs/performance.md, "Memory")
                String params = "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:force-cfr=1"
                        + ":threads=" + X264_FRAME_THREADS + ":sync-lookahead=1" + (cbr ? ":filler=1" : "");
                options.put("x264-params", params);
            }
            case X265 -> {
                options.put("preset", s.preset());
                if (tune != null) options.put("tune", tune);
                if (profile != null) options.put("profile", profile);
                if (s.rateControl() == RateControl.CRF) options.put("crf", Integer.toString(s.crf()));
                String params = "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:open-gop=0"
                        + ":bframes=" + s.effectiveBframes() + ":log-level=error" + (cbr ? ":strict-cbr=1" : "");
                options.put("x265-params", params);
            }
            default -> {
                // hardware encoders: rate control by name where they have one; preset left to the driver
                if (cbr) options.put("rc", "cbr");
                if (profile != null) options.put("profile", profile);
            }
        }
        return options;
    }

    /**
     * Asks for a new video bitrate (dynamic bitrate); the encoder thread applies it before the next
     * frame. libx264 reconfigures rate control and VBV in place, without a new keyframe.
     */
    public void requestBitrate(int kbps) { requestedKbps = kbps; }

    /** The bitrate the encoder is using now. */
    public int currentBitrateKbps() { return appliedKbps; }

    private void applyRequestedBitrate() {
        int kbps = requestedKbps;
        if (kbps <= 0 || kbps == appliedKbps) return;
        long bps = kbps * 1000L;
        // keep the VBV buffer the same length in seconds as configured
        double bufferSeconds = (double) settings.effectiveBufsizeKbits() / settings.effectiveMaxrateKbps();
        long maxrate = settings.rateControl() == RateControl.CBR ? bps
                : Math.round(bps * (double) settings.effectiveMaxrateKbps() / settings.bitrateKbps());
        context.bit_rate(bps);
        if (settings.rateControl() == RateControl.CBR) context.rc_min_rate(bps);
        context.rc_max_rate(maxrate);
        context.rc_buffer_size((int) Math.min(Integer.MAX_VALUE, Math.round(maxrate * bufferSeconds)));
        appliedKbps = kbps;
    }

    public EncoderSettings settings() { return settings; }
    public StreamInfo streamInfo() { return streamInfo; }

    /**
     * Sends one canvas frame (pts = frame index) and hands every packet that comes out to
     * {@code sink}. The frame stays the caller's.
     */
    public void encode(AVFrame frame, long composedNanos, Consumer<EncodedPacket> sink) throws AvException {
        applyRequestedBitrate();
        FFmpegLog.clearLastError();
        composeTimes.put(frame.pts(), composedNanos);
        AvException.check(avcodec_send_frame(context, frame), "video encode");
        drain(composedNanos, sink);
    }

    /** Flushes the delayed frames at the end of a broadcast. */
    public void flush(Consumer<EncodedPacket> sink) throws AvException {
        Packets.endOfStream(context, "video flush");
        drain(System.nanoTime(), sink);
    }

    /**
     * Hands out every packet the encoder has ready. A packet usually belongs to an earlier frame
     * than the one just sent (lookahead, B-frames, frame threads), so it carries the compose time
     * of its own frame, found by pts; {@code fallbackNanos} only when that frame is unknown.
     */
    private void drain(long fallbackNanos, Consumer<EncodedPacket> sink) throws AvException {
        Packets.drain(context, "video encode", packet -> new EncodedPacket(packet, MediaType.VIDEO, settings.fps(),
                composeTimes.take(packet.pts(), fallbackNanos), context.codec_id()), sink);
    }

    @Override public void close() {
        streamInfo.close();
        avcodec_free_context(context);
    }

    /**
     * Compose time by pts for the frames inside the encoder: a ring bigger than any encoder delay
     * (x264/x265 lookahead ≤ 250 frames plus B-frames and frame threads), no allocation per frame.
     */
    private static final class ComposeTimes {
        private static final int SLOTS = 512;
        private final long[] pts = new long[SLOTS];
        private final long[] nanos = new long[SLOTS];

        ComposeTimes() {
            java.util.Arrays.fill(pts, AV_NOPTS_VALUE);
        }

        void put(long framePts, long composedNanos) {
            int slot = (int) Math.floorMod(framePts, (long) SLOTS);
            pts[slot] = framePts;
            nanos[slot] = composedNanos;
        }

        long take(long packetPts, long fallbackNanos) {
            if (packetPts == AV_NOPTS_VALUE) return fallbackNanos;
            int slot = (int) Math.floorMod(packetPts, (long) SLOTS);
            return pts[slot] == packetPts ? nanos[slot] : fallbackNanos;
        }
    }
}
