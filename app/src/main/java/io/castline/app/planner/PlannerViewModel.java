package io.castline.app.planner;

import io.castline.app.profile.StudioProfile;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.uplink.Planner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bandwidth planner: what an audience needs from the distribution side (concurrent viewers ×
 * average bitrate × safety factor, the average taken from a ladder of renditions when the host
 * gives one) and what this machine needs from its uplink for the current settings (Σ network
 * outputs × (video + audio) × 1.3). The arithmetic is the engine's {@link Planner}, the same as
 * {@code castline plan}; this class reads what the host types, shows every problem at its field,
 * and never throws at the host.
 */
public final class PlannerViewModel {
    public static final String DEFAULT_FACTOR = "1.5";
    /** The README's example ladder; shares in percent of viewers. */
    static final List<String[]> DEFAULT_LADDER = List.of(
            new String[]{"1080p", "6M", "30"}, new String[]{"720p", "3M", "50"}, new String[]{"480p", "1.2M", "20"});
    /** Planner's tolerance on the shares' sum (0.001 of 1), in percent. */
    private static final double SHARE_TOLERANCE_PCT = 0.1;

    private final PlannerField viewers = new PlannerField("");
    private final PlannerField bitrate = new PlannerField("");
    private final PlannerField factor = new PlannerField(DEFAULT_FACTOR);
    private final BooleanProperty ladderMode = new SimpleBooleanProperty(false);
    private final ObservableList<RenditionRow> ladder = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper ladderError = new ReadOnlyStringWrapper("");

