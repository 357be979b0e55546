package io.castline.app.planner;

import io.castline.app.engine.FakeEngine;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.MainViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlannerViewModelTest {
    private final PlannerViewModel vm = new PlannerViewModel();

    private static StudioProfile twoDestinations() {
        return StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest("rtmp://a.example.com/live", "sk_planner_vm_1"),
                new StudioProfile.Ingest("rtmp://b.example.com/live", "sk_planner_vm_2")));
    }

    @Test
    void aHundredThousandViewersAtTwoMegabitsWithTheDefaultFactorNeed300Gbps() {
        assertThat(vm.factor().value()).isEqualTo("1.5");
        vm.viewers().valueProperty().set("100000");
        vm.bitrate().valueProperty().set("2M");
        assertThat(vm.totalTextProperty().get()).isEqualTo("300 Gbps");
        assertThat(vm.formulaTextProperty().get()).isEqualTo("100,000 viewers × 2 Mbps × 1.5 safety factor");
        assertThat(vm.distributionProperty().get().totalKbps()).isEqualTo(300_000_000.0);
        assertThat(vm.distributionProperty().get().totalGbps()).isEqualTo(300.0);
        assertThat(vm.completeProperty().get()).isTrue();
        assertThat(vm.renditionLoadsProperty()).isEmpty();
        for (PlannerField f : new PlannerField[]{vm.viewers(), vm.bitrate(), vm.factor()}) assertThat(f.error()).isEmpty();
    }

    @Test
    void audiencesAndRatesReadTheWayHostsWriteThem() {
        vm.bitrate().valueProperty().set("2000k");
        for (String v : new String[]{"100,000", "100 000", "100k", " 100000 "}) {
            vm.viewers().valueProperty().set(v);
            assertThat(vm.totalTextProperty().get()).as(v).isEqualTo("300 Gbps");
        }
        vm.bitrate().valueProperty().set("2.5 Mbps");
        vm.viewers().valueProperty().set("1M");
        vm.factor().valueProperty().set("2");
        assertThat(vm.totalTextProperty().get()).isEqualTo("5 Tbps");
        vm.viewers().valueProperty().set("10");
        vm.bitrate().valueProperty().set("2500");
        vm.factor().valueProperty().set("1,5");
        assertThat(vm.totalTextProperty().get()).isEqualTo("37.5 Mbps");
    }

    @Test
    void nothingTypedYetIsNotAnErrorTheResultSaysWhatIsMissing() {
        assertThat(vm.viewers().error()).isEmpty();
        assertThat(vm.bitrate().error()).isEmpty();
        assertThat(vm.totalTextProperty().get()).isEqualTo("–");
        assertThat(vm.formulaTextProperty().get()).isEqualTo("enter the concurrent viewers and an average bitrate to see the total");
        vm.viewers().valueProperty().set("5000");
        assertThat(vm.formulaTextProperty().get()).isEqualTo("enter an average bitrate to see the total");
    }

    @Test
    void invalidInputIsShownAtItsFieldNeverThrown() {
        vm.viewers().valueProperty().set("lots");
        vm.bitrate().valueProperty().set("fast");
        vm.factor().valueProperty().set("0.8");
        assertThat(vm.viewers().error()).isEqualTo("'lots' is not a number of viewers (e.g. 100000 or 100k)");
        assertThat(vm.bitrate().error()).isEqualTo("'fast' is not a rate (e.g. 2500k or 2M)");
        assertThat(vm.factor().error()).startsWith("the safety factor must be at least 1");
        assertThat(vm.totalTextProperty().get()).isEqualTo("–");
        assertThat(vm.distributionProperty().get()).isNull();
        assertThat(vm.formulaTextProperty().get()).isEqualTo("fix the fields marked in red");

        vm.viewers().valueProperty().set("0");
        assertThat(vm.viewers().error()).isEqualTo("at least 1 viewer");
        vm.viewers().valueProperty().set("1.5");
        assertThat(vm.viewers().error()).contains("is not a number of viewers");
        vm.bitrate().valueProperty().set("0");
        assertThat(vm.bitrate().error()).isEqualTo("the bitrate must be more than 0");
        vm.factor().valueProperty().set("x1.5");
        assertThat(vm.factor().error()).isEqualTo("'x1.5' is not a number (e.g. 1.5)");

        // fixed: every error goes, the total comes
        vm.viewers().valueProperty().set("100000");
        vm.bitrate().valueProperty().set("2M");
        vm.factor().valueProperty().set("1.5");
        assertThat(vm.viewers().error()).isEmpty();
        assertThat(vm.bitrate().error()).isEmpty();
        assertThat(vm.factor().error()).isEmpty();
        assertThat(vm.totalTextProperty().get()).isEqualTo("300 Gbps");
    }

    @Test
    void aLadderAveragesItsRenditionsByViewerShareAndShowsEachLoad() {
        vm.viewers().valueProperty().set("100000");
        vm.bitrate().valueProperty().set("not used with a ladder");
        vm.ladderModeProperty().set(true);
        assertThat(vm.bitrate().error()).isEmpty();
        // the default ladder: 1080p 6M 30%, 720p 3M 50%, 480p 1.2M 20% → 3.54 Mbps average
        assertThat(vm.distributionProperty().get().averageKbps()).isCloseTo(3540, within(1e-6));
        assertThat(vm.totalTextProperty().get()).isEqualTo("531 Gbps");
        assertThat(vm.formulaTextProperty().get()).isEqualTo("100,000 viewers × 3.54 Mbps average × 1.5 safety factor");
        assertThat(vm.renditionLoadsProperty()).containsExactly(
                "1080p: 30% of viewers × 6 Mbps → 270 Gbps",
                "720p: 50% of viewers × 3 Mbps → 225 Gbps",
                "480p: 20% of viewers × 1.2 Mbps → 36 Gbps");

        vm.ladder().get(2).share().valueProperty().set("10");
        assertThat(vm.ladderErrorProperty().get()).isEqualTo("the viewer shares add up to 90%; they must add up to 100%");
        assertThat(vm.totalTextProperty().get()).isEqualTo("–");
        assertThat(vm.renditionLoadsProperty()).isEmpty();

        vm.ladder().get(2).share().valueProperty().set("ten");
        assertThat(vm.ladder().get(2).share().error()).isEqualTo("'ten' is not a percentage of viewers (0 to 100)");
        vm.ladder().get(1).bitrate().valueProperty().set("3 apples");
        assertThat(vm.ladder().get(1).bitrate().error()).contains("is not a rate");
        assertThat(vm.formulaTextProperty().get()).isEqualTo("fix the fields marked in red");

        vm.ladder().get(1).bitrate().valueProperty().set("3M");
        vm.ladder().get(2).share().valueProperty().set("10%");
        RenditionRow extra = vm.addRendition();
        assertThat(vm.formulaTextProperty().get()).isEqualTo("enter every rendition's bitrate and share to see the total");
        extra.name().valueProperty().set("360p");
        extra.bitrate().valueProperty().set("800k");
        extra.share().valueProperty().set("10");
        assertThat(vm.ladderErrorProperty().get()).isEmpty();
        assertThat(vm.renditionLoadsProperty()).hasSize(4).last().isEqualTo("360p: 10% of viewers × 800 kbps → 12 Gbps");

        vm.removeRendition(extra);
        assertThat(vm.ladderErrorProperty().get()).contains("add up to 90%");
        vm.ladderModeProperty().set(false);
        assertThat(vm.ladderErrorProperty().get()).isEmpty();
        assertThat(vm.bitrate().error()).contains("is not a rate");
    }

    @Test
    void theUplinkPlanComesFromTheProfileOutputsTimesVideoPlusAudioTimes1point3() {
        vm.showProfile(twoDestinations());
        // 2 × (2500 + 128) = 5256 kbps; × 1.3 = 6832.8 kbps
        assertThat(vm.uplinkProperty().get().outputs()).isEqualTo(2);
        assertThat(vm.uplinkProperty().get().requiredKbps()).isEqualTo(5256.0);
        assertThat(vm.uplinkProperty().get().withRedundancyKbps()).isCloseTo(6832.8, within(1e-6));
        assertThat(vm.uplinkTotalTextProperty().get()).isEqualTo("6.83 Mbps");
        assertThat(vm.uplinkTextProperty().get()).startsWith(
                "2 outputs (primary + backup) × (video 2.5 Mbps + audio 128 kbps) = 5.26 Mbps; × 1.3 for the 30% redundancy "
                        + "rule = 6.83 Mbps.");

        StudioProfile p = twoDestinations();
        StudioProfile oneSilent = new StudioProfile(p.version(), new StudioProfile.Destinations(
                p.ingest("primary"), StudioProfile.Ingest.NONE), new StudioProfile.Sources("testsrc", "none"),
                new StudioProfile.Encoder("x264", "veryfast", "", "", "cbr", 6000, 0, 0, 23, 2.0, 2, 160),
                p.canvas(), p.recording());
        vm.showProfile(oneSilent);
        assertThat(vm.uplinkProperty().get().requiredKbps()).isEqualTo(6000.0); // no audio source: no audio bitrate
        assertThat(vm.uplinkTotalTextProperty().get()).isEqualTo("7.8 Mbps");
        assertThat(vm.uplinkTextProperty().get()).startsWith("1 output (primary) × (video 6 Mbps) = 6 Mbps");

        vm.showProfile(StudioProfile.defaults());
        assertThat(vm.uplinkProperty().get().outputs()).isZero();
        assertThat(vm.uplinkTotalTextProperty().get()).isEqualTo("no upload");
        assertThat(vm.uplinkTextProperty().get()).contains("local test").contains("2.63 Mbps");
    }

    @Test
    void theStudiosPlannerFollowsTheSavedSettings(@TempDir Path dir) {
        MainViewModel main = new MainViewModel(new FakeEngine(), new ProfileStore(dir), StudioProfile.defaults(), n -> { },
                Runnable::run, () -> LocalDateTime.of(2026, 5, 1, 20, 0));
        assertThat(main.planner().uplinkTotalTextProperty().get()).isEqualTo("no upload");
        main.saveSettings(twoDestinations());
        assertThat(main.planner().uplinkTotalTextProperty().get()).isEqualTo("6.83 Mbps");
        assertThat(main.planner().uplinkTextProperty().get()).doesNotContain("sk_planner_vm");
    }
}
