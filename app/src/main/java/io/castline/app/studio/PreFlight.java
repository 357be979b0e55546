package io.castline.app.studio;

import io.castline.app.engine.LivePlan;
import io.castline.app.settings.FieldLabels;
import io.castline.app.ui.Format;
import io.castline.app.uplink.UplinkCheck;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.uplink.BandwidthResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks before Go Live. Errors refuse to start (an invalid destination, bad settings, nothing
 * to send to) with messages naming the setting; warnings only ask (the uplink has not been measured,
 * or measured too small for the 30% reserve) and offer the bandwidth test.
 */
public record PreFlight(List<String> errors, List<String> warnings, boolean offerBandwidthTest) {

    public boolean blocked() { return !errors.isEmpty(); }

    /** A plan's problems as the host reads them, one line each, naming the setting. */
    static List<String> problemLines(LivePlan plan) {
        List<String> lines = new ArrayList<>();
        for (SettingsProblem p : plan.problems()) {
            lines.add(p.field().equals("outputs") ? capitalise(p.message()) : FieldLabels.label(p.field()) + ": " + p.message());
        }
        return lines;
    }

    public static PreFlight check(LivePlan plan, BandwidthResult tested) {
        List<String> errors = problemLines(plan);
        if (!errors.isEmpty()) return new PreFlight(List.copyOf(errors), List.of(), false);

        List<String> warnings = new ArrayList<>();
        UplinkCheck.Result up = UplinkCheck.evaluate(plan, tested);
        boolean offerTest = false;
        if (up.networkOutputs() > 0) {
            String need = up.networkOutputs() + " output" + (up.networkOutputs() == 1 ? " needs " : "s need ")
                    + Format.mbps(up.requiredKbps()) + ", " + Format.mbps(up.requiredKbps() * 1.3) + " with the 30% reserve";
            switch (up.verdict()) {
                case UNKNOWN -> {
                    warnings.add("Your upload has not been measured yet, so Castline cannot tell whether this connection "
                            + "carries the stream (" + need + "). Test the bandwidth first (10 s), or go live and watch "
                            + "the uplink panel.");
                    offerTest = true;
                }
                case INSUFFICIENT -> {
                    warnings.add("Not enough upload for the 30% reserve: " + up.reason() + ". Viewers may buffer. Lower "
                            + "the bitrate in Settings, stream without the backup, or test again.");
                    offerTest = true;
                }
                case WARN -> warnings.add("The uplink looks tight: " + up.reason() + ".");
                case OK -> { }
            }
        }
        return new PreFlight(List.of(), List.copyOf(warnings), offerTest);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
