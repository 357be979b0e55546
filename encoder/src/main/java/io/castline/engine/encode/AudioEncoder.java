package io.castline.engine.encode;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.settings.EncoderSettings;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/** AAC-LC at 48 kHz stereo from planar float samples; pts counts samples (the audio media clock). */
public final class AudioEncoder implements AutoCloseable {
    private final AVCodecContext context;
    private final AVFrame frame;
    private final StreamInfo streamInfo;

    public AudioEncoder(int bitrateKbps) throws AvException {
        FFmpegLog.install();
        AVCodec encoder = avcodec_find_encoder(AV_CODEC_ID_AAC);
        if (encoder == null) throw new AvException("no AAC encoder in this FFmpeg build");
        context = avcodec_alloc_context3(encoder);
        context.sample_rate(EncoderSettings.AUDIO_SAMPLE_RATE);
        context.sample_fmt(AV_SAMPLE_FMT_FLTP);
        av_channel_layout_default(context.ch_layout(), EncoderSettings.AUDIO_CHANNELS);
        context.bit_rate(bitrateKbps * 1000L);
        context.time_base(av_make_q(1, EncoderSettings.AUDIO_SAMPLE_RATE));
        context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        FFmpegLog.clearLastError();
        try {
            AvException.check(avcodec_open2(context, encoder, (org.bytedeco.ffmpeg.avutil.AVDictionary) null),
                    "cannot open AAC encoder");
        } catch (AvException e) {
            avcodec_free_context(context);
            throw e;
        }
        frame = av_frame_alloc();
        frame.nb_samples(context.frame_size());
        frame.format(AV_SAMPLE_FMT_FLTP);
        frame.sample_rate(EncoderSettings.AUDIO_SAMPLE_RATE);
        av_channel_layout_copy(frame.ch_layout(), context.ch_layout());
        AvException.check(av_frame_get_buffer(frame, 0), "audio frame buffer");
        streamInfo = new StreamInfo(MediaType.AUDIO, context, EncoderSettings.AUDIO_SAMPLE_RATE);
    }

    /** Samples per AAC frame (1024): the mixer ticks at this size. */
    public int frameSize() { return context.frame_size(); }

    public StreamInfo streamInfo() { return streamInfo; }

    /** Encodes one frame of {@link #frameSize()} samples per channel starting at sample {@code pts}. */
    public void encode(float[][] planar, long pts, long mixedNanos, Consumer<EncodedPacket> sink) throws AvException {
        AvException.check(av_frame_make_writable(frame), "audio frame writable");
        for (int ch = 0; ch < planar.length; ch++) {
            new FloatPointer(frame.data(ch)).put(planar[ch], 0, frame.nb_samples());
        }
        frame.pts(pts);
        AvException.check(avcodec_send_frame(context, frame), "audio encode");
        drain(mixedNanos, sink);
    }

    public void flush(Consumer<EncodedPacket> sink) throws AvException {
        Packets.endOfStream(context, "audio flush");
        drain(System.nanoTime(), sink);
    }

    private void drain(long mixedNanos, Consumer<EncodedPacket> sink) throws AvException {
        Packets.drain(context, "audio encode",
                packet -> new EncodedPacket(packet, MediaType.AUDIO, EncoderSettings.AUDIO_SAMPLE_RATE, mixedNanos,
                        AV_CODEC_ID_AAC), sink);
    }

    @Override public void close() {
        streamInfo.close();
        av_frame_free(frame);
        avcodec_free_context(context);
    }
}
