package io.castline.cli;

import picocli.CommandLine.Option;

/**
 * {@code --metrics-port} and {@code --metrics-lan}, the same for {@code castline live} and
 * {@code castline studio} (a picocli mixin), with the one check of the port.
 */
public final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT", description = "serve Prometheus metrics on 127.0.0.1:PORT/metrics")
    Integer port;
    @Option(names = "--metrics-lan", description = "serve the metrics on every address of this machine (a Prometheus "
            + "watching several studios; distribution/monitoring), not only on itself")
    boolean lan;

    /** The port to serve metrics on, or null: none. */
    public Integer port() { return port; }

    public boolean lan() { return lan; }

    /** Why the port given is not one ("70000 is not a port"), or null. */
    public String portProblem() {
        return port != null && (port < 0 || port > 65535) ? port + " is not a port" : null;
    }
}
