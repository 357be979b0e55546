package io.castline.app.testingest;

import io.castline.app.engine.LivePlan;
import io.castline.app.engine.ReceivedStream;
import io.castline.app.profile.StudioProfile;
import io.castline.app.studio.PreFlight;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTestViewModelTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2025, 3, 1, 12, 0, 0);

    private static ReceivedStream stream() {
        return new ReceivedStream("primary", "rtmp://127.0.0.1:40111/live/••••", 3 * 1024 * 1024, "h264", "High", 1920, 1080,
                29.998, 300, 5, 60, 2.0, 2480.4, "aac", 48_000, 2, 10.0, null);
    }

    private static Map<String, String> rows(LocalTestViewModel.Result r) {
        return r.rows().stream().collect(Collectors.toMap(LocalTestViewModel.Row::key, LocalTestViewModel.Row::value));
    }

    @Test
    void whatArrivedReadsAsAHostWouldSayIt() {
        LocalTestViewModel.Result r = LocalTestViewModel.result(stream());
        assertThat(r.title()).isEqualTo("Primary");
        assertThat(r.url()).isEqualTo("rtmp://127.0.0.1:40111/live/••••");
        assertThat(rows(r)).containsEntry("codec", "h264 (High)")
                .containsEntry("size", "1920×1080")
                .containsEntry("fps", "30.00 fps")
                .containsEntry("keyframes", "every 60 frames (2.00 s)")
                .containsEntry("bitrate", "2480 kbps")
                .containsEntry("audio", "aac, 48000 Hz, stereo")
                .containsEntry("received", "10.0 s, 300 frames, 3 MB");
    }

    @Test
    void unknownSpacingAndNoAudioAreSaid() {
        ReceivedStream s = new ReceivedStream("backup", "u", 2048, "hevc", null, 640, 360, Double.NaN, 12, 1, null, null,
                Double.NaN, null, 0, 0, Double.NaN, null);
        Map<String, String> rows = rows(LocalTestViewModel.result(s));
        assertThat(rows).containsEntry("codec", "hevc").containsEntry("fps", "unknown").containsEntry("bitrate", "unknown")
                .containsEntry("audio", "none").containsEntry("received", "12 frames, 2 KB");
        assertThat(rows.get("keyframes")).startsWith("only 1 keyframe in 12 frames");
    }

    @Test
    void aReceiverThatGotNothingShowsWhy() {
        LocalTestViewModel.Result r = LocalTestViewModel.result(ReceivedStream.failed("backup", "u", 0, "nothing arrived"));
        assertThat(r.ok()).isFalse();
        assertThat(r.rows()).isEmpty();
        assertThat(r.problem()).isEqualTo("nothing arrived");
    }

    @Test
    void theBannerSaysItIsALocalTestAndEachEndGivesANewReport() {
        LocalTestViewModel vm = new LocalTestViewModel();
        vm.configure(true);
        assertThat(vm.activeProperty().get()).isTrue();
        assertThat(vm.bannerTextProperty().get()).startsWith("Local test: no destination is set").contains("nothing leaves it");
        vm.started(true);
        assertThat(vm.bannerTextProperty().get()).startsWith("Local test: nothing leaves this computer");
        vm.configure(false); // settings saved while live: the running test keeps its banner
        assertThat(vm.activeProperty().get()).isTrue();
        int[] shown = {0};
        vm.reportProperty().addListener((o, a, b) -> shown[0]++);
        vm.ended(List.of(stream()));
        vm.started(true);
        vm.ended(List.of(stream()));
        assertThat(shown[0]).isEqualTo(2);
        assertThat(vm.reportProperty().get().results()).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
        vm.configure(false);
        assertThat(vm.activeProperty().get()).isFalse();
    }

    @Test
    void withoutADestinationThePlanIsALocalTestThePreFlightLetsThrough() {
        LivePlan plan = LivePlan.orLocalTest(StudioProfile.defaults(), NOW);
        assertThat(plan.ok()).isTrue();
        assertThat(plan.localTest()).isTrue();
        assertThat(plan.localTestOutputs()).containsExactly("primary", "backup");
        assertThat(plan.destinations()).as("nothing to upload").isEmpty();
        assertThat(plan.config().targets()).extracting(t -> t.name()).containsExactly("primary", "backup");
        assertThat(plan.config().targets()).allSatisfy(t -> assertThat(t.peerHost()).isEqualTo("127.0.0.1"));
        PreFlight pf = PreFlight.check(plan, null);
        assertThat(pf.blocked()).isFalse();
        assertThat(pf.warnings()).isEmpty();

        StudioProfile configured = StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest("rtmp://a.example.com/live", "sk_lt_1"), StudioProfile.Ingest.NONE));
        assertThat(LivePlan.orLocalTest(configured, NOW).localTest()).isFalse();
    }
}
