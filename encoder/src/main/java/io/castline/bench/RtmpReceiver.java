package io.castline.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * A local RTMP ingest on loopback for the bench's latency run and the soak: nginx with the RTMP
 * module when it is installed (what the integration tests and most self-hosted relays use), else
 * the bundled FFmpeg in listen mode, one listener per stream. For the soak it records what arrives
 * on each key, so that the frames that really arrived can be counted afterwards.
 */
interface RtmpReceiver extends AutoCloseable {
    /** "nginx-rtmp" or "ffmpeg-listen": the JSON says which one answered. */
    String kind();

    /** {@code rtmp://127.0.0.1:PORT/live/KEY} for each of {@code keys}, in order. */
    List<String> urls();

    /** CPU time the receiver's processes have used so far (0 where unknown): it is not "other" load. */
    long cpuNanos();

    /**
     * Where the first stream can be read back after it went through the ingest (a receiver that
     * records reads nothing back: IllegalStateException).
     */
    ArrivalReader.Endpoint readBack();

    /**
     * The files this receiver wrote of {@code key}, one per publish, in publish order; empty when it
     * does not record. Complete once {@link #close()} has returned.
     */
    List<Path> recordings(String key);

    /** Stops the receiver; a recording one first lets it finish writing what its publishers sent. */
    @Override void close();

    /** What a receiver does with the streams besides receiving them. */
    enum Use {
        /** Relays the first stream to a reader (the bench's latency run); keeps nothing. */
        READ_BACK,
        /** Records every stream to a file of its own (the soak counts what arrived). */
        RECORD
    }

    /** Which receiver to use: nginx-rtmp when installed ("auto"), or one of them by its {@link #kind()}. */
    static RtmpReceiver start(Path dir, List<String> keys, String choice) throws BenchException {
        return start(dir, keys, choice, Use.READ_BACK);
    }

    static RtmpReceiver start(Path dir, List<String> keys, String choice, Use use) throws BenchException {
        if (choice.equals("ffmpeg-listen")) return FfmpegListenReceiver.start(dir.resolve("ffmpeg-listen"), keys, use);
        if (choice.equals("nginx-rtmp")) {
            if (!NginxRtmpReceiver.isInstalled()) throw new BenchException("nginx with the RTMP module is not installed");
            return NginxRtmpReceiver.start(dir.resolve("nginx"), keys, use);
        }
        if (NginxRtmpReceiver.isInstalled()) {
            try {
                return NginxRtmpReceiver.start(dir.resolve("nginx"), keys, use);
            } catch (BenchException e) {
                System.err.println("castline: nginx-rtmp did not start (" + e.getMessage()
                        + "); using FFmpeg's RTMP listener instead");
            }
        }
        return FfmpegListenReceiver.start(dir.resolve("ffmpeg-listen"), keys, use);
    }

    /**
     * Waits until something listens on the loopback TCP {@code port}, from the kernel's table of
     * sockets (Linux) rather than by connecting: a one-shot listener would take a test connection
     * for its client. Where there is no such table it gives the listener a moment.
     */
    static void awaitListening(int port, java.util.function.BooleanSupplier stillStarting, String what)
            throws BenchException {
        Path table = Path.of("/proc/net/tcp");
        String portHex = String.format(java.util.Locale.ROOT, ":%04X ", port);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        try {
            if (!java.nio.file.Files.isReadable(table)) {
                Thread.sleep(1_000);
                return;
            }
            while (System.nanoTime() < deadline) {
                if (!stillStarting.getAsBoolean()) throw new BenchException(what + " stopped before it listened");
                for (String line : java.nio.file.Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    // local_address is field 1 ("0100007F:1F90"), state 0A is LISTEN
                    if (f.length > 3 && (f[1] + " ").endsWith(portHex) && f[3].equals("0A")) return;
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            throw new BenchException("cannot read " + table + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
        throw new BenchException(what + " did not listen on port " + port);
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
