package io.castline.engine.uplink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic bitrate with an explicit millisecond clock: one cut to 85% of what is sustained per
 * congestion, a climb to the knee of the remembered ceiling, gentle probes above it; and, on a
 * simulated path ({@link SimulatedPath}), that it settles near what the path carries.
 */
class BitrateControllerTest {

    /** A wall-clock-like origin, so that nothing depends on the clock starting at zero. */
    private static final long T0 = 1_700_000_000_000L;

    private static long at(double seconds) { return T0 + Math.round(seconds * 1000); }

    @Test
    void startsAtTheTargetWithAFloorOfAFifthButAtLeast100() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.currentKbps()).isEqualTo(2500);
        assertThat(c.targetKbps()).isEqualTo(2500);
        assertThat(c.minKbps()).isEqualTo(500);
        assertThat(c.ceilingKbps()).isZero();
        assertThat(new BitrateController(400).minKbps()).isEqualTo(100);
        assertThat(new BitrateController(600).minKbps()).isEqualTo(120);
    }

    @Test
    void calmSecondsAtTheTargetChangeNothing() {
        BitrateController c = new BitrateController(2500);
        for (int s = 0; s < 10; s++) assertThat(c.decide(at(s), false, 2500, 20)).isEqualTo(2500);
    }

    @Test
    void congestionCutsToEightyFivePercentOfWhatIsSustainedAndRemembersIt() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1800, 900)).isEqualTo(1530); // min(2500, 1800) × 0.85
        assertThat(c.ceilingKbps()).isEqualTo(1800);
    }

    @Test
    void congestionCutsFromTheCurrentRateWhenThePathSustainsMore() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 4000, 900)).isEqualTo(2125); // min(2500, 4000) × 0.85
    }

    @Test
    void neverBelowTheFloor() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 100, 3000)).isEqualTo(500);
        for (int s = 1; s < 20; s++) assertThat(c.decide(at(s), true, 0, 3000)).isEqualTo(500);

        BitrateController low = new BitrateController(300);
        assertThat(low.decide(at(0), true, 50, 3000)).isEqualTo(100);
    }

    /** The old controller cut on every congested second after a 2 s cooldown: 2125 → 1806 → 1535 → … → the floor. */
    @Test
    void oneCongestionIsOneCutWhileTheBacklogFalls() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 2000)).isEqualTo(850);
        // still congested (the send buffer holds seconds of this path), but draining
        for (int s = 1; s <= 14; s++) {
            assertThat(c.decide(at(s), true, 1000, 2000 - 100L * s)).as("second %d", s).isEqualTo(850);
        }
    }

    @Test
    void aCutThatDoesNotDrainTheBacklogGetsOneStepMoreAfterTheSettleTime() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 2000)).isEqualTo(850);
        assertThat(c.decide(at(1), true, 1000, 2100)).isEqualTo(850);
        assertThat(c.decide(at(2), true, 1000, 2150)).isEqualTo(850);
        assertThat(c.decide(at(3.999), true, 1000, 2200)).as("within the settle time").isEqualTo(850);
        assertThat(c.decide(at(4), true, 1000, 2200)).as("not falling after 4 s").isEqualTo(722); // 850 × 0.85
        assertThat(c.decide(at(5), true, 1000, 2210)).as("and then the settle time again").isEqualTo(722);
        assertThat(c.decide(at(8), true, 1000, 2220)).isEqualTo(613);
    }

    @Test
    void aBacklogThatFallsTooSlowlyForItsSizeIsNotDraining() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 3000)).isEqualTo(850);
        // 30 ms a second off 3 s: a hundred seconds to drain; 2% of 3 s is 60 ms
        for (int s = 1; s <= 3; s++) c.decide(at(s), true, 1000, 3000 - 30L * s);
        assertThat(c.decide(at(4), true, 1000, 2880)).isEqualTo(722);
    }

    @Test
    void noStepUpUntilTheBacklogHasStayedDrainedForTwoSecondsThenTenPercentStepsUpToTheKnee() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850);
        // while the backlog drains the path is busy: what it delivers now is what it carries
        assertThat(c.decide(at(1), false, 2000, 400)).as("not congested, but still behind").isEqualTo(850);
        assertThat(c.ceilingKbps()).isEqualTo(2000);
        assertThat(c.decide(at(2), false, 2000, 151)).as("151 ms is not drained").isEqualTo(850);
        assertThat(c.decide(at(3), false, 800, 150)).as("drained from now").isEqualTo(850);
        assertThat(c.decide(at(4), false, 800, 40)).as("drained for 1 s").isEqualTo(850);
        assertThat(c.decide(at(4.999), false, 800, 40)).as("drained for 1.999 s").isEqualTo(850);
        assertThat(c.decide(at(5), false, 800, 40)).as("drained for 2 s").isEqualTo(1100); // + 10% of 2500
        assertThat(c.decide(at(6), false, 800, 0)).isEqualTo(1100);
        assertThat(c.decide(at(7), false, 800, 0)).isEqualTo(1350);
        assertThat(c.decide(at(9), false, 800, 0)).isEqualTo(1600);
        assertThat(c.decide(at(11), false, 800, 0)).as("the knee: 85% of the ceiling").isEqualTo(1700);
        assertThat(c.decide(at(13), false, 800, 0)).as("no big steps past it").isEqualTo(1700);
        assertThat(c.ceilingKbps()).as("what was delivered uncongested does not lower it").isEqualTo(2000);
    }

    @Test
    void aboveTheKneeItProbesOneSmallStepAtATimeAndARateThatHeldRaisesTheCeiling() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850); // ceiling 1000, knee 850
        c.decide(at(1), false, 1000, 100);
        c.decide(at(2), false, 1000, 100);
        assertThat(c.decide(at(7.999), false, 1000, 100)).isEqualTo(850);
        assertThat(c.decide(at(8), false, 1000, 100)).as("probe: + 5% of the ceiling").isEqualTo(900);
        assertThat(c.decide(at(15.999), false, 1000, 120)).as("held for 8 s").isEqualTo(900);
        assertThat(c.decide(at(16), false, 1000, 120)).as("it held: the next").isEqualTo(950);
        assertThat(c.decide(at(24), false, 1000, 130)).isEqualTo(1000);
        assertThat(c.decide(at(32), false, 1000, 100)).isEqualTo(1050);
        assertThat(c.ceilingKbps()).as("1000 held").isEqualTo(1000);
    }

    @Test
    void aProbeWhoseBacklogGrowsFailsBacksOffAndTheNextOneWaitsTwiceAsLong() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850);
        c.decide(at(1), false, 1000, 100);
        assertThat(c.decide(at(8), false, 1000, 20)).isEqualTo(900);
        assertThat(c.decide(at(12), false, 1000, 90)).isEqualTo(900);
        assertThat(c.decide(at(16), false, 1000, 125)).as("grew 105 ms while held: failed").isEqualTo(805); // 850 − 5% of 900
        assertThat(c.ceilingKbps()).as("the path carries less than 900").isEqualTo(900);
        c.decide(at(17), false, 1000, 60);
        assertThat(c.decide(at(31.999), false, 1000, 0)).isEqualTo(805);
        assertThat(c.decide(at(32), false, 1000, 0)).as("16 s after the failure: + 5% of 900").isEqualTo(850);
        assertThat(c.decide(at(33), false, 1000, 200)).as("over the drained mark: failed at once").isEqualTo(762);
    }

    @Test
    void aBacklogThatCreepsUpWithoutCongestionEasesTheRateOff() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 300)).isEqualTo(850);
        // not congested, not drained either: a backlog of 300 ms that creeps up
        for (int s = 1; s <= 5; s++) assertThat(c.decide(at(s), false, 1000, 300 + 20L * s)).isEqualTo(850);
        assertThat(c.decide(at(6), false, 1000, 410)).as("up 110 ms since the rate was set").isEqualTo(807); // − 5% of 850
        assertThat(c.ceilingKbps()).isEqualTo(850);
    }

    @Test
    void theCeilingIsForgottenOnlyOnceARateAStepPastWhatWasTooMuchHeldAndAMinutePassed() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850); // too much: min(2500, 1000 / 0.85) = 1176
        double t = 1;
        int last = 0;
        while (t < 400 && c.ceilingKbps() != 0) {
            last = c.decide(at(t), false, 1000, 0); // the path got better: nothing ever backs up
            t += 1;
        }
        assertThat(c.ceilingKbps()).as("forgotten").isZero();
        assertThat(last).as("a step past 1176").isGreaterThanOrEqualTo(1235);
        assertThat(t).as("not before a minute").isGreaterThanOrEqualTo(60);
        while (t < 600 && c.currentKbps() < 2500) c.decide(at(t++), false, 1000, 0);
        assertThat(c.currentKbps()).isEqualTo(2500);
        System.out.printf(Locale.ROOT, "FIGURES dynamic bitrate: back at the target %.0f s after the path got better%n", t - 1);
    }

    // ---- on a simulated path ------------------------------------------------------------------

    /**
     * A path that carries less than the configured 2500 kbps: over the last 3 minutes of 5 the
     * rate stays within 20% below and 15% above what the path carries for video (the old
     * controller cycled between the floor and 1.3× of it), and at least 80% of the path is used.
     */
    @ParameterizedTest(name = "{0} kbps, hidden buffer {1} kbit, noise {2}")
    @CsvSource({"1000, 0, 0", "1000, 600, 0.25", "1000, 1000, 0.25", "1500, 600, 0.25", "2000, 600, 0", "2000, 0, 0.25"})
    void settlesNearWhatThePathCarries(int pathKbps, int hiddenKbit, double noise) {
        BitrateController c = new BitrateController(2500);
        SimulatedPath path = new SimulatedPath(c, pathKbps).withHiddenBufferKbit(hiddenKbit).withMeasurementNoise(noise);
        path.run(300);
        double video = SimulatedPath.videoCapacity(pathKbps);
        double[] band = path.bitrateBand(180);
        double delivered = path.deliveredKbps(180);
        System.out.printf(Locale.ROOT, "FIGURES simulated %d kbps path (hidden %d kbit, noise %.2f): bitrate %.0f..%.0f kbps "
                + "(video capacity %.0f), delivered %.0f kbps%n", pathKbps, hiddenKbit, noise, band[0], band[1], video, delivered);
        assertThat(band[0]).as("lowest rate").isGreaterThanOrEqualTo(0.8 * video);
        assertThat(band[1]).as("highest rate").isLessThanOrEqualTo(1.15 * video);
        assertThat(delivered).isGreaterThanOrEqualTo(0.8 * pathKbps);
    }

    @Test
    void aPathThatCarriesTheStreamIsLeftAlone() {
        BitrateController c = new BitrateController(2500);
        SimulatedPath path = new SimulatedPath(c, 3000).withHiddenBufferKbit(600);
        path.run(120);
        assertThat(path.bitrateBand(120)).containsExactly(2500, 2500);
    }

    @Test
    void aPathThatGetsWorseIsFollowedDownAndOneThatGetsBetterIsUsedAgain() {
        BitrateController c = new BitrateController(2500);
        SimulatedPath path = new SimulatedPath(c, 3000).withHiddenBufferKbit(600).withMeasurementNoise(0.25);
        path.run(30);
        path.setCapacityKbps(1000);
        path.run(240);
        double[] band = path.bitrateBand(120);
        assertThat(band[0]).isGreaterThanOrEqualTo(0.8 * SimulatedPath.videoCapacity(1000));
        assertThat(band[1]).isLessThanOrEqualTo(1.15 * SimulatedPath.videoCapacity(1000));
        path.setCapacityKbps(100_000);
        int seconds = 0;
        while (c.currentKbps() < 2500 && seconds < 300) {
            path.run(1);
            seconds++;
        }
        System.out.printf(Locale.ROOT, "FIGURES simulated path 1000 -> unlimited: back at 2500 kbps after %d s%n", seconds);
        assertThat(c.currentKbps()).isEqualTo(2500);
    }
}
