package io.castline.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A loopback port whose connection attempts are never answered: an nftables rule drops every SYN
 * to it on arrival, so a client's connect() hangs until its own timeout, as towards a host behind
 * a firewall that drops instead of refusing. The rule lives in a table of its own (named after
 * this JVM's pid) and matches only this port on the loopback interface.
 *
 * <p>Needs root and nftables ({@link NetnsLink#unavailableReason()} says whether they are here).
 */
public final class SynBlackhole implements AutoCloseable {
    private final String table;
    private final int port;

    private SynBlackhole(String table, int port) {
        this.table = table;
        this.port = port;
    }

    public static SynBlackhole create() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free now; nothing will listen on it while the rule stands
        }
        String table = "castline_syn_" + ProcessHandle.current().pid() + "_" + port;
        SynBlackhole hole = new SynBlackhole(table, port);
        try {
            nft("add", "table", "inet", table);
            nft("add", "chain", "inet", table, "in", "{ type filter hook input priority 0 ; policy accept ; }");
            nft("add", "rule", "inet", table, "in", "iif", "lo", "tcp", "dport", Integer.toString(port), "drop");
        } catch (IOException e) {
            hole.close();
            throw e;
        }
        return hole;
    }

    /** The loopback port that never answers. */
    public int port() { return port; }

    @Override public void close() {
        try {
            nft("delete", "table", "inet", table);
        } catch (IOException ignored) {
            // not there
        }
    }

    private static void nft(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("nft timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
}
