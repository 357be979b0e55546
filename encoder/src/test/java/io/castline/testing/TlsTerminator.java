package io.castline.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real TLS terminator in front of an ingest: nginx with the stream module (Debian
 * {@code libnginx-mod-stream}) listening with TLS on a free loopback port and passing the plain
 * bytes on to a {@link NginxRtmp}, as an RTMPS ingest (or a man in the middle) does. Which
 * certificate it presents is the test's choice ({@link TestCertificates}); {@link #restart} can
 * swap it on the same port, as a hostile network would.
 *
 * <p>Layout under the prefix: {@code nginx.conf}, {@code logs/} (error.log, nginx.pid, nginx.out).
 * Stopped by {@link #close()}, or by a JVM shutdown hook if a test forgets.
 */
public final class TlsTerminator implements AutoCloseable {
    private static final Path STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);

    private final Path prefix;
    private final int port;
    private final int backendPort;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile boolean closed;

    private TlsTerminator(Path prefix, int port, int backendPort) {
        this.prefix = prefix;
        this.port = port;
        this.backendPort = backendPort;
        this.shutdownHook = new Thread(this::killQuietly, "tls-terminator-reaper:" + port);
    }

    /**
     * Starts a terminator presenting {@code certificate} on a free loopback port, forwarding to
     * {@code backend}. Returns once the port accepts connections.
     */
    public static TlsTerminator start(Path prefixDir, NginxRtmp backend, TestCertificates.KeyPair certificate) throws IOException {
        return start(prefixDir, backend.port(), certificate);
    }

    /** The same in front of any TCP service on loopback (an HTTP endpoint: HTTPS). */
    public static TlsTerminator start(Path prefixDir, int backendPort, TestCertificates.KeyPair certificate) throws IOException {
        Path prefix = prefixDir.toAbsolutePath().normalize();
        Files.createDirectories(prefix.resolve("logs"));
        TlsTerminator t = new TlsTerminator(prefix, freeLoopbackPort(), backendPort);
        Runtime.getRuntime().addShutdownHook(t.shutdownHook);
        try {
            t.launch(certificate);
        } catch (IOException e) {
            t.close();
            throw e;
        }
        return t;
    }

    public int port() {
        return port;
    }

    /** {@code rtmps://HOST:PORT/app/key}; {@code host} is how the client names it (127.0.0.1, localhost). */
    public String url(String host, String app, String key) {
        return "rtmps://" + host + ":" + port + "/" + app + "/" + key;
    }

    /** Stops it and starts it again on the same port presenting another certificate. */
    public void restart(TestCertificates.KeyPair certificate) throws IOException {
        stopProcess();
        launch(certificate);
    }

    /** Content of {@code logs/error.log} (handshake failures are logged at info). */
    public String errorLog() {
        try {
            Path f = prefix.resolve("logs/error.log");
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read error.log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook runs anyway
        }
    }

    private void launch(TestCertificates.KeyPair certificate) throws IOException {
        Path conf = prefix.resolve("nginx.conf");
        Path logs = prefix.resolve("logs");
        Files.writeString(conf, """
                load_module "%1$s";
                daemon off;
                master_process off;
                pid "%2$s/logs/nginx.pid";
                error_log "%2$s/logs/error.log" info;

                events {
                    worker_connections 64;
                }

                stream {
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        ssl_certificate "%5$s";
                        ssl_certificate_key "%6$s";
                        proxy_pass 127.0.0.1:%4$d;
                    }
                }
                """.formatted(STREAM_MODULE, prefix, port, backendPort, certificate.certificate().toAbsolutePath(),
                certificate.key().toAbsolutePath()), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(List.of(nginxExecutable(), "-p", prefix + "/", "-c", conf.toString(),
                "-e", logs.resolve("error.log").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("nginx.out").toFile()));
        Process p = pb.start();
        process = p;
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!acceptsConnections()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                io.castline.engine.ffmpeg.BundledTools.end(p, 2);
                throw new IOException("the TLS terminator did not listen on port " + port + " within " + READY_TIMEOUT
                        + "\n--- error.log ---\n" + errorLog());
            }
            sleep(25);
        }
    }

    private void stopProcess() {
        Process p = process;
        if (p != null && p.isAlive()) {
            io.castline.engine.ffmpeg.BundledTools.end(p, 5);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (acceptsConnections() && System.nanoTime() < deadline) {
            sleep(25);
        }
    }

    private boolean acceptsConnections() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void killQuietly() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private static String nginxExecutable() {
        String configured = System.getProperty("castline.nginx");
        if (configured != null) {
            return configured;
        }
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
