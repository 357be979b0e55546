package io.castline.bench;

import io.castline.engine.encode.MediaType;
import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.output.Backoff;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.video.Compositor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One free-running pass of the real pipeline: {@link BenchVideoSource} → {@link Compositor}
 * (no clock) → {@link VideoEncoder} → N {@link Output}s, each muxing FLV (the RTMP container) to a
 * local file. Timed from opening the encoder to the last packet written by the last output,
 * which is what bare FFmpeg's {@code -benchmark} real time covers.
 */
final class FreeRun {

    /** What one pass measured. Times are totals over the pass; divide by {@link #frames}. */
    record Result(int outputs, long frames, long wallNanos, long cpuNanos, Map<String, Long> threadCpuNanos,
                  long sourceNanos, long composeNanos, long convertNanos, long encodeNanos, long droppedFrames,
                  double otherCores) {
        double fps() { return frames * 1e9 / wallNanos; }
        double cpuMsPerFrame() { return cpuNanos / 1e6 / frames; }
        /** CPU of one output thread per frame (libavformat muxing and writing, the queue hand-off). */
        double muxMsPerFrame() { return threadCpuNanos.getOrDefault("outputs", 0L) / 1e6 / frames / outputs; }
    }

    private FreeRun() {}

    static Result run(EncoderSettings settings, int sourceWidth, int sourceHeight, long frames, int outputCount, Path dir)
            throws BenchException {
        BenchVideoSource source = new BenchVideoSource(sourceWidth, sourceHeight, settings.fps(), frames);
        Compositor compositor;
        try {
            compositor = new Compositor(source, settings.width(), settings.height(), settings.fps());
        } catch (AvException e) {
            throw new BenchException("cannot set up the compositor: " + e.getMessage(), e);
        }
        List<Output> outputs = new ArrayList<>();
        List<PacketCounter> counters = new ArrayList<>();
        VideoEncoder encoder = null;
        EncodeLoop loop = null;
        try {
            ThreadCpu threadsBefore = ThreadCpu.snapshot();
            long busy0 = MachineLoad.busyNanos();
            long cpu0 = ProcessStats.cpuNanos();
            long t0 = System.nanoTime();

            encoder = PipelineParts.openEncoder(settings);
            for (int i = 1; i <= outputCount; i++) {
                PacketCounter counter = new PacketCounter();
                OutputTarget target = OutputTarget.recording("out" + i, dir.resolve("out" + i + ".flv"));
                Output output = new Output(target, List.of(encoder.streamInfo()), Output.Config.standard(),
                        Backoff.standard(), counter);
                outputs.add(output);
                counters.add(counter);
            }
            outputs.forEach(Output::start);
            source.start();
            AtomicReference<ThreadCpu> threadsAtFlush = new AtomicReference<>(threadsBefore);
            loop = new EncodeLoop(compositor, encoder, p -> Output.fanOut(p, outputs), frames,
                    () -> threadsAtFlush.set(ThreadCpu.snapshot()));
            loop.start();
            compositor.startFreeRunning(frames);

            awaitEncoded(loop, compositor, source, frames);
            awaitWritten(outputs, counters, frames);
            long t1 = counters.stream().mapToLong(PacketCounter::lastWrittenNanos).max().orElse(System.nanoTime());
            long cpu1 = ProcessStats.cpuNanos();
            long busy1 = MachineLoad.busyNanos();
            Map<String, Long> threadCpu = ThreadCpu.snapshot().withEndedThreadsOf(threadsAtFlush.get())
                    .since(threadsBefore, cpu1 - cpu0);

            long render = compositor.renderNanos();
            long convert = compositor.convertNanos();
            long dropped = outputs.stream().mapToLong(o -> o.status().droppedFrames()).sum();
            return new Result(outputCount, frames, t1 - t0, cpu1 - cpu0, threadCpu, source.grabNanos(),
                    render - convert, convert, loop.encodeNanos(), dropped,
                    MachineLoad.otherCores(busy0, busy1, cpu1 - cpu0, System.nanoTime() - t0));
        } finally {
            compositor.close();
            if (loop != null) loop.stop();
            Output.stopAll(outputs);
            source.close();
            if (encoder != null) encoder.close();
            for (int i = 1; i <= outputCount; i++) deleteQuietly(dir.resolve("out" + i + ".flv"));
        }
    }

    private static void awaitEncoded(EncodeLoop loop, Compositor compositor, BenchVideoSource source, long frames)
            throws BenchException {
        // generous: even a slow preset on a busy machine encodes a frame in well under a second
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30 + frames);
        try {
            while (!loop.awaitDone(100)) {
                if (compositor.failure() != null) throw new BenchException("compositor: " + compositor.failure().getMessage());
                if (source.problem() != null) throw new BenchException("source: " + source.problem());
                if (System.nanoTime() > deadline) throw new BenchException("encoding " + frames + " frames timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
        if (loop.failure() != null) throw new BenchException("encoder: " + loop.failure().getMessage(), loop.failure());
    }

    private static void awaitWritten(List<Output> outputs, List<PacketCounter> counters, long frames) throws BenchException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < outputs.size(); i++) {
            Output output = outputs.get(i);
            PacketCounter counter = counters.get(i);
            while (counter.videoPackets() + output.status().droppedFrames() < frames) {
                if (output.state() == OutputState.FAILED) {
                    throw new BenchException(output.name() + " failed: " + output.status().reason());
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchException(output.name() + " wrote " + counter.videoPackets() + " of " + frames + " frames");
                }
                sleepQuietly(2);
            }
        }
    }

    /** Counts the video packets an output has handed to its muxer, and when the last one went. */
    private static final class PacketCounter implements Output.PacketWrittenListener {
        private final AtomicLong video = new AtomicLong();
        private volatile long lastWrittenNanos;

        @Override public void written(MediaType type, long composedNanos, long writtenNanos) {
            if (type != MediaType.VIDEO) return;
            lastWrittenNanos = writtenNanos;
            video.incrementAndGet();
        }

        long videoPackets() { return video.get(); }
        long lastWrittenNanos() { return lastWrittenNanos; }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException ignored) {
            // a temp file; the directory is removed at the end anyway
        }
    }
}
