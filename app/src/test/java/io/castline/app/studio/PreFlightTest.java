package io.castline.app.studio;

import io.castline.app.engine.LivePlan;
import io.castline.app.profile.StudioProfile;
import io.castline.engine.uplink.BandwidthResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreFlightTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 5, 1, 20, 15, 30);

    private static StudioProfile with(String primaryServer, String primaryKey, String backupServer, String backupKey) {
        return StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest(primaryServer, primaryKey), new StudioProfile.Ingest(backupServer, backupKey)));
    }

    @Test
    void anInvalidDestinationRefusesWithTheFieldNamed() {
        PreFlight pf = PreFlight.check(LivePlan.of(with("http://x.example.com/live", "sk_pf_1", "", ""), NOW), null);
        assertThat(pf.blocked()).isTrue();
        assertThat(pf.errors()).singleElement().asString()
                .startsWith("Primary server: unsupported protocol 'http'").doesNotContain("sk_pf_1");
    }

    @Test
    void aMissingKeyIsBlamedOnTheKeyField() {
        PreFlight pf = PreFlight.check(LivePlan.of(with("rtmp://x.example.com/live", "", "", ""), NOW), null);
        assertThat(pf.errors()).singleElement().asString().startsWith("Primary stream key: the stream key is missing");
    }

    @Test
    void nothingToSendToRefuses() {
        PreFlight pf = PreFlight.check(LivePlan.of(StudioProfile.defaults(), NOW), null);
        assertThat(pf.errors()).singleElement().asString().startsWith("Nothing to send to");
    }

    @Test
    void noMeasuredCapacityWarnsAndOffersTheTest() {
        PreFlight pf = PreFlight.check(LivePlan.of(with("rtmp://a.example.com/live", "sk_pf_2", "rtmp://b.example.com/live",
                "sk_pf_3"), NOW), null);
        assertThat(pf.blocked()).isFalse();
        assertThat(pf.offerBandwidthTest()).isTrue();
        assertThat(pf.warnings()).singleElement().asString().contains("not been measured")
                .contains("2 outputs need 5.3 Mbps, 6.8 Mbps with the 30% reserve");
    }

    @Test
    void aTooSmallMeasuredUplinkWarnsWithTheReason() {
        BandwidthResult small = new BandwidthResult(4000, 10, List.of(
                new BandwidthResult.PathResult("primary", "u", 2000, 5256, true, null),
                new BandwidthResult.PathResult("backup", "u", 2000, 5256, true, null)));
        PreFlight pf = PreFlight.check(LivePlan.of(with("rtmp://a.example.com/live", "sk_pf_4", "rtmp://b.example.com/live",
                "sk_pf_5"), NOW), small);
        assertThat(pf.blocked()).isFalse();
        assertThat(pf.warnings()).singleElement().asString().startsWith("Not enough upload for the 30% reserve")
                .contains("measured 2.0 Mbps");
    }

    @Test
    void enoughMeasuredUplinkGoesStraightLive() {
        BandwidthResult big = new BandwidthResult(40_000, 10, List.of(
                new BandwidthResult.PathResult("primary", "u", 20_000, 5256, false, null)));
        PreFlight pf = PreFlight.check(LivePlan.of(with("rtmp://a.example.com/live", "sk_pf_6", "", ""), NOW), big);
        assertThat(pf.errors()).isEmpty();
        assertThat(pf.warnings()).isEmpty();
    }

    @Test
    void recordingOnlyNeedsNoUplinkAndNamesItsFile(@TempDir Path dir) {
        StudioProfile p = new StudioProfile(1, null, null, null, null, new StudioProfile.Recording(true, dir.toString(), "mp4"))
                .withDefaults();
        LivePlan plan = LivePlan.of(p, NOW);
        assertThat(plan.ok()).isTrue();
        assertThat(plan.recordingFile()).isEqualTo(dir.resolve("castline-20260501-201530.mp4"));
        assertThat(plan.config().targets()).singleElement().satisfies(t -> assertThat(t.formatName()).isEqualTo("mp4"));
        PreFlight pf = PreFlight.check(plan, null);
        assertThat(pf.warnings()).isEmpty();
        assertThat(pf.errors()).isEmpty();
    }

    @Test
    void aWhipDestinationRefusesBFramesAndTheDefaultProfileAtTheEncodersFields() {
        StudioProfile d = StudioProfile.defaults();
        StudioProfile whip = with("whip://127.0.0.1:8889/whip/live", "sk_pf_whip_8", "", "");
        PreFlight pf = PreFlight.check(LivePlan.of(whip, NOW), null);
        assertThat(pf.blocked()).isTrue();
        assertThat(pf.errors()).anySatisfy(s -> assertThat(s).startsWith("B-frames:").contains("takes no B-frames"))
                .anySatisfy(s -> assertThat(s).contains("baseline or main")).noneMatch(s -> s.contains("sk_pf_whip_8"));
        StudioProfile fitting = new StudioProfile(1, whip.outputs(), d.sources(),
                new StudioProfile.Encoder("x264", "veryfast", "", "main", "cbr", 2500, 0, 0, 23, 2.0, 0, 128), d.canvas(),
                d.recording(), null);
        assertThat(LivePlan.of(fitting, NOW).problems()).isEmpty();
    }

    @Test
    void encoderProblemsAreNamedAsTheEngineNamesThem() {
        StudioProfile d = StudioProfile.defaults();
        StudioProfile.Encoder e = d.encoder();
        StudioProfile p = new StudioProfile(1, with("rtmp://a.example.com/live", "sk_pf_7", "", "").outputs(), d.sources(),
                new StudioProfile.Encoder("x264", "warp9", "", "", "cbr", 50, 0, 0, 23, 2.0, 2, 128), d.canvas(), d.recording(), null);
        PreFlight pf = PreFlight.check(LivePlan.of(p, NOW), null);
        assertThat(pf.errors()).anySatisfy(s -> assertThat(s).startsWith("Preset: 'warp9' is not a x264 preset"))
                .anySatisfy(s -> assertThat(s).startsWith("Bitrate: 50 kbps is outside 100 to 100000 kbps"));
        assertThat(e).isNotNull();
    }
}
