package io.castline.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, not as the end of the JVM. Left to the JVM,
 * either signal starts its shutdown at once: the broadcast could then only be stopped from a
 * shutdown hook, racing the main thread, and the process exits with 128 + the signal (130, 143)
 * or whatever the main thread's {@code System.exit} got in first, where a clean stop must exit 0.
 * Here the first signal only calls {@code onStop}; the command stops the broadcast on its own
 * thread and returns its exit code. A second signal ends the process at once (128 + signal), for a
 * stop that hangs.
 */
final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile boolean signalled;

    private StopSignals() {}

    /** Handles SIGINT and SIGTERM until {@link #close()} (signals this platform lacks are left alone). */
    static StopSignals install(Runnable onStop) {
        StopSignals s = new StopSignals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                s.previous.put(signal, Signal.handle(signal, sig -> {
                    if (s.signalled) Runtime.getRuntime().halt(128 + sig.getNumber());
                    s.signalled = true;
                    onStop.run();
                }));
            } catch (IllegalArgumentException unsupported) {
                // no such signal here, or the JVM keeps it (-Xrs): the JVM's own handling stays
            }
        }
        return s;
    }

    /** Whether a stop signal came. */
    boolean signalled() { return signalled; }

    /** Gives the signals back to the JVM. */
    @Override public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
