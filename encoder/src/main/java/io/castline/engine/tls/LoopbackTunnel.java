package io.castline.engine.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A TCP tunnel from a loopback port to an address, for one connection: it moves the TLS bytes as
 * they are and never sees inside them. It exists because FFmpeg checks no name at all when an
 * {@code rtmps://} URL names its host by address ({@code rtmps://203.0.113.7/…}): FFmpeg connects
 * to {@code rtmps://localhost:PORT/…} instead, with {@code verifyhost} set to the address, and
 * OpenSSL then checks the server's certificate against that address (its IP subject alternative
 * names) end to end. A man in the middle gains nothing from the tunnel: it only carries ciphertext.
 *
 * <p>Upstream is connected when FFmpeg connects, so the connection belongs to the open it serves
 * (the output's connection locator finds it, and its send buffer is the output's); the loopback
 * side keeps small buffers so that a backlog stays visible in the output's queue.
 */
final class LoopbackTunnel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackTunnel.class);
    /** Loopback buffers: enough for a burst, small next to the second of stream the upstream socket holds. */
    private static final int LOOPBACK_BUFFER_BYTES = 64 * 1024;

    private final String name;
    private final InetSocketAddress upstreamAddress;
    private final int sendBufferBytes;
    private final int connectTimeoutMillis;
    private final ServerSocket listener;
    private final Thread acceptor;
    private volatile Socket downstream;
    private volatile Socket upstream;
    private volatile String failure;
    private volatile boolean closed;

    private LoopbackTunnel(String name, InetSocketAddress upstreamAddress, int sendBufferBytes, int connectTimeoutMillis)
            throws IOException {
        this.name = name;
        this.upstreamAddress = upstreamAddress;
        this.sendBufferBytes = sendBufferBytes;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.listener = new ServerSocket();
        listener.setReceiveBufferSize(LOOPBACK_BUFFER_BYTES); // before bind: it sets the window FFmpeg sees
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        this.acceptor = new Thread(this::run, "castline-tls-tunnel-" + name);
        acceptor.setDaemon(true);
    }

    /** Listens on a free loopback port and forwards the first connection to {@code address:port}. */
    static LoopbackTunnel open(String name, InetAddress address, int port, int sendBufferBytes, int connectTimeoutMillis)
            throws IOException {
        LoopbackTunnel t = new LoopbackTunnel(name, new InetSocketAddress(address, port), sendBufferBytes, connectTimeoutMillis);
        t.acceptor.start();
        return t;
    }

    int localPort() { return listener.getLocalPort(); }

    /** Why the upstream side could not be connected ("Connection refused"), or null. */
    String failure() { return failure; }

    private void run() {
        try {
            listener.setSoTimeout(connectTimeoutMillis);
            Socket down = listener.accept();
            listener.close(); // one connection only
            downstream = down;
            down.setTcpNoDelay(true);
            down.setSendBufferSize(LOOPBACK_BUFFER_BYTES);
            Socket up = new Socket();
            upstream = up;
            up.setSendBufferSize(sendBufferBytes);
            up.setTcpNoDelay(true);
            try {
                up.connect(upstreamAddress, connectTimeoutMillis);
            } catch (IOException e) {
                failure = e instanceof SocketTimeoutException ? "no answer within " + connectTimeoutMillis / 1000 + " s"
                        : e.getMessage();
                reset(down);
                return;
            }
            if (closed) return;
            Thread back = new Thread(() -> pump(up, down), "castline-tls-tunnel-" + name + "-in");
            back.setDaemon(true);
            back.start();
            pump(down, up);
        } catch (IOException e) {
            if (!closed) LOG.debug("{}: tunnel ended: {}", name, e.toString());
        }
    }

    /**
     * Copies until {@code from} ends; a reset travels on as a reset, an end as an end. The sockets
     * stay open for the other direction (closing a socket's stream would close the socket): the
     * owner's {@link #close()} closes them.
     */
    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            if (!closed) reset(to);
        }
    }

    /** Closes with RST, so the other side sees "connection reset" as it would without the tunnel. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override public void close() {
        closed = true;
        closeQuietly(listener);
        Socket d = downstream;
        Socket u = upstream;
        if (d != null) closeQuietly(d);
        if (u != null) closeQuietly(u);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
