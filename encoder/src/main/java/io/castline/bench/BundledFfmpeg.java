package io.castline.bench;

import org.bytedeco.javacpp.Loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ffmpeg} executable shipped in the FFmpeg gpl jar (the same libraries Castline links),
 * unpacked to the JavaCPP cache on first use. Its libavcodec does not find the {@code libva.so.2}
 * unpacked beside it unless {@code LD_LIBRARY_PATH} points at that directory, so every start goes
 * through {@link #command}.
 */
final class BundledFfmpeg {
    private static volatile Path executable;

    private BundledFfmpeg() {}

    static Path executable() {
        Path p = executable;
        if (p == null) p = executable = Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        return p;
    }

    /** {@code ffmpeg -hide_banner -nostdin args…} with the bundled libraries on the loader path. */
    static ProcessBuilder command(List<String> args) {
        Path ffmpeg = executable();
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        String libDir = ffmpeg.getParent().toString();
        String old = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? libDir : libDir + ":" + old);
        return pb;
    }
}
