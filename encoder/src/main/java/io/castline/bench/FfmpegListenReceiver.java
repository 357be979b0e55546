package io.castline.bench;

import io.castline.engine.ffmpeg.BundledTools;
import java.util.stream.Stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The fallback receiver: the bundled {@code ffmpeg -listen 1 -i rtmp://…} per stream, which takes
 * one publisher, reads it to the end and exits. It must not be probed with a test connection (it
 * would take that as its publisher), so readiness is read from the kernel's table of listening
 * sockets where there is one, else given a moment. For the latency run the first listener also
 * relays the video it receives (timestamps kept) to the benchmark's reader, which listens for it;
 * for the soak every listener instead copies what it receives to {@code <key>.flv}.
 */
final class FfmpegListenReceiver implements RtmpReceiver {
    private final List<Process> processes;
    private final List<String> urls;
    private final String readBackUrl;
    /** Where each key is recorded, or null for the read-back use. */
    private final Path recordDir;

    private FfmpegListenReceiver(List<Process> processes, List<String> urls, String readBackUrl, Path recordDir) {
        this.processes = processes;
        this.urls = urls;
        this.readBackUrl = readBackUrl;
        this.recordDir = recordDir;
    }

    static FfmpegListenReceiver start(Path dir, List<String> keys, Use use) throws BenchException {
        List<Process> processes = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        FfmpegListenReceiver receiver;
        try {
            receiver = new FfmpegListenReceiver(processes, urls, use == Use.RECORD ? null
                    : "rtmp://127.0.0.1:" + RtmpReceiver.freeLoopbackPort() + "/live/readback",
                    use == Use.RECORD ? dir.toAbsolutePath() : null);
        } catch (IOException e) {
            throw new BenchException("no free port: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(dir);
            for (String key : keys) {
                int port = RtmpReceiver.freeLoopbackPort();
                String url = "rtmp://127.0.0.1:" + port + "/live/" + key;
                // a short analysis (the relay needs the picture size from the stream) and, for the
                // relay, no input buffering, so that after the first second packets go straight
                // through; a recording keeps the packets read while analysing (nobuffer drops them,
                // and the copy then starts at the next keyframe: a GOP short)
                List<String> args = new ArrayList<>(List.of("-loglevel", "error"));
                if (receiver.recordDir == null) args.addAll(List.of("-fflags", "nobuffer"));
                args.addAll(List.of("-analyzeduration", "1000000", "-listen", "1", "-i", url));
                if (receiver.recordDir != null) {
                    args.addAll(List.of("-c", "copy", "-f", "flv", receiver.recordDir.resolve(key + ".flv").toString()));
                } else if (urls.isEmpty()) {
                    // video only, so that its muxer has nothing to interleave with and waits for nothing
                    args.addAll(List.of("-map", "0:v", "-c", "copy", "-copyts", "-flush_packets", "1", "-f", "flv",
                            receiver.readBackUrl));
                } else {
                    args.addAll(List.of("-c", "copy", "-f", "null", "-"));
                }
                Process p = BundledTools.command(BundledTools.ffmpeg(), Stream.concat(Stream.of("-nostdin"), args.stream()).toList())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(key + ".log").toFile())
                        .start();
                processes.add(p);
                urls.add(url);
                RtmpReceiver.awaitListening(port, p::isAlive, "FFmpeg's RTMP listener");
            }
            return receiver;
        } catch (IOException e) {
            receiver.close();
            throw new BenchException("cannot start FFmpeg's RTMP listener: " + e.getMessage(), e);
        } catch (BenchException e) {
            receiver.close();
            throw e;
        }
    }

    @Override public String kind() { return "ffmpeg-listen"; }

    @Override public long cpuNanos() { return processes.stream().mapToLong(p -> ProcessStats.cpuNanosOf(p.pid())).sum(); }

    @Override public List<String> urls() { return List.copyOf(urls); }

    @Override public ArrivalReader.Endpoint readBack() {
        if (readBackUrl == null) throw new IllegalStateException("a recording receiver relays nothing to read back");
        return new ArrivalReader.Endpoint(readBackUrl, true);
    }

    /** One listener takes one publisher: one file per key at most. */
    @Override public List<Path> recordings(String key) {
        if (recordDir == null) return List.of();
        Path file = recordDir.resolve(key + ".flv");
        return Files.exists(file) ? List.of(file) : List.of();
    }

    @Override public void close() {
        for (Process p : processes) {
            try {
                // it exits by itself when its publisher has gone; end it if not
                if (!p.waitFor(2, TimeUnit.SECONDS)) BundledTools.end(p, 3);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
