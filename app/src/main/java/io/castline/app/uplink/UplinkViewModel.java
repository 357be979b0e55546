package io.castline.app.uplink;

import io.castline.app.engine.LivePlan;
import io.castline.app.engine.StudioEngine;
import io.castline.app.ui.Css;
import io.castline.app.ui.Format;
import io.castline.engine.destination.Secrets;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.stats.StatsSnapshot;
import io.castline.engine.uplink.BandwidthResult;
import io.castline.engine.uplink.Verdict;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The uplink headroom panel: required vs capacity against the 30% and 80% marks, the verdict in
 * colour and words, TCP figures when the OS gives them, and the bandwidth test. Off air it shows
 * the plan for the current settings; live, the engine's verdict of the last second.
 */
public final class UplinkViewModel {
    private final StudioEngine engine;
    private final Executor uiThread;
    private final Supplier<LivePlan> plan;
    private final Consumer<String> problemSink;

    private final ReadOnlyStringWrapper verdictText = new ReadOnlyStringWrapper("NOT MEASURED");
    private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper(Css.HEALTH_IDLE);
    private final ReadOnlyStringWrapper reasonText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper requiredText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper capacityText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper tcpText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<GaugeScale> gauge = new ReadOnlyObjectWrapper<>(GaugeScale.EMPTY);
    private final ReadOnlyBooleanWrapper testRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper testDisabled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper testStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<BandwidthResult> tested = new ReadOnlyObjectWrapper<>();
    private boolean live;
    /** What the last test found (or why it failed), shown until the next one. */
    private String lastTestText = "";

    /**
     * @param plan        the current settings as a plan (destinations to test, the bitrate to need)
     * @param problemSink told why a test could not run or failed (a notification)
     */
    public UplinkViewModel(StudioEngine engine, Executor uiThread, Supplier<LivePlan> plan, Consumer<String> problemSink) {
        this.engine = engine;
        this.uiThread = uiThread;
        this.plan = plan;
        this.problemSink = problemSink;
    }

    /** Off air: the settings or the test result changed. */
    public void showPlan() {
        if (live) return;
        LivePlan p = plan.get();
        UplinkCheck.Result r = UplinkCheck.evaluate(p, tested.get());
        testDisabled.set(testRunning.get() || !p.ok() || p.destinations().isEmpty());
        if (!testRunning.get()) {
            boolean onlyNothingToSend = p.problems().stream().allMatch(x -> x.field().equals("outputs"));
            testStatus.set(!onlyNothingToSend ? "fix the settings to test"
                    : p.destinations().isEmpty() ? "add a destination to test its uplink" : lastTestText);
        }
        requiredText.set(r.networkOutputs() == 0 ? "no upload"
                : Format.mbps(r.requiredKbps()) + " for " + r.networkOutputs() + " output" + (r.networkOutputs() == 1 ? "" : "s")
                + " (+30% = " + Format.mbps(r.requiredKbps() * 1.3) + ")");
        capacityText.set(r.capacityKbps() == null ? "capacity not measured" : Format.mbps(r.capacityKbps()) + " measured by the test");
        tcpText.set("");
        setVerdict(r.verdict(), r.reason());
        if (r.networkOutputs() == 0 && r.verdict() == Verdict.OK) {
            // nothing is sent (a local test, a recording alone): not a verdict on the uplink, which was never measured
            verdictText.set("NO UPLOAD NEEDED");
            health.set(Css.HEALTH_IDLE);
        }
        gauge.set(GaugeScale.of(r.requiredKbps(), r.capacityKbps(), 0));
    }

    public void setLive(boolean live) {
        this.live = live;
        testDisabled.set(live || testRunning.get());
        // the test would publish a second stream with the same keys: ingests refuse or mix them
        if (live) testStatus.set("while live the uplink is measured from the stream itself");
        else showPlan();
    }

    /** Live: the engine's verdict of the last second. */
    public void update(StatsSnapshot.Uplink u, List<StatsSnapshot.OutputStats> outputs) {
        if (u == null) return;
        requiredText.set(Format.mbps(u.requiredKbps()) + " needed (+30% = " + Format.mbps(u.requiredKbps() * 1.3) + ")");
        capacityText.set(u.capacityKbps() == null ? "capacity not measured"
                : Format.mbps(u.capacityKbps()) + " capacity (" + u.capacitySource() + ")"
                + (u.utilizationPct() == null ? "" : ", " + Format.pct(u.utilizationPct()) + " used"));
        tcpText.set(tcpFigures(u, outputs));
        setVerdict(verdictOf(u.verdict()), u.reason());
        gauge.set(GaugeScale.of(u.requiredKbps(), u.capacityKbps(), u.egressKbps()));
    }

    /** The stats contract's verdict word; one this version does not know reads as unknown. */
    static Verdict verdictOf(String wire) {
        for (Verdict v : Verdict.values()) if (v.wire().equals(wire)) return v;
        return Verdict.UNKNOWN;
    }

