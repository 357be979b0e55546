package io.castline.engine.uplink;

import io.castline.engine.uplink.Planner.DistributionPlan;
import io.castline.engine.uplink.Planner.Rendition;
import io.castline.engine.uplink.Planner.RenditionLoad;
import io.castline.engine.uplink.Planner.UplinkPlan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class PlannerTest {

    private static final List<Rendition> LADDER = List.of(
            new Rendition("1080p", 6000, 0.4), new Rendition("720p", 3000, 0.4), new Rendition("480p", 1200, 0.2));

    @Test
    void hundredThousandViewersAtTwoMegabitsWithFiftyPercentMarginIs300Gbps() {
        DistributionPlan d = Planner.distribution(100_000, 2000, 1.5, null);
        assertThat(d.totalKbps()).isEqualTo(300_000_000.0);
        assertThat(d.totalGbps()).isEqualTo(300.0);
        assertThat(d.averageKbps()).isEqualTo(2000.0);
        assertThat(d.viewers()).isEqualTo(100_000);
        assertThat(d.factor()).isEqualTo(1.5);
        assertThat(d.renditions()).isEmpty();
        assertThat(Planner.distribution(100_000, 2000, 1.5, List.of()).totalGbps()).isEqualTo(300.0);
    }

    @Test
    void aFactorOfOneIsTheBareProduct() {
        assertThat(Planner.distribution(1000, 2500, 1, null).totalKbps()).isEqualTo(2_500_000.0);
    }

    @Test
    void aLadderAveragesItsRungsByShareAndLoadsEachRung() {
        DistributionPlan d = Planner.distribution(10_000, 999, 1.5, LADDER); // the ladder replaces the bitrate
        assertThat(d.averageKbps()).isCloseTo(3840, within(1e-9));       // 2400 + 1200 + 240
        assertThat(d.totalKbps()).isCloseTo(57_600_000, within(1e-6));   // 10,000 × 3840 × 1.5
        assertThat(d.totalGbps()).isCloseTo(57.6, within(1e-12));
        assertThat(d.renditions()).extracting(RenditionLoad::name).containsExactly("1080p", "720p", "480p");
        assertThat(d.renditions().get(0).totalKbps()).isCloseTo(36_000_000, within(1e-6)); // 4,000 viewers × 6 M × 1.5
        assertThat(d.renditions().get(1).totalKbps()).isCloseTo(18_000_000, within(1e-6));
        assertThat(d.renditions().get(2).totalKbps()).isCloseTo(3_600_000, within(1e-6));
        assertThat(d.renditions().get(0).kbps()).isEqualTo(6000.0);
        assertThat(d.renditions().get(0).share()).isEqualTo(0.4);
        assertThat(d.renditions().stream().mapToDouble(RenditionLoad::totalKbps).sum()).isCloseTo(d.totalKbps(), within(1e-6));
    }

    @Test
    void sharesThatDoNotAddUpToOneAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(1000, 2000, 1.5,
                        List.of(new Rendition("1080p", 6000, 0.5), new Rendition("720p", 3000, 0.4))))
                .withMessageContaining("ladder shares add up to 0.9");
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(1000, 2000, 1.5,
                List.of(new Rendition("1080p", 6000, 0.6), new Rendition("720p", 3000, 0.6))));
        // within the tolerance: 0.333 + 0.333 + 0.334
        assertThat(Planner.distribution(1000, 2000, 1, List.of(new Rendition("a", 1000, 0.333),
                new Rendition("b", 1000, 0.333), new Rendition("c", 1000, 0.334))).averageKbps()).isCloseTo(1000, within(1e-9));
    }

    @Test
    void aNotANumberShareIsRefused() {
        // Math.abs(NaN − 1) > 0.001 is false: the check lets NaN through and the plan is NaN Gbps
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(1000, 2000, 1.5,
                List.of(new Rendition("1080p", 6000, Double.NaN))));
    }

    @Test
    void aNegativeShareIsRefusedEvenWhenTheSharesAddUpToOne() {
        // 1.2 + (−0.2) = 1: a negative audience and a negative load
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(1000, 2000, 1.5,
                List.of(new Rendition("1080p", 6000, 1.2), new Rendition("720p", 3000, -0.2))));
    }

    @Test
    void viewersMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(0, 2000, 1.5, null))
                .withMessage("viewers must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(-5, 2000, 1.5, null));
    }

    @Test
    void theFactorMustBeAtLeastOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(1000, 2000, 0.99, null))
                .withMessage("factor must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(1000, 2000, Double.NaN, null));
    }

    @Test
    void anInfiniteFactorIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> Planner.distribution(1000, 2000, Double.POSITIVE_INFINITY, null));
    }

    @Test
    void withoutALadderTheBitrateMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.distribution(1000, 0, 1.5, null))
                .withMessage("bitrate must be positive");
    }

    @Test
    void theUplinkPlanIsOutputsTimesVideoPlusAudioTimesOnePointThree() {
        UplinkPlan u = Planner.uplink(2, 2500, 128);
        assertThat(u.outputs()).isEqualTo(2);
        assertThat(u.requiredKbps()).isEqualTo(5256.0);
        assertThat(u.withRedundancyKbps()).isCloseTo(6832.8, within(1e-9));
        assertThat(u.videoKbps()).isEqualTo(2500.0);
        assertThat(u.audioKbps()).isEqualTo(128.0);
        assertThat(Planner.uplink(0, 2500, 128).withRedundancyKbps()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> Planner.uplink(-1, 2500, 128));
    }
}