    private final ReadOnlyObjectWrapper<Planner.DistributionPlan> distribution = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper totalText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper formulaText = new ReadOnlyStringWrapper("");
    private final ReadOnlyListWrapper<String> renditionLoads = new ReadOnlyListWrapper<>(FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyObjectWrapper<Planner.UplinkPlan> uplink = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper uplinkText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper uplinkTotalText = new ReadOnlyStringWrapper("–");

    public PlannerViewModel() {
        for (String[] r : DEFAULT_LADDER) ladder.add(watch(new RenditionRow(r[0], r[1], r[2])));
        for (PlannerField f : List.of(viewers, bitrate, factor)) f.valueProperty().addListener((o, a, b) -> recompute());
        ladderMode.addListener((o, a, b) -> recompute());
        ladder.addListener((javafx.collections.ListChangeListener<RenditionRow>) c -> recompute());
        recompute();
        showProfile(StudioProfile.defaults());
    }

    private RenditionRow watch(RenditionRow row) {
        for (PlannerField f : List.of(row.name(), row.bitrate(), row.share())) f.valueProperty().addListener((o, a, b) -> recompute());
        return row;
    }

    /** Adds an empty rung at the end of the ladder. */
    public RenditionRow addRendition() {
        RenditionRow row = watch(new RenditionRow("", "", ""));
        ladder.add(row);
        return row;
    }

    public void removeRendition(RenditionRow row) { ladder.remove(row); }

    // ---- distribution ----------------------------------------------------------------------

    private void recompute() {
        List<String> missing = new ArrayList<>();
        Long v = readViewers(missing);
        Double f = readFactor(missing);
        Double avg = null;
        List<Planner.Rendition> rungs = List.of();
        if (ladderMode.get()) {
            bitrate.setError(null);
            rungs = readLadder(missing);
        } else {
            ladder.forEach(PlannerViewModel::clearErrors);
            ladderError.set("");
            avg = readRate(bitrate, "an average bitrate", missing);
        }
        boolean fieldErrors = !viewers.error().isEmpty() || !factor.error().isEmpty() || !bitrate.error().isEmpty()
                || !ladderError.get().isEmpty() || ladder.stream().anyMatch(PlannerViewModel::hasError);
        if (fieldErrors || !missing.isEmpty() || v == null || f == null || (rungs == null)
                || (!ladderMode.get() && avg == null)) {
            clearResult(fieldErrors ? "fix the fields marked in red"
                    : missing.isEmpty() ? "" : "enter " + joinAnd(missing) + " to see the total");
            return;
        }
        Planner.DistributionPlan d;
        try {
            d = Planner.distribution(v, avg == null ? 0 : avg, f, rungs);
        } catch (IllegalArgumentException e) {
            // the fields are checked above; anything the engine still refuses is shown where it belongs
            String message = e.getMessage() == null ? "cannot plan with these figures" : e.getMessage();
            if (message.startsWith("viewers")) viewers.setError(message);
            else if (message.startsWith("factor")) factor.setError(message);
            else if (ladderMode.get()) ladderError.set(message);
            else bitrate.setError(message);
            clearResult("fix the fields marked in red");
            return;
        }
        distribution.set(d);
        complete.set(true);
        totalText.set(PlannerText.rate(d.totalKbps()));
        formulaText.set(PlannerText.count(d.viewers()) + " viewer" + (d.viewers() == 1 ? "" : "s") + " × "
                + PlannerText.rate(d.averageKbps()) + (ladderMode.get() ? " average" : "") + " × "
                + PlannerText.number(d.factor()) + " safety factor");
        List<String> loads = new ArrayList<>();
        for (Planner.RenditionLoad r : d.renditions()) {
            loads.add(r.name() + ": " + PlannerText.number(r.share() * 100) + "% of viewers × " + PlannerText.rate(r.kbps())
                    + " → " + PlannerText.rate(r.totalKbps()));
        }
        renditionLoads.setAll(loads);
    }

    private void clearResult(String why) {
        distribution.set(null);
        complete.set(false);
        totalText.set("–");
        formulaText.set(why);
        renditionLoads.clear();
    }

    private Long readViewers(List<String> missing) {
        String text = viewers.value().trim();
        if (text.isEmpty()) {
            viewers.setError(null);
            missing.add("the concurrent viewers");
            return null;
        }
        Long n = PlannerText.viewers(text);
        if (n == null) {
            viewers.setError("'" + text + "' is not a number of viewers (e.g. 100000 or 100k)");
            return null;
        }
        if (n < 1) {
            viewers.setError("at least 1 viewer");
            return null;
        }
        viewers.setError(null);
        return n;
    }

    private Double readFactor(List<String> missing) {
        String text = factor.value().trim();
        if (text.isEmpty()) {
            factor.setError(null);
            missing.add("a safety factor");
            return null;
        }
        Double f = PlannerText.decimal(text);
        if (f == null) {
            factor.setError("'" + text + "' is not a number (e.g. 1.5)");
            return null;
        }
        if (f < 1) {
            factor.setError("the safety factor must be at least 1 (1.5 is usual: peaks, retries, players switching up)");
            return null;
        }
        factor.setError(null);
        return f;
    }

    /** A rate in kbps from a field; null (with the field's error set, or "missing" noted) when unusable. */
    private static Double readRate(PlannerField field, String what, List<String> missing) {
        String text = field.value().trim();
        if (text.isEmpty()) {
            field.setError(null);
            if (missing != null) missing.add(what);
            return null;
        }
        Double kbps = PlannerText.kbps(text);
        if (kbps == null) {
            field.setError("'" + text + "' is not a rate (e.g. 2500k or 2M)");
            return null;
        }
        if (!(kbps > 0)) {
            field.setError("the bitrate must be more than 0");
            return null;
        }
        field.setError(null);
        return kbps;
    }

    /** The ladder as the engine's renditions (shares as fractions); null when a rung is unusable. */
    private List<Planner.Rendition> readLadder(List<String> missing) {
        ladderError.set("");
        if (ladder.isEmpty()) {
            ladderError.set("add at least one rendition, or use an average bitrate");
            return null;
        }
        List<Planner.Rendition> rungs = new ArrayList<>();
        boolean usable = true;
        boolean incomplete = false;
        double sharePct = 0;
        for (int i = 0; i < ladder.size(); i++) {
            RenditionRow row = ladder.get(i);
            row.name().setError(null);
            List<String> rowMissing = new ArrayList<>();
            Double kbps = readRate(row.bitrate(), "bitrate", rowMissing);
            Double share = readShare(row.share(), rowMissing);
            if (!rowMissing.isEmpty()) incomplete = true;
            if (kbps == null || share == null) {
                usable = false;
                continue;
            }
            sharePct += share;
            String name = row.name().value().isBlank() ? "rendition " + (i + 1) : row.name().value().trim();
            rungs.add(new Planner.Rendition(name, kbps, share / 100));
        }
        if (!usable) {
            if (incomplete && ladder.stream().noneMatch(PlannerViewModel::hasError)) missing.add("every rendition's bitrate and share");
            return null;
        }
        if (Math.abs(sharePct - 100) > SHARE_TOLERANCE_PCT) {
            ladderError.set("the viewer shares add up to " + PlannerText.number(sharePct) + "%; they must add up to 100%");
            return null;
        }
        return rungs;
    }

    private static Double readShare(PlannerField field, List<String> missing) {
        String text = field.value().trim();
        if (text.isEmpty()) {
            field.setError(null);
            missing.add("share");
            return null;
        }
        Double pct = PlannerText.percent(text);
        if (pct == null || pct > 100) {
            field.setError("'" + text + "' is not a percentage of viewers (0 to 100)");
            return null;
        }
        field.setError(null);
        return pct;
    }

    private static void clearErrors(RenditionRow row) {
        row.name().setError(null);
        row.bitrate().setError(null);
        row.share().setError(null);
    }

    private static boolean hasError(RenditionRow row) {
        return !row.name().error().isEmpty() || !row.bitrate().error().isEmpty() || !row.share().error().isEmpty();
    }

    private static String joinAnd(List<String> parts) {
        if (parts.size() == 1) return parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    // ---- this machine's uplink -------------------------------------------------------------

    /**
     * The uplink plan for these settings: every destination filled in is a network output (a
     * recording costs no upload), each carrying the video and, unless the audio source is none,
     * the audio bitrate.
     */
    public void showProfile(StudioProfile profile) {
        StudioProfile p = profile.withDefaults();
        List<String> outputs = p.usedOutputs().stream().map(StudioProfile.Output::name).toList();
        int video = p.encoder().bitrateKbps();
        int audio = hasAudio(p.sources().audio()) ? p.encoder().audioBitrateKbps() : 0;
        Planner.UplinkPlan u = Planner.uplink(outputs.size(), video, audio);
        uplink.set(u);
        if (outputs.isEmpty()) {
            uplinkTotalText.set("no upload");
            uplinkText.set("No destination is set, so Go Live runs the local test: nothing leaves this computer. "
                    + "Each destination you add in Settings needs " + PlannerText.rate(video + audio)
                    + " (video " + PlannerText.rate(video) + (audio > 0 ? " + audio " + PlannerText.rate(audio) : "")
                    + ") plus 30%.");
            return;
        }
        uplinkTotalText.set(PlannerText.rate(u.withRedundancyKbps()));
        uplinkText.set(outputs.size() + " output" + (outputs.size() == 1 ? "" : "s") + " (" + String.join(" + ", outputs)
                + ") × (video " + PlannerText.rate(video) + (audio > 0 ? " + audio " + PlannerText.rate(audio) : "")
                + ") = " + PlannerText.rate(u.requiredKbps()) + "; × 1.3 for the 30% redundancy rule = "
                + PlannerText.rate(u.withRedundancyKbps()) + ". The container overhead comes on top; "
                + "Castline measures it while live.");
    }

    private static boolean hasAudio(String audio) {
        try {
            return SourceSpec.parseAudio(audio, null).kind() != SourceSpec.Kind.NONE;
        } catch (IllegalArgumentException e) {
            return !"none".equals(audio == null ? "" : audio.trim().toLowerCase(Locale.ROOT));
        }
    }

    // ---- properties ------------------------------------------------------------------------

    public PlannerField viewers() { return viewers; }
    /** The average bitrate per viewer (used when {@link #ladderModeProperty()} is off). */
    public PlannerField bitrate() { return bitrate; }
    public PlannerField factor() { return factor; }
    public BooleanProperty ladderModeProperty() { return ladderMode; }
    public ObservableList<RenditionRow> ladder() { return ladder; }
    /** A problem of the ladder as a whole (e.g. shares not adding up to 100%). */
    public ReadOnlyStringProperty ladderErrorProperty() { return ladderError.getReadOnlyProperty(); }

    /** The plan for what was typed, or null while something is missing or wrong. */
    public ReadOnlyObjectProperty<Planner.DistributionPlan> distributionProperty() { return distribution.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty completeProperty() { return complete.getReadOnlyProperty(); }
    /** "300 Gbps", or "–" while the inputs are incomplete. */
    public ReadOnlyStringProperty totalTextProperty() { return totalText.getReadOnlyProperty(); }
    /** "100,000 viewers × 2 Mbps × 1.5 safety factor", or what is still needed. */
    public ReadOnlyStringProperty formulaTextProperty() { return formulaText.getReadOnlyProperty(); }
    /** One line per rung with a ladder: "720p: 50% of viewers × 3 Mbps → 225 Gbps". */
    public ReadOnlyListProperty<String> renditionLoadsProperty() { return renditionLoads.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Planner.UplinkPlan> uplinkProperty() { return uplink.getReadOnlyProperty(); }
    /** How the uplink figure comes about, in words. */
    public ReadOnlyStringProperty uplinkTextProperty() { return uplinkText.getReadOnlyProperty(); }
    /** The upload this machine needs with 30% redundancy, e.g. "6.83 Mbps"; "no upload" without destinations. */
    public ReadOnlyStringProperty uplinkTotalTextProperty() { return uplinkTotalText.getReadOnlyProperty(); }
}
