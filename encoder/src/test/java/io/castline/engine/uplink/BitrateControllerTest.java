package io.castline.engine.uplink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dynamic bitrate with an explicit millisecond clock: down to 85% of what is sustained, back up 10% every 2 s. */
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
        assertThat(new BitrateController(400).minKbps()).isEqualTo(100);
        assertThat(new BitrateController(600).minKbps()).isEqualTo(120);
    }

    @Test
    void calmSecondsAtTheTargetChangeNothing() {
        BitrateController c = new BitrateController(2500);
        for (int s = 0; s < 10; s++) assertThat(c.decide(at(s), false, 2500, 20)).isEqualTo(2500);
    }

    @Test
    void congestionStepsDownToEightyFivePercentOfWhatIsSustained() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1800, 900)).isEqualTo(1530); // min(2500, 1800) × 0.85
    }

    @Test
    void congestionStepsDownFromTheCurrentRateWhenThePathSustainsMore() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 4000, 900)).isEqualTo(2125); // min(2500, 4000) × 0.85
        assertThat(c.decide(at(2), true, 4000, 900)).isEqualTo(1806); // 2125 × 0.85 = 1806.25
    }

    @Test
    void stepsDownAtMostOnceEveryTwoSeconds() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1800, 900)).isEqualTo(1530);
        assertThat(c.decide(at(1), true, 1000, 900)).as("within the cooldown").isEqualTo(1530);
        assertThat(c.decide(at(1.999), true, 1000, 900)).as("1999 ms later").isEqualTo(1530);
        assertThat(c.decide(at(2), true, 1000, 900)).as("2000 ms later").isEqualTo(850); // min(1530, 1000) × 0.85
        assertThat(c.decide(at(3), true, 600, 900)).isEqualTo(850);
        assertThat(c.decide(at(4), true, 600, 900)).isEqualTo(510); // min(850, 600) × 0.85
    }

    @Test
    void neverBelowTheFloor() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 100, 3000)).isEqualTo(500);
        assertThat(c.decide(at(2), true, 0, 3000)).isEqualTo(500);
        assertThat(c.decide(at(4), true, 0, 3000)).isEqualTo(500);

        BitrateController low = new BitrateController(300);
        assertThat(low.decide(at(0), true, 50, 3000)).isEqualTo(100);
    }

    @Test
    void noStepUpUntilTheQueueHasStayedDrainedForTwoSeconds() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850);
        assertThat(c.decide(at(1), false, 1000, 400)).as("not congested, but still behind").isEqualTo(850);
        assertThat(c.decide(at(2), false, 1000, 151)).as("151 ms is not drained").isEqualTo(850);
        assertThat(c.decide(at(3), false, 1000, 150)).as("drained from now").isEqualTo(850);
        assertThat(c.decide(at(4), false, 1000, 40)).as("drained for 1 s").isEqualTo(850);
        assertThat(c.decide(at(4.999), false, 1000, 40)).as("drained for 1.999 s").isEqualTo(850);
        assertThat(c.decide(at(5), false, 1000, 40)).as("drained for 2 s").isEqualTo(1100); // + 10% of 2500
    }

    @Test
    void aQueueAboveTheDrainedMarkResetsTheDrainedTimer() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850);
        c.decide(at(1), false, 1000, 100); // drained since 1
        c.decide(at(2), false, 1000, 300); // behind again
        assertThat(c.decide(at(3), false, 1000, 100)).isEqualTo(850); // drained since 3
        assertThat(c.decide(at(4), false, 1000, 100)).isEqualTo(850);
        assertThat(c.decide(at(5), false, 1000, 100)).isEqualTo(1100);
    }

    @Test
    void aCongestedSecondResetsTheDrainedTimer() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850);
        c.decide(at(1), false, 1000, 100);                                    // drained since 1
        assertThat(c.decide(at(2), true, 5000, 600)).isEqualTo(722);         // congested again: 850 × 0.85
        assertThat(c.decide(at(3), false, 1000, 100)).isEqualTo(722);        // drained since 3
        assertThat(c.decide(at(4), false, 1000, 100)).as("would climb if the timer had not been reset").isEqualTo(722);
        assertThat(c.decide(at(5), false, 1000, 100)).isEqualTo(972);        // + 250
    }

    @Test
    void aCongestedSecondInTheCooldownStillResetsTheDrainedTimer() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850);
        c.decide(at(0.5), false, 1000, 100);                                  // drained since 0.5
        assertThat(c.decide(at(1.5), true, 5000, 600)).as("cooldown").isEqualTo(850);
        c.decide(at(2), false, 1000, 100);                                    // drained since 2
        assertThat(c.decide(at(3), false, 1000, 100)).as("only 1 s drained").isEqualTo(850);
        assertThat(c.decide(at(4), false, 1000, 100)).isEqualTo(1100);
    }

    @Test
    void climbsTenPercentOfTheTargetEveryTwoSecondsUpToTheTarget() {
        BitrateController c = new BitrateController(2500);
        assertThat(c.decide(at(0), true, 1000, 900)).isEqualTo(850);
        // drained from second 1 on
        assertThat(c.decide(at(1), false, 1000, 0)).isEqualTo(850);   // drained since 1
        assertThat(c.decide(at(2), false, 1000, 0)).isEqualTo(850);   // 1 s drained
        assertThat(c.decide(at(3), false, 1000, 0)).isEqualTo(1100);  // 2 s drained, 3 s since the step down
        assertThat(c.decide(at(4), false, 1000, 0)).isEqualTo(1100);  // 1 s since the step up
        assertThat(c.decide(at(5), false, 1000, 0)).isEqualTo(1350);
        assertThat(c.decide(at(6), false, 1000, 0)).isEqualTo(1350);
        assertThat(c.decide(at(7), false, 1000, 0)).isEqualTo(1600);
        assertThat(c.decide(at(9), false, 1000, 0)).isEqualTo(1850);
        assertThat(c.decide(at(11), false, 1000, 0)).isEqualTo(2100);
        assertThat(c.decide(at(13), false, 1000, 0)).isEqualTo(2350);
        assertThat(c.decide(at(15), false, 1000, 0)).as("capped at the target").isEqualTo(2500);
        assertThat(c.decide(at(17), false, 1000, 0)).isEqualTo(2500);
        assertThat(c.decide(at(60), false, 1000, 0)).isEqualTo(2500);
    }

    @Test
    void stepsUpRoundUpSoThatSmallTargetsStillClimb() {
        BitrateController c = new BitrateController(1005);
        assertThat(c.minKbps()).isEqualTo(201);
        assertThat(c.decide(at(0), true, 0, 900)).isEqualTo(201);
        c.decide(at(1), false, 0, 0);
        assertThat(c.decide(at(3), false, 0, 0)).isEqualTo(302); // 201 + ceil(100.5)
    }
}
