package io.castline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on loopback that stands for the host's uplink between Castline and a real
 * ingest: the client→server direction of every connection goes through one shared token bucket
 * (bytes per second: the connections share the uplink as outputs share a host's) and can be
 * stalled entirely (a pulled cable: no RST, the bytes just stop moving). Server→client is passed
 * through unthrottled (acks, RTMP control messages).
 */
public final class ThrottlingProxy implements AutoCloseable {
    private static final int CHUNK = 4096;

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private final Thread acceptThread;
    private volatile long bytesPerSecond;
    private volatile boolean stalled;
    private volatile boolean closed;

    /** @param kbps uplink limit in kilobits per second; 0 for unlimited */
    public ThrottlingProxy(int upstreamPort, long kbps) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        setKbps(kbps);
        this.acceptThread = new Thread(this::acceptLoop, "proxy-accept-" + listener.getLocalPort());
        this.acceptThread.setDaemon(true);
        this.acceptThread.start();
    }

    public int port() { return listener.getLocalPort(); }

    /** Changes the limit for every connection, now. 0 = unlimited. */
    public void setKbps(long kbps) { this.bytesPerSecond = kbps <= 0 ? 0 : kbps * 1000 / 8; }

    /** Stops moving client bytes (without closing anything) until {@link #resume()}. */
    public void stall() { stalled = true; }

    public void resume() { stalled = false; }

    /** Client bytes forwarded to the server so far. */
    public long forwardedBytes() { return forwardedBytes.get(); }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 5000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                // small buffers so that the limit shows up as back-pressure at the sender quickly
                client.setReceiveBufferSize(64 * 1024);
                server.setSendBufferSize(64 * 1024);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                if (!closed) continue;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean throttled) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[CHUNK];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (!closed) {
                    while (throttled && stalled && !closed) Thread.sleep(10);
                    int n = in.read(buf);
                    if (n < 0) break;
                    if (throttled) acquire(n);
                    out.write(buf, 0, n);
                    if (throttled) forwardedBytes.addAndGet(n);
                }
            } catch (IOException | InterruptedException e) {
                // connection ended
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump-" + (throttled ? "up" : "down") + "-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    private double tokens;
    private long lastRefill = System.nanoTime();

    /** Token bucket shared by every connection, at most 100 ms of burst. */
    private void acquire(int n) throws InterruptedException {
        while (true) {
            long rate = bytesPerSecond;
            if (rate <= 0) return;
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                tokens = Math.min(rate / 10.0, tokens + (now - lastRefill) / 1e9 * rate);
                lastRefill = now;
                if (tokens >= n) {
                    tokens -= n;
                    return;
                }
                wait = Math.max(1, (long) ((n - tokens) * 1000 / rate));
            }
            Thread.sleep(wait);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(ThrottlingProxy::closeQuietly);
    }
}
