package io.castline.cli;

import io.castline.engine.settings.Rates;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.uplink.Planner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code castline plan}: distribution bandwidth for an audience, and this machine's uplink plan. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Plan bandwidth: total = viewers × bitrate × safety factor; uplink = outputs × (video + audio) × 1.3.")
public final class PlanCommand implements Callable<Integer> {
    @Option(names = "--viewers", paramLabel = "N", required = true, description = "concurrent viewers")
    long viewers;
    @Option(names = "--bitrate", paramLabel = "RATE", defaultValue = "2500k", description = "average delivered bitrate per viewer (default 2500k)")
    String bitrate;
    @Option(names = "--factor", paramLabel = "FACTOR", defaultValue = "1.5", description = "safety factor (default 1.5)")
    double factor;
    @Option(names = "--ladder", paramLabel = "NAME=RATE:SHARE,…",
            description = "renditions and viewer shares, e.g. 1080p=6M:0.4,720p=3M:0.4,480p=1.2M:0.2 (replaces --bitrate)")
    String ladder;
    @Option(names = "--outputs", paramLabel = "N", defaultValue = "2", description = "network outputs of this machine (default 2: primary + backup)")
    int outputs;
    @Option(names = "--video-bitrate", paramLabel = "RATE", defaultValue = "2500k", description = "video bitrate sent by this machine (default 2500k)")
    String videoBitrate;
    @Option(names = "--audio-bitrate", paramLabel = "RATE", defaultValue = "128k", description = "audio bitrate (default 128k)")
    String audioBitrate;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override public Integer call() throws Exception {
        Planner.DistributionPlan d;
        Planner.UplinkPlan u;
        try {
            d = Planner.distribution(viewers, Rates.kilo(bitrate, "bitrate"), factor, parseLadder(ladder));
            u = Planner.uplink(outputs, Rates.kilo(videoBitrate, "video-bitrate"), Rates.kilo(audioBitrate, "audio-bitrate"));
        } catch (IllegalArgumentException e) {
            System.err.println("castline: invalid setting: " + e.getMessage());
            return Main.EXIT_BAD_ARGUMENTS;
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("distribution", d);
            out.put("total_gbps", d.totalGbps());
            out.put("uplink", u);
            System.out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .writeValueAsString(out));
            return 0;
        }
        System.out.printf(Locale.ROOT, "Distribution: %,d viewers × %s × %.2f = %s%n", d.viewers(), rate(d.averageKbps()),
                d.factor(), rate(d.totalKbps()));
        for (Planner.RenditionLoad r : d.renditions()) {
            System.out.printf(Locale.ROOT, "  %-8s %5.1f%% of viewers × %s → %s%n", r.name(), r.share() * 100,
                    rate(r.kbps()), rate(r.totalKbps()));
        }
        System.out.printf(Locale.ROOT, "This machine's uplink: %d output(s) × (%s + %s) = %s; with 30%% redundancy: %s "
                        + "(+ container overhead, measured while live)%n",
                u.outputs(), rate(u.videoKbps()), rate(u.audioKbps()), rate(u.requiredKbps()), rate(u.withRedundancyKbps()));
        return 0;
    }

    static List<Planner.Rendition> parseLadder(String spec) {
        if (spec == null || spec.isBlank()) return List.of();
        List<Planner.Rendition> rungs = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] nameRest = part.trim().split("=", 2);
            String[] rateShare = nameRest.length == 2 ? nameRest[1].split(":", 2) : new String[0];
            if (rateShare.length != 2) {
                throw new InvalidSettingsException("ladder", "'" + part + "' is not NAME=RATE:SHARE (e.g. 720p=3M:0.4)");
            }
            double share;
            try {
                if (!rateShare[1].matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) throw new NumberFormatException();
                share = Double.parseDouble(rateShare[1]);
            } catch (NumberFormatException e) {
                throw new InvalidSettingsException("ladder", "share '" + rateShare[1] + "' is not a number");
            }
            rungs.add(new Planner.Rendition(nameRest[0], Rates.kilo(rateShare[0], "ladder"), share));
        }
        return rungs;
    }

    /** 300000000 kbps → "300 Gbps"; 2500 → "2.5 Mbps". */
    static String rate(double kbps) {
        if (kbps >= 1e6) return String.format(Locale.ROOT, "%,.1f Gbps", kbps / 1e6).replace(".0 ", " ");
        if (kbps >= 1e3) return String.format(Locale.ROOT, "%.2f Mbps", kbps / 1e3).replace(".00 ", " ");
        return String.format(Locale.ROOT, "%.0f kbps", kbps);
    }
}
