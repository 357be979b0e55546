package io.castline.bench;

import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.settings.EncoderSettings;

import java.util.concurrent.atomic.AtomicReference;

/** Pieces both benchmark pipelines assemble the engine with, the same way a broadcast does. */
final class PipelineParts {
    private PipelineParts() {}

    /**
     * Opens the video encoder on a thread named {@value ThreadCpu#ENCODER_WORKERS}: x264 starts its
     * lookahead and frame threads in there, and native threads inherit their creator's name, so
     * their CPU time can be told apart from the JVM's own threads.
     */
    static VideoEncoder openEncoder(EncoderSettings settings) throws BenchException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread opener = new Thread(() -> {
            try {
                result.set(new VideoEncoder(settings));
            } catch (AvException | RuntimeException e) {
                result.set(e);
            }
        }, ThreadCpu.ENCODER_WORKERS);
        opener.start();
        try {
            opener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while opening the encoder", e);
        }
        if (result.get() instanceof VideoEncoder encoder) return encoder;
        Throwable failure = (Throwable) result.get();
        throw new BenchException("cannot open the video encoder: " + failure.getMessage(), failure);
    }
}
