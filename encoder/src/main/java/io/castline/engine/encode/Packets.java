package io.castline.engine.encode;

import io.castline.engine.ffmpeg.AvException;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.function.Consumer;
import java.util.function.Function;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

/** The receive side of libavcodec's send/receive loop, shared by the video and audio encoders. */
final class Packets {
    private Packets() {}

    /** Hands every packet the encoder has ready to {@code sink}, wrapped by {@code wrap}. */
    static void drain(AVCodecContext context, String what, Function<AVPacket, EncodedPacket> wrap,
                      Consumer<EncodedPacket> sink) throws AvException {
        while (true) {
            AVPacket packet = av_packet_alloc();
            int ret = avcodec_receive_packet(context, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF()) {
                av_packet_free(packet);
                return;
            }
            if (ret < 0) {
                av_packet_free(packet);
                AvException.check(ret, what);
            }
            sink.accept(wrap.apply(packet));
        }
    }

    /** Tells the encoder there is no more input (its delayed packets then come out of {@link #drain}). */
    static void endOfStream(AVCodecContext context, String what) throws AvException {
        int ret = avcodec_send_frame(context, (AVFrame) null);
        if (ret < 0 && ret != AVERROR_EOF()) AvException.check(ret, what);
    }
}
