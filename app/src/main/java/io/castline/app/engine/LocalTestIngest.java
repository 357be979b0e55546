package io.castline.app.engine;

import io.castline.engine.ffmpeg.BundledTools;

import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built-in test ingest used when no destination is configured: one bundled-FFmpeg RTMP
 * listener per network output ({@code ffmpeg -listen 1 -i rtmp://127.0.0.1:PORT/live/local-test
 * -c copy received.flv}), each on a free loopback port, recording what arrives into a temporary
 * folder. Nothing leaves the computer. After the broadcast, {@link #finish} waits for the receivers
 * to end with the stream and reads their files with the bundled ffprobe.
 *
 * <p>Processes are ended by {@link #close} (and by a shutdown hook if the JVM exits first), which
 * also deletes the folder.
 */
public final class LocalTestIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTestIngest.class);
    public static final String APP = "live";
    public static final String KEY = "local-test";
    /** The URL a local-test plan carries until the receivers' ports are known ({@link #retarget}). */
    public static final String PLACEHOLDER_SERVER = "rtmp://127.0.0.1/" + APP;
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<LocalTestIngest> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private record Receiver(String name, int port, Path file, Path log, Process process) {
        String url() { return "rtmp://127.0.0.1:" + port + "/" + APP + "/" + KEY; }
    }

    private final Path dir;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();

    private LocalTestIngest(Path dir) {
        this.dir = dir;
    }

    /** Starts one receiver per name and returns once every one of them listens. */
    public static LocalTestIngest start(List<String> outputs) throws IOException {
        installHook();
        LocalTestIngest ingest = new LocalTestIngest(Files.createTempDirectory("castline-loopback-"));
        OPEN.add(ingest);
        try {
            for (String name : outputs) ingest.receivers.put(name, ingest.startReceiver(name));
        } catch (IOException | RuntimeException e) {
            ingest.close();
            throw e;
        }
        return ingest;
    }

    private Receiver startReceiver(String name) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freeLoopbackPort();
            Path file = dir.resolve(name + ".flv");
            Path log = dir.resolve(name + ".log");
            String url = "rtmp://127.0.0.1:" + port + "/" + APP + "/" + KEY;
            Process p = BundledTools.command(BundledTools.ffmpeg(), List.of("-nostdin", "-loglevel", "info", "-y",
                            "-listen", "1", "-i", url, "-c", "copy", "-f", "flv", file.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                awaitListening(port, p);
                LOG.info("local test receiver for {} listens on 127.0.0.1:{}", name, port);
                return new Receiver(name, port, file, log, p);
            } catch (IOException e) {
                last = e;
                p.destroyForcibly();
            }
        }
        throw last;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Waits until {@code port} listens, read from /proc/net/tcp: a probe connection would use up the
     * receiver's single accept. Where there is no /proc (macOS, Windows) it allows the receiver a second.
     */
    private void awaitListening(int port, Process p) throws IOException {
        Path tcp = Path.of("/proc/net/tcp");
        if (!Files.exists(tcp)) {
            sleep(1000);
            if (!p.isAlive()) throw new IOException("the local test receiver ended at once: " + tail(p));
            return;
        }
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        long end = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new IOException("the local test receiver ended at once: " + tail(p));
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path t = Path.of(table);
                if (!Files.exists(t)) continue;
                for (String line : Files.readAllLines(t)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) return;
                }
            }
            sleep(50);
        }
        throw new IOException("the local test receiver did not listen on 127.0.0.1:" + port + " within "
                + LISTEN_TIMEOUT.toSeconds() + " s");
    }

    private String tail(Process p) {
        for (Receiver r : receivers.values()) if (r.process() == p) return lastLine(r.log());
        try (Stream<Path> logs = Files.list(dir).filter(f -> f.toString().endsWith(".log"))) {
            return logs.map(LocalTestIngest::lastLine).filter(s -> !s.isEmpty()).findFirst().orElse("no message");
        } catch (IOException e) {
            return "no message";
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) if (!lines.get(i).isBlank()) return lines.get(i).trim();
        } catch (IOException ignored) {
            // no log yet
        }
        return "";
    }

    /** The publish URL of {@code output}'s receiver (loopback; the key is no secret). */
    public String url(String output) {
        Receiver r = receivers.get(output);
        if (r == null) throw new IllegalArgumentException("no local test receiver for " + output);
        return r.url();
    }

    public Path directory() { return dir; }

    /** {@code config} with every network output that has a receiver pointed at it. */
    public Broadcast.Config retarget(Broadcast.Config config) {
        List<OutputTarget> targets = new ArrayList<>();
        for (OutputTarget t : config.targets()) {
            targets.add(t.network() && receivers.containsKey(t.name())
                    ? OutputTarget.network(Destination.parse(t.name(), url(t.name()))) : t);
        }
        return new Broadcast.Config(config.settings(), config.video(), config.audio(), targets, config.outputConfig(),
                config.dynamicBitrate());
    }

    /**
     * After the broadcast stopped: waits (up to {@code wait} in all) for each receiver to end with its
     * stream, ends any still running, and reads each file with ffprobe. Never throws: a receiver that got
     * nothing is a result with its problem.
     */
    public List<ReceivedStream> finish(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        List<ReceivedStream> out = new ArrayList<>();
        for (Receiver r : receivers.values()) {
            String masked = Destination.parse(r.name(), r.url()).maskedUrl();
            endProcess(r.process(), Math.max(0, end - System.nanoTime()));
            long size = sizeOf(r.file());
            if (size <= 0) {
                String why = lastLine(r.log());
                out.add(ReceivedStream.failed(r.name(), masked, size, "nothing arrived"
                        + (why.isEmpty() ? "" : " (receiver: " + io.castline.engine.destination.Secrets.mask(why) + ")")));
                continue;
            }
            try {
                out.add(ReceivedStream.parse(r.name(), masked, size, probe(r.file())));
            } catch (IOException e) {
                out.add(ReceivedStream.failed(r.name(), masked, size, "could not read what arrived: " + e.getMessage()));
            }
        }
        return List.copyOf(out);
    }

    private static void endProcess(Process p, long waitNanos) {
        try {
            if (p.waitFor(waitNanos, TimeUnit.NANOSECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("local test receiver still running after the broadcast ended: stopping it");
        BundledTools.end(p, 3); // SIGTERM first: ffmpeg finishes the file
    }

    private String probe(Path file) throws IOException {
        Path json = dir.resolve(file.getFileName() + ".probe.json");
        Path err = dir.resolve(file.getFileName() + ".probe.err");
        // stdout into a file, not a pipe: a long packet list must not block ffprobe on a full pipe
        Process p = BundledTools.command(BundledTools.ffprobe(), ReceivedStream.ffprobeArgs(file.toString()))
                .redirectOutput(json.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("ffprobe did not finish within " + PROBE_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + file.getFileName());
        }
        if (p.exitValue() != 0) throw new IOException("ffprobe failed: " + lastLine(err));
        return Files.readString(json, StandardCharsets.UTF_8);
    }

    private static long sizeOf(Path f) {
        try {
            return Files.exists(f) ? Files.size(f) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Ends every receiver still running and deletes the folder with what they received. */
    @Override public void close() {
        OPEN.remove(this);
        for (Receiver r : receivers.values()) {
            if (r.process().isAlive()) BundledTools.end(r.process(), 2);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.warn("could not delete the local test folder {}: {}", dir, e.toString());
        }
    }

    /** Whether any receiver process of this ingest still runs. */
    public boolean running() {
        return receivers.values().stream().anyMatch(r -> r.process().isAlive());
    }

    private static synchronized void installHook() {
        if (hookInstalled) return;
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(LocalTestIngest::close),
                "castline-local-test-cleanup"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
