package io.castline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real nginx with the RTMP module (Debian {@code nginx} + {@code libnginx-mod-rtmp}) listening on a free
 * loopback port, run as a child process of the test JVM.
 *
 * <p>Applications:
 * <ul>
 *   <li>{@value #LIVE} — accepts publishers, relays live, and records every publish to
 *       {@code <prefix>/rec/<key>-<unix seconds>.flv} (see {@link #recordings(String)}).</li>
 *   <li>{@value #DENY} — refuses every publish ({@code deny publish all;}). The RTMP handshake and
 *       {@code connect} succeed; nginx drops the connection on {@code publish}, so an ffmpeg publisher
 *       fails when it first writes media (exit code 224 = -EPIPE, "Broken pipe").</li>
 * </ul>
 *
 * <p>Layout under the prefix: {@code nginx.conf}, {@code logs/} (error.log, access.log, nginx.pid,
 * nginx.out = the process's stdout+stderr), {@code rec/} (recordings).
 *
 * <p>Behaviour worth knowing when writing tests:
 * <ul>
 *   <li>A live <em>reader</em> of nginx-rtmp never sees EOF when the publisher stops; give it
 *       {@code -rw_timeout}.</li>
 *   <li>A recording is written as packets arrive and closed when the publisher disconnects. After the
 *       publishing process exits, the last bytes may still be in the socket buffer: use
 *       {@link #awaitPublishesFinished} before probing.</li>
 *   <li>After {@link #kill()} the recording of an interrupted publish keeps what nginx had written (no
 *       access-log line is produced for it).</li>
 *   <li>The recording name only has one-second resolution: two publishes of the same key starting within
 *       the same wall-clock second write the same file (the second truncates the first).</li>
 * </ul>
 *
 * <p>Never leaked: {@link #close()} stops it, a JVM shutdown hook kills it if a test forgets, and
 * {@link #start} kills a stray nginx that an aborted earlier run left on the same prefix.
 */
public final class NginxRtmp implements AutoCloseable {

    /** The recording application. */
    public static final String LIVE = "live";
    /** The application that refuses every publish. */
    public static final String DENY = "deny";

    private static final Path RTMP_MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** nginx itself retries a failed bind() 5 times, 500 ms apart, before it exits. */
    private static final int START_ATTEMPTS = 3;

    private final Path prefix;
    private final Path conf;
    private final int port;
    /** Address nginx listens on: loopback, or its address inside a test network namespace. */
    private final String host;
    /** Network namespace nginx runs in, or null for this one. */
    private final String netns;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile boolean closed;

    private NginxRtmp(Path prefix, int port, String host, String netns) {
        this.prefix = prefix;
        this.conf = prefix.resolve("nginx.conf");
        this.port = port;
        this.host = host;
        this.netns = netns;
        this.shutdownHook = new Thread(this::killQuietly, "nginx-rtmp-reaper:" + port);
    }

    /**
     * Writes {@code nginx.conf} under {@code prefixDir} (created if missing) for a free loopback port and
     * starts nginx. Returns once the port accepts connections.
     *
     * @throws IOException if nginx does not come up within ~5 s; the message carries its error log
     */
    public static NginxRtmp start(Path prefixDir) throws IOException {
        return start(prefixDir, null);
    }

    /**
     * Like {@link #start(Path)}, but nginx runs inside the network namespace of {@code link} and
     * listens on the namespace's address (port 1935: the namespace has no other listener).
     */
    public static NginxRtmp start(Path prefixDir, NetnsLink link) throws IOException {
        Path prefix = prefixDir.toAbsolutePath().normalize();
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("rec"));
        reapStray(prefix);

        IOException last = null;
        // The free port is found by binding and releasing it, so another process may grab it before nginx
        // binds; on that (rare) race try again with another port.
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            NginxRtmp server = link == null ? new NginxRtmp(prefix, freeLoopbackPort(), "127.0.0.1", null)
                    : new NginxRtmp(prefix, 1935, link.innerAddress(), link.namespace());
            server.writeConfig();
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            try {
                server.launch();
                return server;
            } catch (IOException e) {
                server.close();
                last = e;
                if (!server.errorLog().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    /** The loopback TCP port nginx listens on (stable across {@link #restart()}). */
    public int port() {
        return port;
    }

    /** The prefix directory (absolute). */
    public Path prefix() {
        return prefix;
    }

    /** Directory the {@value #LIVE} application records into. */
    public Path recordDir() {
        return prefix.resolve("rec");
    }

    /** {@code rtmp://127.0.0.1:PORT/app/key}. */
    public String url(String app, String key) {
        return "rtmp://" + host + ":" + port + "/" + app + "/" + key;
    }

    /** Whether the nginx process is alive. */
    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The pid of the current nginx process, if one was started. */
    public OptionalLong pid() {
        Process p = process;
        return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
    }

    /**
     * SIGKILLs nginx, as if the ingest server crashed: connected publishers see a reset, nothing is flushed
     * or logged. Returns once the process is gone and the port refuses connections.
     */
    public void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly(); // SIGKILL on Unix
        awaitExit(p);
        awaitPortClosed();
    }

    /**
     * Starts nginx again on the same port and prefix (killing the current process first if it still runs).
     * Recordings and logs of the earlier run are kept; logs are appended to.
     *
     * @throws IOException if it does not come up (the port is retried for a few seconds)
     */
    public void restart() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        kill();
        IOException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                launch();
                return;
            } catch (IOException e) {
                last = e;
                if (!errorLog().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    /**
     * The recordings of stream {@code key} in the {@value #LIVE} application, oldest first.
     *
     * <p>With {@code record_unique on} nginx-rtmp names each file {@code <key>-<T>.flv}, where T is the
     * Unix time in whole seconds at which the publish started (e.g. {@code abc-1795642954.flv}); ordered
     * by T, then by modification time.
     */
    public List<Path> recordings(String key) {
        Pattern name = recordingNamePattern(key);
        try (Stream<Path> files = Files.list(recordDir())) {
            return files.filter(f -> name.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong((Path f) -> publishStartEpochSecond(f).orElse(Long.MAX_VALUE))
                            .thenComparing(NginxRtmp::mtime))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File name pattern of the recordings of {@code key}; group 1 is the publish start (Unix seconds). */
    public static Pattern recordingNamePattern(String key) {
        return Pattern.compile(Pattern.quote(key) + "-(\\d+)\\.flv");
    }

    /** The publish start time (Unix seconds) encoded in a recording's file name, if it is one. */
    public static OptionalLong publishStartEpochSecond(Path recording) {
        Matcher m = Pattern.compile(".*-(\\d+)\\.flv").matcher(recording.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * Number of finished publishes of {@code app/key} according to the access log. nginx-rtmp logs a
     * {@code PUBLISH "app" "key" ...} line when a publisher disconnects, in the same event-loop step that
     * closes its recording; publishes cut off by {@link #kill()} are never logged.
     */
    public int finishedPublishes(String app, String key) {
        String marker = "PUBLISH \"" + app + "\" \"" + key + "\" ";
        return (int) accessLog().stream().filter(l -> l.contains(marker)).count();
    }

    /**
     * Waits until at least {@code count} publishes of {@code app/key} have finished (see
     * {@link #finishedPublishes}), i.e. their recordings are complete and closed.
     *
     * @throws IllegalStateException on timeout
     */
    public void awaitPublishesFinished(String app, String key, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finishedPublishes(app, key) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("expected " + count + " finished publishes of " + app + "/" + key
                        + " within " + timeout + "; access log:\n" + String.join("\n", accessLog()));
            }
            sleep(50);
        }
    }

    /**
     * Waits until every publish of {@code key} that started (nginx logs {@code publish: name='KEY'}
     * for each, refused ones included) has finished (see {@link #finishedPublishes}): when the
     * number of sessions is not known in advance, e.g. when some publishes were refused.
     */
    public void awaitAllPublishesFinished(String app, String key, Duration timeout) {
        String started = "publish: name='" + key + "'";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int count = errorLog().split(Pattern.quote(started), -1).length - 1;
            if (count > 0 && finishedPublishes(app, key) >= count) return;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(count + " publishes of " + key + " started, not all finished within "
                        + timeout + "; access log:\n" + String.join("\n", accessLog()));
            }
            sleep(50);
        }
    }

    /** Lines of {@code logs/access.log} (one per finished RTMP session), empty if none yet. */
    public List<String> accessLog() {
        Path f = prefix.resolve("logs/access.log");
        try {
            return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Content of {@code logs/error.log} (level {@code info}: connects, publishes, refusals, errors). */
    public String errorLog() {
        return readQuietly(prefix.resolve("logs/error.log"));
    }

    /** Stops nginx (SIGTERM, then SIGKILL after 5 s) and waits for the port to close. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy(); // SIGTERM: nginx "fast shutdown"
            try {
                if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    awaitExit(p);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            awaitPortClosed();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to; nothing to undo
        }
    }

    @Override
    public String toString() {
        return "NginxRtmp[127.0.0.1:" + port + ", " + prefix + (isRunning() ? ", running" : ", stopped") + "]";
    }

    // ---------------------------------------------------------------------------------------------

    private void writeConfig() throws IOException {
        String p = prefix.toString();
        // master_process off: a single process that keeps our uid (a worker would switch to nobody and
        // fail to write recordings with EACCES). Paths are quoted in case the prefix contains spaces.
        String text = """
                load_module "%1$s";
                daemon off;
                master_process off;
                pid "%2$s/logs/nginx.pid";
                error_log "%2$s/logs/error.log" info;

                events {
                    worker_connections 256;
                }

                rtmp {
                    access_log "%2$s/logs/access.log";

                    server {
                        listen %6$s:%3$d;

                        application %4$s {
                            live on;
                            record all;
                            record_path "%2$s/rec";
                            # unique: a re-publish (e.g. after a restart) makes a new file, <key>-<unix s>.flv
                            record_unique on;
                            record_suffix .flv;
                        }

                        application %5$s {
                            live on;
                            deny publish all;
                        }
                    }
                }
                """.formatted(RTMP_MODULE, p, port, LIVE, DENY, host);
        Files.writeString(conf, text, StandardCharsets.UTF_8);
    }

    /** Starts the process and waits for the port; on failure the process is gone and the error is thrown. */
    private void launch() throws IOException {
        Path logs = prefix.resolve("logs");
        // -e: the error log used before the config is read (else nginx opens /var/log/nginx/error.log).
        List<String> command = new ArrayList<>();
        if (netns != null) command.addAll(List.of("ip", "netns", "exec", netns));
        command.addAll(List.of(nginxExecutable(),
                "-p", prefix + "/", "-c", conf.toString(), "-e", logs.resolve("error.log").toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("nginx.out").toFile()));
        Process p = pb.start();
        process = p;

        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("nginx exited with code " + p.exitValue() + " before listening on port "
                        + port + "\n" + diagnostics());
            }
            if (acceptsConnections()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                awaitExit(p);
                throw new IOException("nginx did not listen on port " + port + " within " + READY_TIMEOUT
                        + "\n" + diagnostics());
            }
            sleep(25);
        }
    }

    private String diagnostics() {
        return "--- error.log ---\n" + errorLog() + "\n--- nginx.out ---\n" + readQuietly(prefix.resolve("logs/nginx.out"));
    }

    private boolean acceptsConnections() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitPortClosed() {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (acceptsConnections()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + " still accepts connections after nginx stopped");
            }
            sleep(25);
        }
    }

    private void killQuietly() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private static void awaitExit(Process p) {
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("nginx pid " + p.pid() + " did not die after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nginx to exit", e);
        }
    }

    /**
     * Kills an nginx that a previous, abruptly ended test JVM started on this very prefix (its shutdown hook
     * never ran). Matched by its exact command line, so nothing else is touched.
     */
    private static void reapStray(Path prefix) {
        String prefixArg = prefix + "/";
        ProcessHandle.allProcesses()
                .filter(h -> h.info().command().map(c -> c.endsWith("/nginx")).orElse(false))
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(prefixArg)).orElse(false))
                .forEach(h -> {
                    h.destroyForcibly();
                    h.onExit().completeOnTimeout(h, 5, TimeUnit.SECONDS).join();
                });
    }

    private static String nginxExecutable() {
        String configured = System.getProperty("castline.nginx");
        if (configured != null) {
            return configured;
        }
        // /usr/sbin is often not on a non-root PATH
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "nginx";
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static FileTime mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    private static String readQuietly(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + f + ": " + e + ")";
        }
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
