package io.castline.engine.encode;

import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.settings.VideoCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * Which encoders actually work on this machine. Software encoders are in the bundled FFmpeg; a
 * hardware encoder is offered only when opening a small session with it succeeds (a build that
 * has NVENC is no proof that there is an NVIDIA GPU and driver).
 */
public final class HardwareEncoders {
    private static final Logger LOG = LoggerFactory.getLogger(HardwareEncoders.class);
    private static volatile List<VideoCodec> working;

    private HardwareEncoders() {}

    public static List<VideoCodec> available() {
        List<VideoCodec> w = working;
        if (w == null) {
            synchronized (HardwareEncoders.class) {
                if (working == null) working = probe();
                w = working;
            }
        }
        return w;
    }

    public static boolean isAvailable(VideoCodec codec) { return available().contains(codec); }

    private static List<VideoCodec> probe() {
        FFmpegLog.install();
        List<VideoCodec> result = new ArrayList<>();
        for (VideoCodec codec : VideoCodec.values()) {
            AVCodec encoder = avcodec_find_encoder_by_name(codec.encoderName());
            if (encoder == null) continue;
            if (!codec.hardware() || opens(encoder)) result.add(codec);
        }
        LOG.debug("working encoders: {}", result);
        return List.copyOf(result);
    }

    private static boolean opens(AVCodec encoder) {
        AVCodecContext c = avcodec_alloc_context3(encoder);
        try {
            c.width(320);
            c.height(240);
            c.pix_fmt(AV_PIX_FMT_YUV420P);
            c.time_base(av_make_q(1, 30));
            c.bit_rate(500_000);
            return avcodec_open2(c, encoder, (org.bytedeco.ffmpeg.avutil.AVDictionary) null) >= 0;
        } finally {
            avcodec_free_context(c);
        }
    }
}
