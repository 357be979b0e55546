package io.castline.bench;

import io.castline.engine.ffmpeg.BundledTools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * nginx + libnginx-mod-rtmp as a child process on a free loopback port: one live application,
 * without recording for the latency run (the ingest's disk is not what is measured) or, for the
 * soak, recording every publish to {@code rec/<key>-<unix seconds>.flv}. {@code daemon off} and
 * {@code master_process off} keep it one process of our own that dies with a kill of its pid;
 * every path nginx writes is under the prefix, so it needs no root.
 */
final class NginxRtmpReceiver implements RtmpReceiver {
    private static final Path RTMP_MODULE = Path.of("/usr/lib/nginx/modules/ngx_rtmp_module.so");
    private static final long READY_MILLIS = 5_000;

    private final Process process;
    private final int port;
    private final List<String> keys;
    private final Path prefix;
    private final boolean recording;
    private final Thread reaper;

    private NginxRtmpReceiver(Process process, int port, List<String> keys, Path prefix, boolean recording) {
        this.process = process;
        this.port = port;
        this.keys = List.copyOf(keys);
        this.prefix = prefix;
        this.recording = recording;
        this.reaper = new Thread(process::destroyForcibly, "castline-bench-nginx-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** nginx on PATH (or in the sbin directories a non-root PATH often lacks) with the RTMP module. */
    static boolean isInstalled() {
        return executable() != null && Files.isReadable(RTMP_MODULE);
    }

    private static String executable() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(java.io.File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        for (String dir : dirs) {
            Path candidate = Path.of(dir, "nginx");
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return null;
    }

    static NginxRtmpReceiver start(Path prefix, List<String> keys, Use use) throws BenchException {
        boolean record = use == Use.RECORD;
        try {
            Files.createDirectories(prefix.resolve("logs"));
            if (record) Files.createDirectories(prefix.resolve("rec"));
            int port = RtmpReceiver.freeLoopbackPort();
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, config(prefix.toAbsolutePath(), port, record), StandardCharsets.UTF_8);
            Path errorLog = prefix.resolve("logs/error.log").toAbsolutePath();
            Process p = new ProcessBuilder(executable(), "-p", prefix.toAbsolutePath() + "/", "-c", conf.toAbsolutePath().toString(),
                    "-e", errorLog.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("logs/nginx.out").toFile())
                    .start();
            NginxRtmpReceiver receiver = new NginxRtmpReceiver(p, port, keys, prefix.toAbsolutePath(), record);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
            while (!receiver.acceptsConnections()) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    receiver.close();
                    String log = Files.exists(errorLog) ? Files.readString(errorLog).strip() : "";
                    throw new BenchException("nginx did not listen on 127.0.0.1:" + port + (log.isEmpty() ? "" : ": " + log));
                }
                Thread.sleep(25);
            }
            return receiver;
        } catch (IOException e) {
            throw new BenchException("cannot start nginx: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while starting nginx", e);
        }
    }

    private static String config(Path prefix, int port, boolean record) {
        // unique: a re-publish (a reconnect) makes a new file instead of truncating the first
        String recording = record ? "record all; record_path \"" + prefix + "/rec\"; record_unique on; record_suffix .flv;" : "";
        // access_log inside rtmp{}: without it the module writes to /var/log/nginx
        return """
                load_module "%1$s";
                daemon off;
                master_process off;
                pid "%2$s/logs/nginx.pid";
                error_log "%2$s/logs/error.log" warn;
                events { worker_connections 64; }
                rtmp {
                    access_log "%2$s/logs/access.log";
                    server {
                        listen 127.0.0.1:%3$d;
                        application live { live on; %4$s }
                    }
                }
                """.formatted(RTMP_MODULE, prefix, port, recording);
    }

    private boolean acceptsConnections() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override public String kind() { return "nginx-rtmp"; }

    @Override public long cpuNanos() { return ProcessStats.cpuNanosOf(process.pid()); }

    @Override public List<String> urls() {
        return keys.stream().map(k -> "rtmp://127.0.0.1:" + port + "/live/" + k).toList();
    }

    /** nginx relays the stream to players as it comes in; the reader plays it like a viewer. */
    @Override public ArrivalReader.Endpoint readBack() {
        return new ArrivalReader.Endpoint(urls().get(0), false);
    }

    /** {@code <key>-<unix seconds>.flv}, ordered by that time (one-second resolution) and then by modification. */
    @Override public List<Path> recordings(String key) {
        if (!recording) return List.of();
        Pattern name = Pattern.compile(Pattern.quote(key) + "-(\\d+)\\.flv");
        try (Stream<Path> files = Files.list(prefix.resolve("rec"))) {
            return files.filter(f -> name.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong((Path f) -> publishSecond(name, f)).thenComparingLong(NginxRtmpReceiver::mtime))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long publishSecond(Pattern name, Path file) {
        Matcher m = name.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private static long mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * nginx-rtmp writes an access-log line ({@code PUBLISH "live" "key" …}) when a publisher has
     * gone, in the step that closes its recording: wait (up to 5 s) until every recording has one,
     * so that the bytes still in the socket when the publisher left are in the file.
     */
    private void awaitRecordingsClosed() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && keys.stream().anyMatch(k -> finishedPublishes(k) < recordings(k).size())) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long finishedPublishes(String key) {
        Path log = prefix.resolve("logs/access.log");
        String marker = "PUBLISH \"live\" \"" + key + "\" ";
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(marker)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    @Override public void close() {
        if (recording) awaitRecordingsClosed();
        BundledTools.end(process, 5);
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
