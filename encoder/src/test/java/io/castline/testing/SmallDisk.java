package io.castline.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real small disk: a tmpfs of a given size mounted on a test directory, which can be filled to
 * the last byte ({@code No space left on device}) and freed again. Needs root ({@code mount});
 * CI runs as root. {@link #close()} unmounts it (lazily if something still holds a file open).
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Why a disk cannot be mounted here, or null when it can (root and a working {@code mount}). */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) return "needs root (mount -t tmpfs)";
        try {
            Path probe = Files.createTempDirectory("castline-tmpfs-probe");
            try {
                Result r = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString());
                if (r.code != 0) return "mount -t tmpfs failed: " + r.output;
                run("umount", probe.toString());
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return "cannot run mount: " + e.getMessage();
        }
        return null;
    }

    /** Mounts a tmpfs of {@code megabytes} MiB on {@code dir} (created if missing). */
    public static SmallDisk mount(Path dir, int megabytes) throws IOException {
        return mount(dir, megabytes, false);
    }

    /** Like {@link #mount(Path, int)}; {@code readOnly} refuses every new file, even root's. */
    public static SmallDisk mount(Path dir, int megabytes, boolean readOnly) throws IOException {
        Files.createDirectories(dir);
        Result r = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m" + (readOnly ? ",ro" : ""), "tmpfs",
                dir.toString());
        if (r.code != 0) throw new IOException("mount -t tmpfs on " + dir + " failed: " + r.output);
        return new SmallDisk(dir);
    }

    public Path dir() { return mountPoint; }

    /** Free bytes as the file system reports them. */
    public long freeBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /**
     * Writes a filler file until the disk refuses more ("No space left on device"): from now on
     * every write of others fails. Returns the filler's size.
     */
    public long fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
        }
        // the last partial block: fill every byte that is left
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
                written++;
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
        }
        return Files.size(filler);
    }

    /** Deletes the filler: the space is back. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override public void close() {
        try {
            if (run("umount", mountPoint.toString()).code != 0) run("umount", "-l", mountPoint.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot unmount " + mountPoint, e);
        }
    }

    private record Result(int code, String output) {}

    private static Result run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, String.join(" ", cmd) + ": no answer within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    @Override public String toString() {
        return "tmpfs on " + mountPoint;
    }

    /** The files on the disk (not the filler), by name. */
    public List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(mountPoint)) {
            s.filter(f -> !f.equals(filler)).sorted().forEach(out::add);
        }
        return out;
    }
}
