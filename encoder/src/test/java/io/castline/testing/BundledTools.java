package io.castline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bundled {@code ffmpeg} and {@code ffprobe} for tests: the engine's launcher
 * ({@link io.castline.engine.ffmpeg.BundledTools}: the executables from the FFmpeg gpl jar, with the
 * loader path they need) plus what tests do with them: run to completion with a log, publish a
 * synthetic test stream.
 */
public final class BundledTools {

    private BundledTools() {
    }

    /** Path of the extracted {@code ffmpeg} executable. */
    public static Path ffmpeg() {
        return io.castline.engine.ffmpeg.BundledTools.ffmpeg();
    }

    /** Path of the extracted {@code ffprobe} executable. */
    public static Path ffprobe() {
        return io.castline.engine.ffmpeg.BundledTools.ffprobe();
    }

    /** {@code executable -hide_banner args...} with the bundled libraries on the loader path. */
    public static ProcessBuilder command(Path executable, List<String> args) {
        return io.castline.engine.ffmpeg.BundledTools.command(executable, args);
    }

    /** Outcome of {@link #runFfmpeg}: exit code and everything ffmpeg wrote to stdout/stderr. */
    public record Result(int exitCode, String log) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs the bundled ffmpeg to completion with {@code -hide_banner -nostdin} prepended, its combined output
     * written to {@code logFile} (kept for post-mortems). Killed if it runs longer than {@code timeout}; the
     * result then has exit code -1.
     */
    public static Result runFfmpeg(List<String> args, Path logFile, Duration timeout) {
        Process p = startFfmpeg(args, logFile);
        try {
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return new Result(done ? p.exitValue() : -1, Files.readString(logFile, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ffmpeg", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the bundled ffmpeg in the background (for publishers that a test interrupts). The caller owns
     * the process and must end it. Output (stdout+stderr) goes to {@code logFile}.
     */
    public static Process startFfmpeg(List<String> args, Path logFile) {
        List<String> all = new ArrayList<>(List.of("-nostdin"));
        all.addAll(args);
        ProcessBuilder pb = command(ffmpeg(), all)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + ffmpeg(), e);
        }
    }

    /**
     * ffmpeg arguments that publish a synthetic test stream (testsrc2 + sine, H.264 with a keyframe every
     * {@code fps} frames, AAC 48 kHz) in real time ({@code -re}) to an RTMP {@code url} for {@code seconds}.
     */
    public static List<String> testStreamArgs(String url, int width, int height, int fps, double seconds) {
        return List.of(
                "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
                "-re", "-f", "lavfi", "-i", "sine=sample_rate=48000",
                "-t", Double.toString(seconds),
                "-c:v", "libx264", "-g", Integer.toString(fps),
                "-c:a", "aac",
                "-f", "flv", url);
    }
}
