package io.castline.app.uplink;

import io.castline.app.engine.FakeEngine;
import io.castline.app.engine.LivePlan;
import io.castline.app.profile.StudioProfile;
import io.castline.app.ui.Css;
import io.castline.engine.uplink.BandwidthResult;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.castline.app.engine.Frames.stats;
import static io.castline.app.engine.Frames.uplink;
import static org.assertj.core.api.Assertions.assertThat;

class UplinkViewModelTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<String> problems = new ArrayList<>();
    private StudioProfile profile = StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
            new StudioProfile.Ingest("rtmp://a.example.com/live", "sk_uplink_vm_1"),
            new StudioProfile.Ingest("rtmp://b.example.com/live", "sk_uplink_vm_2")));
    private final UplinkViewModel vm = new UplinkViewModel(engine, Runnable::run,
            () -> LivePlan.of(profile, LocalDateTime.now()), problems::add);

    @Test
    void offAirItShowsWhatTheSettingsNeedAndThatCapacityIsUnknown() {
        vm.showPlan();
        assertThat(vm.verdictTextProperty().get()).isEqualTo("NOT MEASURED");
        assertThat(vm.healthProperty().get()).isEqualTo(Css.HEALTH_IDLE);
        // 2 outputs × (2500 + 128) kbps
        assertThat(vm.requiredTextProperty().get()).isEqualTo("5.3 Mbps for 2 outputs (+30% = 6.8 Mbps)");
        assertThat(vm.reasonTextProperty().get()).contains("run a bandwidth test");
        assertThat(vm.testDisabledProperty().get()).isFalse();
    }

    @Test
    void theBandwidthTestRunsOnTheEngineAndItsResultBecomesTheCapacity() {
        vm.showPlan();
        vm.testBandwidth();
        assertThat(engine.calls).containsExactly("bandwidth-test " + 2 * (2500 + 128));
        assertThat(engine.testedDestinations).extracting(d -> d.name()).containsExactly("primary", "backup");
        assertThat(vm.testRunningProperty().get()).isTrue();
        assertThat(vm.testDisabledProperty().get()).isTrue();

        engine.test.complete(new BandwidthResult(20_000, 10, List.of(
                new BandwidthResult.PathResult("primary", "u", 10_000, 5256, false, null),
                new BandwidthResult.PathResult("backup", "u", 10_000, 5256, false, null))));
        assertThat(vm.testRunningProperty().get()).isFalse();
        assertThat(vm.testedProperty().get().kbps()).isEqualTo(20_000);
        vm.showPlan();
        assertThat(vm.verdictTextProperty().get()).isEqualTo("ENOUGH HEADROOM");
        assertThat(vm.healthProperty().get()).isEqualTo(Css.HEALTH_OK);
        assertThat(vm.gaugeProperty().get().capacityKbps()).isEqualTo(20_000);
        assertThat(vm.testStatusProperty().get()).contains("measured 20.0 Mbps in total");
    }

    @Test
    void aFailedTestIsToldNotThrown() {
        vm.testBandwidth();
        engine.test.completeExceptionally(new java.util.concurrent.CompletionException(new RuntimeException("Connection refused")));
        assertThat(problems).singleElement().asString().contains("Connection refused").contains("try again");
        assertThat(vm.testRunningProperty().get()).isFalse();
    }

    @Test
    void withoutDestinationsThereIsNothingToTest() {
        profile = StudioProfile.defaults();
        vm.showPlan();
        assertThat(vm.testDisabledProperty().get()).isTrue();
        assertThat(vm.testStatusProperty().get()).isEqualTo("add a destination to test its uplink");
        assertThat(vm.reasonTextProperty().get()).contains("add a destination");
    }

    /** A local test sends nothing: the badge said ENOUGH HEADROOM in green beside "capacity not measured". */
    @Test
    void aLocalTestNeedsNoUploadAndSaysSoWithoutAVerdict() {
        profile = StudioProfile.defaults();
        UplinkViewModel local = new UplinkViewModel(engine, Runnable::run,
                () -> LivePlan.orLocalTest(profile, LocalDateTime.now()), problems::add);
        local.showPlan();
        assertThat(local.verdictTextProperty().get()).isEqualTo("NO UPLOAD NEEDED");
        assertThat(local.healthProperty().get()).isEqualTo(Css.HEALTH_IDLE);
        assertThat(local.reasonTextProperty().get()).isEqualTo("local test: nothing leaves this computer, no upload needed");
        assertThat(local.requiredTextProperty().get()).isEqualTo("no upload");
    }

    @Test
    void liveItShowsTheEnginesVerdictInColourWithTcpFigures() {
        vm.setLive(true);
        assertThat(vm.testDisabledProperty().get()).isTrue();
        vm.update(uplink(5400, 4000.0, "insufficient", "backup uplink: 2.7 Mbps needed + 30% = 3.5 Mbps, measured 1.5 Mbps"),
                List.of(stats("primary", "LIVE", 2700), stats("backup", "LIVE", 2700)));
        assertThat(vm.verdictTextProperty().get()).isEqualTo("NOT ENOUGH UPLINK");
        assertThat(vm.healthProperty().get()).isEqualTo(Css.HEALTH_BAD);
        assertThat(vm.reasonTextProperty().get()).startsWith("backup uplink");
        assertThat(vm.tcpTextProperty().get()).isEqualTo("RTT 0.3 ms · 0.4% retransmitted");
        assertThat(vm.capacityTextProperty().get()).startsWith("4.0 Mbps capacity (bandwidth test)");

        vm.update(uplink(5400, 9000.0, "warn", "uplink 85% used"), List.of());
        assertThat(vm.healthProperty().get()).isEqualTo(Css.HEALTH_WARN);
        assertThat(vm.verdictTextProperty().get()).isEqualTo("TIGHT");
        vm.update(uplink(5400, 9000.0, "ok", "fine"), List.of());
        assertThat(vm.healthProperty().get()).isEqualTo(Css.HEALTH_OK);
    }
}
