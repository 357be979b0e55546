package io.castline.app.uplink;

import io.castline.app.engine.LivePlan;
import io.castline.engine.destination.Destination;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.uplink.Planner;
import io.castline.engine.uplink.UplinkRules;
import io.castline.engine.uplink.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The uplink verdict before going live, by the engine's own rules ({@link UplinkRules}, the 30%
 * redundancy rule): what the configured network outputs need (Σ outputs × (video + audio); the
 * container overhead is only known once live) against what the last bandwidth test measured.
 */
public final class UplinkCheck {
    private UplinkCheck() {}

    /** @param capacityKbps null when not measured */
    public record Result(int networkOutputs, double requiredKbps, Double capacityKbps, Verdict verdict, String reason) {}

    public static Result evaluate(LivePlan plan, BandwidthResult tested) {
        if (!plan.ok()) {
            boolean nothingConfigured = plan.problems().stream().allMatch(p -> p.field().equals("outputs"));
            return new Result(0, 0, capacity(tested), Verdict.UNKNOWN, nothingConfigured
                    ? "add a destination in Settings to see what it needs from your upload"
                    : "fix the settings to see what they need from your upload");
        }
        EncoderSettings s = plan.config().settings();
        int audio = plan.config().audio().kind() == SourceSpec.Kind.NONE ? 0 : s.audioBitrateKbps();
        List<Destination> network = plan.destinations();
        Planner.UplinkPlan up = Planner.uplink(network.size(), s.bitrateKbps(), audio);
        if (network.isEmpty()) {
            return new Result(0, 0, capacity(tested), Verdict.OK, plan.localTest()
                    ? "local test: nothing leaves this computer, no upload needed" : "recording only: no upload needed");
        }
        List<UplinkRules.PathHealth> paths = new ArrayList<>();
        for (Destination d : network) {
            Double measured = tested == null ? null : tested.pathKbps(d.name());
            paths.add(new UplinkRules.PathHealth(d.name(), s.bitrateKbps() + audio, measured, false, 0, 0, null, null));
        }
        UplinkRules.Result r = UplinkRules.evaluate(up.requiredKbps(), capacity(tested), 0, paths);
        return new Result(network.size(), up.requiredKbps(), capacity(tested), r.verdict(), r.reason());
    }

    private static Double capacity(BandwidthResult tested) {
        return tested == null || tested.kbps() <= 0 ? null : tested.kbps();
    }
}
