package io.castline.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A name server on a loopback address of its own (127.53.x.1, port 53) that either never answers
 * (a dead or firewalled DNS server: the resolver waits its full timeouts) or answers every query
 * "no such name" (NXDOMAIN). A process sees it when started by {@link #command}: in a mount
 * namespace of its own ({@code unshare -m}) with a resolv.conf naming only this server
 * bind-mounted over /etc/resolv.conf; nothing else on the machine is affected.
 *
 * <p>Needs root (port 53, unshare, mount).
 */
public final class LocalNameServer implements AutoCloseable {
    public enum Mode { SILENT, NXDOMAIN }

    private final DatagramSocket socket;
    private final Mode mode;
    private final Path resolvConf;
    private final Thread thread;
    private volatile int queries;

    private LocalNameServer(DatagramSocket socket, Mode mode, Path resolvConf) {
        this.socket = socket;
        this.mode = mode;
        this.resolvConf = resolvConf;
        this.thread = new Thread(this::serve, "dns-" + mode.name().toLowerCase() + "-" + socket.getLocalAddress());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Starts the server and writes its resolv.conf into {@code dir}. */
    public static LocalNameServer start(Mode mode, Path dir) throws IOException {
        long pid = ProcessHandle.current().pid();
        InetAddress address = InetAddress.getByAddress(new byte[]{127, 53, (byte) (pid % 250 + 1), (byte) (mode.ordinal() + 1)});
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 53));
        Files.createDirectories(dir);
        Path conf = dir.resolve("resolv-" + mode.name().toLowerCase() + ".conf");
        // long timeouts: a lookup against the silent server hangs far longer than any stop may take
        Files.writeString(conf, "nameserver " + address.getHostAddress() + "\noptions timeout:30 attempts:3\n",
                StandardCharsets.US_ASCII);
        return new LocalNameServer(socket, mode, conf);
    }

    /** Queries received so far. */
    public int queries() { return queries; }

    /**
     * {@code command} run so that it resolves names through this server only, with SIGINT and
     * SIGTERM at their defaults (a background job of a shell may have them ignored, and the child
     * would inherit that).
     */
    public List<String> command(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("env", "--default-signal=INT,TERM", "unshare", "-m", "sh", "-c",
                "mount --bind \"$0\" /etc/resolv.conf && exec \"$@\"", resolvConf.toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(query);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                continue;
            }
            queries++;
            if (mode == Mode.SILENT || query.getLength() < 12) continue;
            int end = questionEnd(query.getData(), query.getLength());
            if (end < 0) continue;
            // the header and the question only: anything after it (an EDNS record) is not echoed
            byte[] answer = java.util.Arrays.copyOf(query.getData(), end);
            answer[2] = (byte) (0x80 | (answer[2] & 0x79)); // QR = response, same opcode, RD kept
            answer[3] = (byte) 0x83;                      // RA, RCODE 3 = no such name
            for (int i = 6; i < 12; i++) answer[i] = 0;   // no answer, authority or additional records
            try {
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException ignored) {
                // the client is gone
            }
        }
    }

    /** Offset just past the first question (name, type, class), or -1 if the query is malformed. */
    private static int questionEnd(byte[] data, int length) {
        int i = 12;
        while (i < length && data[i] != 0) {
            if ((data[i] & 0xC0) != 0) return -1; // a query's name is not compressed
            i += (data[i] & 0xFF) + 1;
        }
        return i + 5 <= length ? i + 5 : -1;
    }

    @Override public void close() {
        socket.close();
    }
}
