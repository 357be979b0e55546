package io.castline.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A headless Chromium as the bench's WebRTC receiver: started as a plain process on one page (no
 * driver: the page talks to {@link WhipEndpoint} by itself), its own profile, ended with its
 * children. Found as {@code CASTLINE_CHROMIUM}, else {@code chromium}, {@code chromium-browser},
 * {@code google-chrome} on the PATH.
 */
public final class ChromiumProcess implements AutoCloseable {
    /**
     * What a page needs to receive WebRTC on loopback: loopback candidates, real host addresses
     * instead of mDNS names, playback without a gesture, and a fake microphone whose permission lets
     * the page gather candidates on every interface (else only the default route's).
     */
    public static final List<String> WEBRTC_SWITCHES = List.of("--allow-loopback-in-peer-connection",
            "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");

    private final Process process;

    private ChromiumProcess(Process process) {
        this.process = process;
    }

    /** The Chromium executable, or null when none is installed. */
    public static Path find() {
        String configured = System.getenv("CASTLINE_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    /** Opens {@code url} in a headless Chromium with the WebRTC switches; its output goes to {@code dir}/chromium.log. */
    public static ChromiumProcess open(Path executable, Path dir, String url) throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--mute-audio", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(WEBRTC_SWITCHES);
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        return new ChromiumProcess(p);
    }

    public boolean alive() { return process.isAlive(); }

    /** CPU time of the browser's processes still running (its renderer, GPU and network processes too). */
    public long cpuNanos() {
        long sum = cpu(process.toHandle());
        for (ProcessHandle h : process.descendants().toList()) sum += cpu(h);
        return sum;
    }

    private static long cpu(ProcessHandle h) {
        return h.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    @Override public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
