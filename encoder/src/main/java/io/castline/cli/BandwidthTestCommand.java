package io.castline.cli;

import io.castline.engine.settings.Rates;
import io.castline.engine.destination.Destination;
import io.castline.engine.destination.Secrets;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.stats.StatsJson;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.bandwidth.BandwidthTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code castline bandwidth-test URL…}: what the ingest paths sustain, tested together. */
@Command(name = "bandwidth-test", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Push a rising CBR test stream to every URL at once and report what each path and the "
                + "whole uplink sustained.")
public final class BandwidthTestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", arity = "1..*", description = "rtmp[s]://host/app/key (test modes such as "
            + "Twitch's ?bandwidthtest=true are used automatically)")
    List<String> urls;
    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "10", description = "test length (default 10; the first 40% is ignored)")
    double seconds;
    @Option(names = "--max-kbps", paramLabel = "RATE", defaultValue = "20M", description = "rate pushed to each path at the end of the ramp (default 20M)")
    String maxRate;
    @Option(names = "--json", description = "print one JSON object: kbps (aggregate) and paths[]")
    boolean json;
    @Option(names = "--ca", paramLabel = "FILE", description = "rtmps: trust the certificates in this PEM file (a CA, "
            + "or the server's own) for every URL instead of the system's roots")
    String caFile;
    @Option(names = "--fingerprint", paramLabel = "SHA256", description = "rtmps: trust exactly this self-signed "
            + "certificate for every URL")
    String fingerprint;

    @Override public Integer call() {
        List<Destination> destinations = new ArrayList<>();
        int max;
        try {
            for (int i = 0; i < urls.size(); i++) destinations.add(Destination.parse("path" + (i + 1), urls.get(i)));
            Trust.Options trust = new Trust.Options("ca", "fingerprint", "URL");
            destinations.replaceAll(d -> Trust.apply(d, trust, caFile, fingerprint));
            max = Rates.kilo(maxRate, "max-kbps");
        } catch (IllegalArgumentException e) {
            System.err.println("castline: invalid setting: " + Secrets.mask(e.getMessage()));
            return Main.EXIT_BAD_ARGUMENTS;
        }
        BandwidthResult result;
        try {
            result = BandwidthTest.run(destinations, seconds, max, json ? null : System.err::println);
        } catch (IllegalArgumentException e) {
            System.err.println("castline: invalid setting: " + e.getMessage());
            return Main.EXIT_BAD_ARGUMENTS;
        } catch (AvException e) {
            System.err.println("castline: bandwidth test failed: " + e.getMessage());
            return 1;
        }
        if (json) {
            System.out.println(StatsJson.json(result));
        } else {
            for (BandwidthResult.PathResult p : result.paths()) {
                if (p.error() != null) {
                    System.out.printf(Locale.ROOT, "%-6s %s: failed: %s%n", p.name(), p.url(), p.error());
                } else {
                    System.out.printf(Locale.ROOT, "%-6s %s: %s%.0f kbps%n", p.name(), p.url(),
                            p.limited() ? "" : "at least ", p.kbps());
                }
            }
            System.out.printf(Locale.ROOT, "uplink (all paths at once): %.0f kbps%n", result.kbps());
        }
        boolean allFailed = result.paths().stream().allMatch(p -> p.error() != null);
        return allFailed ? Main.EXIT_ALL_OUTPUTS_FAILED : 0;
    }
}