    /** "RTT 12 ms · 0.3% retransmitted", the worst path; empty when the OS does not say. */
    static String tcpFigures(StatsSnapshot.Uplink u, List<StatsSnapshot.OutputStats> outputs) {
        Double rtt = null;
        for (StatsSnapshot.OutputStats o : outputs) {
            if (o.network() && o.rttMs() != null) rtt = rtt == null ? o.rttMs() : Math.max(rtt, o.rttMs());
        }
        StringBuilder sb = new StringBuilder();
        if (rtt != null) sb.append(String.format(Locale.ROOT, rtt < 10 ? "RTT %.1f ms" : "RTT %.0f ms", rtt));
        if (u.retransPct() != null) {
            if (!sb.isEmpty()) sb.append(" · ");
            sb.append(String.format(Locale.ROOT, "%.1f%% retransmitted", u.retransPct()));
        }
        // SRT counts its own losses: what it resent in time, and what came too late for the viewers
        long lost = 0, late = 0;
        boolean srt = false;
        for (StatsSnapshot.OutputStats o : outputs) {
            if (o.srt() == null) continue;
            srt = true;
            lost += o.srt().packetsLost();
            late += o.srt().packetsDropped();
        }
        if (srt && (lost > 0 || late > 0)) {
            sb.append(String.format(Locale.ROOT, " · SRT %d packets lost, %d too late", lost, late));
        }
        return sb.toString();
    }

    private void setVerdict(Verdict v, String reason) {
        verdictText.set(switch (v) {
            case OK -> "ENOUGH HEADROOM";
            case WARN -> "TIGHT";
            case INSUFFICIENT -> "NOT ENOUGH UPLINK";
            case UNKNOWN -> "NOT MEASURED";
        });
        health.set(switch (v) {
            case OK -> Css.HEALTH_OK;
            case WARN -> Css.HEALTH_WARN;
            case INSUFFICIENT -> Css.HEALTH_BAD;
            case UNKNOWN -> Css.HEALTH_IDLE;
        });
        reasonText.set(reason == null ? "" : Secrets.mask(reason));
    }

    /** Runs the bandwidth test off the UI thread: twice what each path needs, 10 s. */
    public void testBandwidth() {
        if (testRunning.get() || live) return;
        LivePlan p = plan.get();
        if (!p.ok() || p.destinations().isEmpty()) {
            problemSink.accept("Add a valid primary or backup destination in Settings before testing the uplink.");
            return;
        }
        EncoderSettings s = p.config().settings();
        int audio = p.config().audio().kind() == SourceSpec.Kind.NONE ? 0 : s.audioBitrateKbps();
        int perPath = 2 * (s.bitrateKbps() + audio); // prove "enough" with margin, as castline live --bandwidth-test does
        testRunning.set(true);
        testDisabled.set(true);
        testStatus.set("testing: pushing a test stream to " + p.destinations().size() + " destination(s)…");
        engine.bandwidthTest(p.destinations(), 10, perPath, line -> uiThread.execute(() -> testStatus.set(Secrets.mask(line))))
                .whenCompleteAsync((result, error) -> {
                    testRunning.set(false);
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        lastTestText = "the last test failed";
                        problemSink.accept("The bandwidth test failed: " + Secrets.mask(String.valueOf(cause.getMessage()))
                                + ". Check the destinations in Settings and your connection, then try again.");
                    } else {
                        lastTestText = describe(result);
                        tested.set(result);
                    }
                    setLive(live);
                }, uiThread);
    }

    static String describe(BandwidthResult r) {
        StringBuilder sb = new StringBuilder("measured " + Format.mbps(r.kbps()) + " in total");
        for (BandwidthResult.PathResult p : r.paths()) {
            sb.append(" · ").append(p.name()).append(": ").append(p.error() != null ? "failed (" + Secrets.mask(p.error()) + ")"
                    : (p.limited() ? "" : "at least ") + Format.mbps(p.kbps()));
        }
        return sb.toString();
    }

    /** The last test's result (used as the capacity when going live), or null. */
    public ReadOnlyObjectProperty<BandwidthResult> testedProperty() { return tested.getReadOnlyProperty(); }
    public ReadOnlyStringProperty verdictTextProperty() { return verdictText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty healthProperty() { return health.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reasonTextProperty() { return reasonText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty requiredTextProperty() { return requiredText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty capacityTextProperty() { return capacityText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty tcpTextProperty() { return tcpText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<GaugeScale> gaugeProperty() { return gauge.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty testRunningProperty() { return testRunning.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty testDisabledProperty() { return testDisabled.getReadOnlyProperty(); }
    public ReadOnlyStringProperty testStatusProperty() { return testStatus.getReadOnlyProperty(); }
}
