package io.castline.engine.uplink;

import io.castline.engine.output.ConnectionLocator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locates an output's connection by diffing this process's TCP connections to the peer before and
 * after the open. Opens to the same peer are serialised (a few milliseconds on a LAN, one round
 * trip on the internet) so that two outputs connecting at once cannot be confused.
 */
public final class TcpConnectionLocator implements ConnectionLocator {
    private final TcpStatsReader reader;
    private final Map<String, Object> peerLocks = new ConcurrentHashMap<>();
    private final Set<Integer> claimed = ConcurrentHashMap.newKeySet();

    public TcpConnectionLocator(TcpStatsReader reader) {
        this.reader = reader;
    }

    @Override public <T> Located<T> open(String host, int port, Callable<T> open) throws Exception {
        if (!reader.supported() || host == null) return new Located<>(open.call(), -1);
        String peer = resolve(host) + ":" + port;
        synchronized (peerLocks.computeIfAbsent(peer, k -> new Object())) {
            Set<Integer> before = portsTo(peer);
            T value = open.call();
            Set<Integer> fresh = portsTo(peer);
            fresh.removeAll(before);
            fresh.removeAll(claimed);
            if (fresh.size() != 1) return new Located<>(value, -1);
            int localPort = fresh.iterator().next();
            claimed.add(localPort);
            return new Located<>(value, localPort);
        }
    }

    @Override public void release(int localPort) {
        claimed.remove(localPort);
    }

    private Set<Integer> portsTo(String peer) {
        Set<Integer> ports = new HashSet<>();
        for (TcpInfo info : reader.sample().values()) if (info.peer().equals(peer)) ports.add(info.localPort());
        return ports;
    }

    private static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
