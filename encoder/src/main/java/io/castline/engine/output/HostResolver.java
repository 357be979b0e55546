package io.castline.engine.output;

import io.castline.engine.ffmpeg.Interrupts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks an ingest's host name up before FFmpeg connects, on a thread of its own. The system
 * resolver (getaddrinfo) cannot be interrupted: called on the output thread, a name server that
 * never answers would hold the output, and a stop, for as long as the resolver's own timeouts
 * (tens of seconds). Here the output thread only waits, for at most the connect deadline, and a
 * stop ends the wait at once; a lookup that hangs is left to finish on its own daemon thread.
 *
 * <p>One lookup at a time per output: a lookup still hanging from an earlier attempt is waited
 * for again instead of starting a second one behind it.
 */
final class HostResolver {
    /** Why a lookup gave no address, in words for the state reason. */
    static final class LookupFailed extends Exception {
        LookupFailed(String message) { super(message); }
    }

    private final String threadName;
    private String pendingHost;
    private CompletableFuture<InetAddress> pending;

    HostResolver(String outputName) {
        this.threadName = "castline-resolver-" + outputName;
    }

    /**
     * The address of {@code host} (a literal address returns at once).
     *
     * @throws LookupFailed         "host not found: NAME", or no answer within {@code timeoutMillis}
     * @throws InterruptedException when {@code deadline} is aborted (the output is stopping)
     */
    InetAddress resolve(String host, long timeoutMillis, Interrupts.Deadline deadline)
            throws LookupFailed, InterruptedException {
        CompletableFuture<InetAddress> lookup = lookup(host);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            if (deadline.aborted()) throw new InterruptedException("stopping");
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new LookupFailed("cannot connect: no answer from the name server within " + timeoutMillis / 1000
                        + " s (looking up " + host + ")");
            }
            try {
                // short slices: a stop is noticed within them
                return lookup.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // keep waiting
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownHostException) throw new LookupFailed("host not found: " + host);
                throw new LookupFailed("cannot look up " + host + ": " + e.getCause().getMessage());
            }
        }
    }

    private synchronized CompletableFuture<InetAddress> lookup(String host) {
        if (pending != null && !pending.isDone() && host.equals(pendingHost)) return pending;
        CompletableFuture<InetAddress> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(InetAddress.getByName(host));
            } catch (UnknownHostException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        pendingHost = host;
        pending = f;
        return f;
    }
}
