package io.castline.engine.encode;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.settings.EncoderSettings;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;

import java.util.function.Consumer;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * Opus at 48 kHz stereo (libopus), the audio WebRTC takes: the second audio encode, made only when
 * a WHIP output exists. The mixer ticks in AAC's 1024 samples, Opus frames are 20 ms (960), so the
 * mixed sound goes through a small FIFO here; pts still counts samples on the program's audio
 * clock, from the first tick this encoder saw. libopus takes interleaved float, not planar.
 */
public final class OpusEncoder implements AutoCloseable {
    private final AVCodecContext context;
    private final AVFrame frame;
    private final StreamInfo streamInfo;
    private final int frameSize;
    private final int channels = EncoderSettings.AUDIO_CHANNELS;
    /** Interleaved samples waiting for a whole Opus frame; {@link #fifoSamples} per channel. */
    private final float[] fifo;
    private int fifoSamples;
    /** The pts of the first sample in the FIFO; Long.MIN_VALUE before the first tick. */
    private long fifoPts = Long.MIN_VALUE;

    public OpusEncoder(int bitrateKbps) throws AvException {
        FFmpegLog.install();
        AVCodec encoder = avcodec_find_encoder_by_name("libopus");
        if (encoder == null) throw new AvException("no Opus encoder (libopus) in this FFmpeg build: WHIP needs one");
        context = avcodec_alloc_context3(encoder);
        context.sample_rate(EncoderSettings.AUDIO_SAMPLE_RATE);
        context.sample_fmt(AV_SAMPLE_FMT_FLT);
        av_channel_layout_default(context.ch_layout(), channels);
        // Opus is transparent well below AAC's rate; WebRTC receivers expect ≤ 128 kbps stereo
        context.bit_rate(Math.min(128, Math.max(32, bitrateKbps)) * 1000L);
        context.time_base(av_make_q(1, EncoderSettings.AUDIO_SAMPLE_RATE));
        context.flags(context.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "application", "audio", 0);
        av_dict_set(options, "frame_duration", "20", 0);
        FFmpegLog.clearLastError();
        try {
            AvException.check(avcodec_open2(context, encoder, options), "cannot open Opus encoder");
        } catch (AvException e) {
            avcodec_free_context(context);
            throw e;
        } finally {
            av_dict_free(options);
        }
        frameSize = context.frame_size();
        frame = av_frame_alloc();
        frame.nb_samples(frameSize);
        frame.format(AV_SAMPLE_FMT_FLT);
        frame.sample_rate(EncoderSettings.AUDIO_SAMPLE_RATE);
        av_channel_layout_copy(frame.ch_layout(), context.ch_layout());
        AvException.check(av_frame_get_buffer(frame, 0), "audio frame buffer");
        fifo = new float[(frameSize + 4096) * channels];
        streamInfo = new StreamInfo(MediaType.AUDIO, context, EncoderSettings.AUDIO_SAMPLE_RATE);
    }

    public StreamInfo streamInfo() { return streamInfo; }

    /**
     * Takes one mixer tick (planar, {@code planar[0].length} samples from sample {@code pts}) and
     * encodes every whole Opus frame it completes.
     */
    public void encode(float[][] planar, long pts, long mixedNanos, Consumer<EncodedPacket> sink) throws AvException {
        int n = planar[0].length;
        if (fifoPts == Long.MIN_VALUE || pts != fifoPts + fifoSamples) {
            // the first tick, or the clock jumped: start the FIFO again where the sound now is
            fifoPts = pts;
            fifoSamples = 0;
        }
        int offset = 0;
        while (offset < n) {
            int take = Math.min(n - offset, frameSize - fifoSamples);
            for (int i = 0; i < take; i++) {
                for (int ch = 0; ch < channels; ch++) fifo[(fifoSamples + i) * channels + ch] = planar[ch][offset + i];
            }
            fifoSamples += take;
            offset += take;
            if (fifoSamples == frameSize) {
                sendFrame(mixedNanos, sink);
                fifoPts += frameSize;
                fifoSamples = 0;
            }
        }
    }

    private void sendFrame(long mixedNanos, Consumer<EncodedPacket> sink) throws AvException {
        AvException.check(av_frame_make_writable(frame), "audio frame writable");
        new FloatPointer(frame.data(0)).put(fifo, 0, frameSize * channels);
        frame.pts(fifoPts);
        AvException.check(avcodec_send_frame(context, frame), "opus encode");
        drain(mixedNanos, sink);
    }

    /** Ends the stream: what is left in the FIFO is dropped (under 20 ms), the encoder's delayed packets come out. */
    public void flush(Consumer<EncodedPacket> sink) throws AvException {
        Packets.endOfStream(context, "opus flush");
        drain(System.nanoTime(), sink);
    }

    private void drain(long mixedNanos, Consumer<EncodedPacket> sink) throws AvException {
        Packets.drain(context, "opus encode", packet -> new EncodedPacket(packet, MediaType.AUDIO,
                EncoderSettings.AUDIO_SAMPLE_RATE, mixedNanos, AV_CODEC_ID_OPUS), sink);
    }

    @Override public void close() {
        streamInfo.close();
        av_frame_free(frame);
        avcodec_free_context(context);
    }
}
