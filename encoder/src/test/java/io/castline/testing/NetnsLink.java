package io.castline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A test host of our own: a network namespace joined to this one by a veth pair, with addresses
 * in a private /30 that exists only between the two ends. Packet loss towards the namespace can be
 * switched on. Loss uses nftables ({@code numgen random}) inside the namespace, on arrival, because
 * this machine's kernel has no {@code sch_netem} ("Specified qdisc kind is unknown"); the effect on
 * TCP is the same: segments lost on the link, retransmitted by the sender.
 *
 * <p>Needs root, iproute2 and nftables (CI runs as root and installs them).
 */
public final class NetnsLink implements AutoCloseable {
    private final String namespace;
    private final String outerDevice;
    private final String outerAddress;
    private final String innerAddress;
    private final String nftTable;

    private NetnsLink(String tag, int subnet) {
        this.namespace = "castline-" + tag;
        this.outerDevice = "clv" + tag + "a";
        this.outerAddress = "10.213." + subnet + ".1";
        this.innerAddress = "10.213." + subnet + ".2";
        this.nftTable = "castline_" + tag;
    }

    /** Why a link cannot be made here, or null when it can (root, ip and nft present). */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) return "needs root (ip netns, nftables)";
        for (String tool : List.of("ip", "nft")) {
            try {
                Process p = new ProcessBuilder(tool, "-V").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return tool + " does not run";
            } catch (IOException | InterruptedException e) {
                return tool + " is not installed";
            }
        }
        return null;
    }

    public static NetnsLink create() throws IOException {
        long pid = ProcessHandle.current().pid();
        String tag = Long.toString(pid % 100_000);
        NetnsLink link = new NetnsLink(tag, (int) (pid % 250) + 1);
        link.teardownQuietly(); // a namespace left by a killed earlier run of the same pid
        try {
            run("ip", "netns", "add", link.namespace);
            run("ip", "link", "add", link.outerDevice, "type", "veth", "peer", "name", "clv" + tag + "b");
            run("ip", "link", "set", "clv" + tag + "b", "netns", link.namespace);
            run("ip", "addr", "add", link.outerAddress + "/30", "dev", link.outerDevice);
            // one segment per packet, as on a real link: with GSO a "packet" at the filter is up to
            // 64 KB and a 3% packet loss would hit far fewer segments
            run("ip", "link", "set", link.outerDevice, "up", "gso_max_segs", "1");
            run("ip", "netns", "exec", link.namespace, "ip", "addr", "add", link.innerAddress + "/30", "dev", "clv" + tag + "b");
            run("ip", "netns", "exec", link.namespace, "ip", "link", "set", "clv" + tag + "b", "up");
            run("ip", "netns", "exec", link.namespace, "ip", "link", "set", "lo", "up");
            // the loss happens on the far side of the link: a packet dropped in this host's own output
            // path is reported to TCP as a local error and resent without counting as a retransmission
            link.nft("add", "table", "inet", link.nftTable);
            link.nft("add", "chain", "inet", link.nftTable, "in",
                    "{ type filter hook prerouting priority 0 ; policy accept ; }");
        } catch (IOException e) {
            link.close();
            throw e;
        }
        return link;
    }

    public String namespace() { return namespace; }

    /** The namespace's address, reachable from this namespace through the veth pair. */
    public String innerAddress() { return innerAddress; }

    /** Runs nft inside the namespace. */
    private void nft(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "nft"));
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
    }

    /** Drops this share of the packets sent towards the namespace, on arrival (0 turns loss off). */
    public void setLossPercent(int percent) throws IOException {
        nft("flush", "chain", "inet", nftTable, "in");
        if (percent > 0) {
            nft("add", "rule", "inet", nftTable, "in", "ip", "saddr", outerAddress,
                    "numgen", "random", "mod", "100", "<", Integer.toString(percent), "drop");
        }
    }

    @Override public void close() {
        teardownQuietly();
    }

    private void teardownQuietly() {
        // the namespace's nft table goes with the namespace
        for (List<String> cmd : List.of(List.of("ip", "link", "del", outerDevice), List.of("ip", "netns", "del", namespace))) {
            try {
                run(cmd.toArray(String[]::new));
            } catch (IOException ignored) {
                // not there
            }
        }
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out.strip());
        }
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "NetnsLink[%s %s]", namespace, innerAddress);
    }

}
