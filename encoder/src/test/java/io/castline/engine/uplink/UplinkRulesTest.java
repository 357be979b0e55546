package io.castline.engine.uplink;

import io.castline.engine.uplink.UplinkRules.PathHealth;
import io.castline.engine.uplink.UplinkRules.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict of one second at its boundaries: 1.3 × required, 80% utilisation, 2% / 3 × baseline retransmissions. */
class UplinkRulesTest {

    /** A calm path: nothing growing, no retransmissions known. */
    private static PathHealth calm(String name, double requiredKbps) {
        return new PathHealth(name, requiredKbps, null, false, 0, 0, null, null);
    }

    private static PathHealth retrans(String name, Double pct, Double baseline) {
        return new PathHealth(name, 2500, null, false, 0, 0, pct, baseline);
    }

    // --- insufficient: capacity < 1.3 × required ---

    @Test
    void capacityExactlyThirtyPercentAboveRequiredIsNotInsufficient() {
        Result r = UplinkRules.evaluate(5000, 6500.0, 1000, List.of(calm("primary", 2500), calm("backup", 2500)));
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
        assertThat(r.reason()).isEqualTo("5.0 Mbps needed + 30% = 6.5 Mbps, measured 6.5 Mbps");
    }

    @Test
    void capacityJustBelowThirtyPercentIsInsufficientAndTheReasonNamesTheNumbers() {
        Result r = UplinkRules.evaluate(5000, 6499.0, 1000, List.of(calm("primary", 2500), calm("backup", 2500)));
        assertThat(r.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(r.reason()).isEqualTo("uplink: 5.0 Mbps needed + 30% = 6.5 Mbps, measured 6.5 Mbps");

        Result tiny = UplinkRules.evaluate(5000, Math.nextDown(6500.0), 1000, List.of(calm("primary", 5000)));
        assertThat(tiny.verdict()).isEqualTo(Verdict.INSUFFICIENT);

        Result far = UplinkRules.evaluate(5000, 4000.0, 1000, List.of(calm("primary", 5000)));
        assertThat(far.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(far.reason()).isEqualTo("uplink: 5.0 Mbps needed + 30% = 6.5 Mbps, measured 4.0 Mbps");
    }

    /**
     * "Exactly 1.3 × passes" must hold for figures as a host writes them, not only for ones whose
     * product happens to be exact in binary: 1.3 * 2564 is 3333.2000000000003 in doubles.
     */
    @ParameterizedTest
    @CsvSource({"5000, 6500", "5256, 6832.8", "2564, 3333.2", "4128, 5366.4"})
    void exactlyThirtyPercentPassesWhateverTheFigures(double required, double capacity) {
        Result r = UplinkRules.evaluate(required, capacity, 0, List.of(calm("primary", required)));
        assertThat(r.verdict()).as("required %s, capacity %s: %s", required, capacity, r.reason()).isEqualTo(Verdict.OK);
    }

    @Test
    void theReasonNamesThePathWhoseMeasuredFigureFallsShort() {
        PathHealth primary = new PathHealth("primary", 4100, null, false, 0, 0, null, null);
        PathHealth backup = new PathHealth("backup", 4100, 4000.0, false, 0, 0, null, null);
        Result r = UplinkRules.evaluate(8200, 10000.0, 8000, List.of(primary, backup));
        assertThat(r.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(r.reason()).isEqualTo("backup uplink: 4.1 Mbps needed + 30% = 5.3 Mbps, measured 4.0 Mbps");
    }

    @Test
    void aPathMeasuredAboveItsShareIsNotBlamed() {
        PathHealth primary = new PathHealth("primary", 4100, 5330.0, false, 0, 0, null, null); // exactly 1.3 ×
        Result r = UplinkRules.evaluate(8200, 10000.0, 8000, List.of(primary, calm("backup", 4100)));
        assertThat(r.verdict()).isEqualTo(Verdict.INSUFFICIENT);
        assertThat(r.reason()).startsWith("uplink: 8.2 Mbps needed + 30% = 10.7 Mbps, measured 10.0 Mbps");
    }

    @Test
    void insufficientWinsOverWarnings() {
        PathHealth growing = new PathHealth("primary", 5000, null, true, 1200, 3, 5.0, null);
        Result r = UplinkRules.evaluate(5000, 6000.0, 6000, List.of(growing));
        assertThat(r.verdict()).isEqualTo(Verdict.INSUFFICIENT);
    }

    // --- warn: utilisation > 80% ---

    @Test
    void utilisationExactlyEightyPercentDoesNotWarn() {
        Result r = UplinkRules.evaluate(5000, 10000.0, 8000, List.of(calm("primary", 5000)));
        assertThat(r.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void utilisationJustAboveEightyPercentWarns() {
        Result r = UplinkRules.evaluate(5000, 10000.0, 8001, List.of(calm("primary", 5000)));
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.reason()).isEqualTo("uplink 80% used (8.0 Mbps of 10.0 Mbps), above the 80% mark");

        Result high = UplinkRules.evaluate(5000, 10000.0, 9500, List.of(calm("primary", 5000)));
        assertThat(high.verdict()).isEqualTo(Verdict.WARN);
        assertThat(high.reason()).isEqualTo("uplink 95% used (9.5 Mbps of 10.0 Mbps), above the 80% mark");
    }

    // --- warn: queue growing ---

    @Test
    void aGrowingQueueWarnsNamingTheOutput() {
        PathHealth backup = new PathHealth("backup", 2500, null, true, 1200, 0, null, null);
        Result r = UplinkRules.evaluate(5000, 20000.0, 5000, List.of(calm("primary", 2500), backup));
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.reason()).isEqualTo("backup: queue growing (1.2 s behind)");
    }

    @Test
    void aGrowingQueueWithDropsCountsThem() {
        PathHealth backup = new PathHealth("backup", 2500, null, true, 2500, 7, null, null);
        Result r = UplinkRules.evaluate(5000, 20000.0, 5000, List.of(backup));
        assertThat(r.reason()).isEqualTo("backup: queue growing (2.5 s behind), 7 frames dropped");
    }

    @Test
    void aLongButSteadyQueueAloneDoesNotWarn() {
        PathHealth steady = new PathHealth("primary", 2500, null, false, 1200, 0, null, null);
        assertThat(UplinkRules.evaluate(2500, 20000.0, 2500, List.of(steady)).verdict()).isEqualTo(Verdict.OK);
    }

    // --- warn: retransmissions ---

    @Test
    void retransmissionsOverTwoPercentWarn() {
        Result r = UplinkRules.evaluate(2500, 20000.0, 2500, List.of(retrans("primary", 2.1, null)));
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.reason()).isEqualTo("primary: 2.1% of bytes retransmitted");
    }

    @Test
    void retransmissionsOfExactlyTwoPercentWithoutBaselineDoNotWarn() {
        assertThat(UplinkRules.evaluate(2500, 20000.0, 2500, List.of(retrans("primary", 2.0, null))).verdict())
                .isEqualTo(Verdict.OK);
    }

    @Test
    void retransmissionsWellAboveTheBaselineWarn() {
        Result r = UplinkRules.evaluate(2500, 20000.0, 2500, List.of(retrans("primary", 1.5, 0.2)));
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.reason()).isEqualTo("primary: 1.5% of bytes retransmitted (usually 0.2%)");
    }

    @Test
    void retransmissionsUnderTheFloorDoNotWarnWhateverTheBaseline() {
        // 0.4% is 4 × a 0.1% baseline, but below the 0.5% floor
        assertThat(UplinkRules.evaluate(2500, 20000.0, 2500, List.of(retrans("primary", 0.4, 0.1))).verdict())
                .isEqualTo(Verdict.OK);
    }

    @Test
    void retransmissionsAtThreeTimesTheBaselineDoNotWarn() {
        // exactly 3 × baseline is not "above" it
        assertThat(UplinkRules.retransHigh(1.5, 0.5)).isFalse();
        assertThat(UplinkRules.retransHigh(1.6, 0.5)).isTrue();
        assertThat(UplinkRules.retransHigh(0.6, 0.1)).isTrue();
        assertThat(UplinkRules.retransHigh(0.5, 0.1)).isFalse(); // the floor itself is not above the floor
        assertThat(UplinkRules.retransHigh(null, 0.1)).isFalse();
    }

    @Test
    void withoutBaselineOnlyTheTwoPercentRuleApplies() {
        assertThat(UplinkRules.evaluate(2500, 20000.0, 2500, List.of(retrans("primary", 1.5, null))).verdict())
                .isEqualTo(Verdict.OK);
    }

    // --- unknown ---

    @Test
    void noCapacityAndNothingWrongIsUnknown() {
        Result r = UplinkRules.evaluate(5000, null, 5000, List.of(calm("primary", 2500), retrans("backup", 0.3, 0.2)));
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.reason()).isEqualTo("uplink capacity not measured yet: run a bandwidth test");
    }

