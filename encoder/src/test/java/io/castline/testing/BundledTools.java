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

import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} and {@code ffprobe} executables shipped inside the org.bytedeco ffmpeg gpl jar.
 *
 * <p>{@link Loader#load(Class)} extracts them (and the shared libraries) into {@code ~/.javacpp/cache}.
 * The executables carry {@code RUNPATH=$ORIGIN/}, but the bundled {@code libavcodec} does not, so its own
 * dependency {@code libva.so.2} (extracted right next to it) is not found by the dynamic loader unless
 * {@code LD_LIBRARY_PATH} points at that directory. {@link #command} sets it up; always start the tools
 * through it.
 */
public final class BundledTools {

    private static volatile Path ffmpeg;
    private static volatile Path ffprobe;

    private BundledTools() {
    }

    /** Path of the extracted {@code ffmpeg} executable. */
    public static Path ffmpeg() {
        Path p = ffmpeg;
        if (p == null) {
            p = ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        }
        return p;
    }

    /** Path of the extracted {@code ffprobe} executable. */
    public static Path ffprobe() {
        Path p = ffprobe;
        if (p == null) {
            p = ffprobe = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        }
        return p;
    }

    /** A process builder for {@code executable args...} with the bundled libraries on the loader path. */
    public static ProcessBuilder command(Path executable, List<String> args) {
        List<String> cmd = new ArrayList<>(args.size() + 1);
        cmd.add(executable.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String libDir = executable.getParent().toString();
        String old = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? libDir : libDir + ":" + old);
        return pb;
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
        List<String> all = new ArrayList<>(List.of("-hide_banner", "-nostdin"));
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
