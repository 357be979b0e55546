package io.castline.engine.uplink;

import java.util.List;

/**
 * What a bandwidth test sustained: the aggregate over every destination tested at the same time
 * (they share the host's uplink) and each path.
 *
 * @param kbps    aggregate sustained rate in the measurement window
 * @param seconds how long the test pushed
 */
public record BandwidthResult(double kbps, double seconds, List<PathResult> paths) {

    /**
     * @param pushedKbps the rate the test stream was asking for at the end
     * @param limited    true when the path sustained clearly less than was pushed: its capacity
     *                   was found; false means "at least this much"
     * @param error      why the path could not be tested, or null
     */
    public record PathResult(String name, String url, double kbps, double pushedKbps, boolean limited, String error) {}

    /** Sustained kbps of one path, or null if it was not tested. */
    public Double pathKbps(String name) {
        return paths.stream().filter(p -> p.name().equals(name) && p.error() == null).map(PathResult::kbps).findFirst()
                .orElse(null);
    }
}