    @Test
    void noCapacityButHighRetransmissionsStillWarns() {
        // documented: a growing queue or retransmissions are facts, reported even before a bandwidth test
        Result r = UplinkRules.evaluate(5000, null, 5000, List.of(calm("primary", 2500), retrans("backup", 3.0, null)));
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.reason()).isEqualTo("backup: 3.0% of bytes retransmitted");
    }

    @Test
    void noCapacityButAGrowingQueueStillWarns() {
        PathHealth growing = new PathHealth("primary", 2500, null, true, 800, 0, null, null);
        assertThat(UplinkRules.evaluate(2500, null, 2500, List.of(growing)).verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void noLivePathIsUnknownWhateverTheCapacity() {
        Result r = UplinkRules.evaluate(0, 10000.0, 0, List.of());
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.reason()).isEqualTo("no network output is live");
        assertThat(UplinkRules.evaluate(0, null, 0, List.of()).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void severalWarningsAreJoined() {
        PathHealth primary = new PathHealth("primary", 2500, null, true, 900, 0, null, null);
        Result r = UplinkRules.evaluate(5000, 7000.0, 6000, List.of(primary, retrans("backup", 2.5, null)));
        assertThat(r.verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.reason()).isEqualTo("uplink 86% used (6.0 Mbps of 7.0 Mbps), above the 80% mark; "
                + "primary: queue growing (0.9 s behind); backup: 2.5% of bytes retransmitted");
    }
}
