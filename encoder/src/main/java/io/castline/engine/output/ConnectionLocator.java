package io.castline.engine.output;

import java.util.concurrent.Callable;

/**
 * Finds which TCP connection an output's muxer opened, so that the operating system's statistics
 * of that connection (RTT, retransmissions, bytes acknowledged) can be read. FFmpeg does not expose
 * its socket; the locator compares this process's connections to the peer before and after the
 * open.
 */
public interface ConnectionLocator {

    /** Runs {@code open}; returns its result and the local port of the new connection (-1 if unknown). */
    <T> Located<T> open(String host, int port, Callable<T> open) throws Exception;

    /** The connection is closed; its port may be reused by another output. */
    void release(int localPort);

    record Located<T>(T value, int localPort) {}

    ConnectionLocator NONE = new ConnectionLocator() {
        @Override public <T> Located<T> open(String host, int port, Callable<T> open) throws Exception {
            return new Located<>(open.call(), -1);
        }

        @Override public void release(int localPort) {}
    };
}
