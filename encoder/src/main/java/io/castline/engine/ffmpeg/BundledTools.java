package io.castline.engine.ffmpeg;

import org.bytedeco.javacpp.Loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ffmpeg} and {@code ffprobe} executables shipped in the FFmpeg gpl jar (the same build
 * the engine links), unpacked to the JavaCPP cache on first use. The bundled libavcodec does not
 * find the {@code libva.so.2} unpacked beside it unless {@code LD_LIBRARY_PATH} points at that
 * directory, so every start goes through {@link #command}. Used by the studio's local test ingest
 * and by the benchmark's reference encode.
 */
public final class BundledTools {
    private static volatile Path ffmpeg;
    private static volatile Path ffprobe;

    private BundledTools() {}

    public static Path ffmpeg() {
        Path p = ffmpeg;
        if (p == null) p = ffmpeg = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        return p;
    }

    public static Path ffprobe() {
        Path p = ffprobe;
        if (p == null) p = ffprobe = Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        return p;
    }

    /** {@code executable -hide_banner args…} with the bundled libraries on the loader path. */
    public static ProcessBuilder command(Path executable, List<String> args) {
        List<String> cmd = new ArrayList<>(args.size() + 2);
        cmd.add(executable.toString());
        cmd.add("-hide_banner");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String libDir = executable.getParent().toString();
        String old = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? libDir : libDir + java.io.File.pathSeparator + old);
        return pb;
    }

    /**
     * Ends a helper process: asks it to stop (SIGTERM: ffmpeg finishes its file, nginx its
     * recordings), waits {@code graceSeconds}, then kills it and waits as long again.
     */
    public static void end(Process p, long graceSeconds) {
        try {
            p.destroy();
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
