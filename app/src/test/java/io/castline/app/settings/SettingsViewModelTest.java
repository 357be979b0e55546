package io.castline.app.settings;

import io.castline.app.profile.StudioProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsViewModelTest {
    private final SettingsViewModel vm = new SettingsViewModel(StudioProfile.defaults());

    @Test
    void defaultsAreValid() {
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.toProfile().withDefaults()).isEqualTo(StudioProfile.defaults()); // the window's state is not the dialog's
    }

    @Test
    void anInvalidUrlIsShownAtTheServerField() {
        vm.field("primary").valueProperty().set("http://ingest.example.com/live");
        vm.field("primary-key").valueProperty().set("sk_settings_1");
        assertThat(vm.field("primary").error()).startsWith("unsupported protocol 'http'");
        assertThat(vm.field("primary-key").error()).isEmpty();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).isEqualTo("1 setting needs attention: Primary server");

        vm.field("primary").valueProperty().set("rtmp://ingest.example.com/live");
        assertThat(vm.field("primary").error()).isEmpty();
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.toProfile().ingest("primary"))
                .isEqualTo(new StudioProfile.Ingest("rtmp://ingest.example.com/live", "sk_settings_1"));
    }

    @Test
    void aServerWithoutKeyBlamesTheKeyField() {
        vm.field("backup").valueProperty().set("rtmp://ingest.example.com/live");
        assertThat(vm.field("backup-key").error()).contains("stream key is missing");
        assertThat(vm.field("backup").error()).isEmpty();
    }

    @Test
    void aPastedPublishUrlIsSplitSoTheKeyGoesIntoTheMaskedField() {
        vm.field("primary").valueProperty().set("rtmp://a.rtmp.youtube.com/live2/abcd-1234-efgh");
        vm.splitPastedUrl("primary");
        assertThat(vm.field("primary").value()).isEqualTo("rtmp://a.rtmp.youtube.com/live2");
        assertThat(vm.field("primary-key").value()).isEqualTo("abcd-1234-efgh");
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void encoderProblemsComeFromTheEngineAtTheirFields() {
        vm.field("bitrate").valueProperty().set("50");
        assertThat(vm.field("bitrate").error()).isEqualTo("50 kbps is outside 100 to 100000 kbps");
        vm.field("bitrate").valueProperty().set("fast");
        assertThat(vm.field("bitrate").error()).contains("is not a rate");
        vm.field("bitrate").valueProperty().set("6M");
        assertThat(vm.field("bitrate").error()).isEmpty();
        assertThat(vm.toProfile().encoder().bitrateKbps()).isEqualTo(6000);

        vm.field("gop").valueProperty().set("30");
        assertThat(vm.field("gop").error()).contains("outside 0.1 to 20 seconds");
        vm.field("gop").valueProperty().set("2");
        vm.field("profile").valueProperty().set("baseline");
        assertThat(vm.field("bframes").error()).contains("baseline profile allows no B-frames");
        vm.field("bframes").valueProperty().set("0");
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void canvasPresetsFillTheSizeAndCustomSizesAreChecked() {
        vm.canvasPresetProperty().set(CanvasPreset.ALL.get(2));
        assertThat(vm.field("width").value()).isEqualTo("1080");
        assertThat(vm.field("height").value()).isEqualTo("1920");
        vm.canvasPresetProperty().set(CanvasPreset.CUSTOM);
        vm.field("width").valueProperty().set("1279");
        assertThat(vm.field("canvas").error()).contains("width 1279 must be even");
    }

    @Test
    void recordingNeedsAFolderOnlyWhenOn() {
        vm.field("recording").valueProperty().set("");
        assertThat(vm.validProperty().get()).isTrue();
        vm.recordingEnabledProperty().set(true);
        assertThat(vm.field("recording").error()).isEqualTo("choose a folder for the recordings");
    }

    @Test
    void sourcesAreChecked() {
        vm.field("video").valueProperty().set("sine");
        assertThat(vm.field("video").error()).contains("is not a video source");
        vm.field("audio").valueProperty().set("file:/no/such/file.wav");
        assertThat(vm.field("audio").error()).contains("no such file");
    }

    @Test
    void cbrIgnoresMaxrate() {
        vm.field("maxrate").valueProperty().set("9000k");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.toProfile().encoder().maxrateKbps()).isZero();
        vm.field("rate-control").valueProperty().set("VBR");
        assertThat(vm.toProfile().encoder().maxrateKbps()).isEqualTo(9000);
    }
    @Test
    void theCaFileOfAnRtmpsServerIsCheckedAndSavedAndGoesToTheEngine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        vm.field("primary").valueProperty().set("rtmps://ingest.example.com:443/live");
        vm.field("primary-key").valueProperty().set("sk_settings_ca");
        java.nio.file.Path missing = dir.resolve("ca.pem");
        vm.field("primary-ca").valueProperty().set(missing.toString());
        assertThat(vm.field("primary-ca").error()).isEqualTo(missing + " does not exist");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 setting needs attention: Primary CA file");
        assertThat(vm.connectionTest("primary").disabledProperty().get()).as("no test with an unusable CA file").isTrue();

        // any PEM certificate will do for the form: the system's bundle holds many
        java.nio.file.Path bundle = java.nio.file.Path.of("/etc/ssl/certs/ca-certificates.crt");
        java.nio.file.Files.copy(bundle, missing);
        vm.validate(); // as the next edit does
        assertThat(vm.field("primary-ca").error()).isEmpty();
        assertThat(vm.validProperty().get()).isTrue();
        StudioProfile.Ingest saved = vm.toProfile().ingest("primary");
        assertThat(saved).isEqualTo(new StudioProfile.Ingest("rtmps://ingest.example.com:443/live", "sk_settings_ca", missing.toString()));
        assertThat(io.castline.app.engine.LivePlan.destination("primary", saved).trust().caFile()).isEqualTo(missing);

        vm.field("primary").valueProperty().set("rtmp://ingest.example.com/live");
        assertThat(vm.field("primary-ca").error()).isEqualTo("only an rtmps:// or whips:// server has a certificate to trust");
        vm.field("primary-ca").valueProperty().set("");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.toProfile().ingest("primary").caFile()).isEmpty();
    }

    @Test
    void destinationsAreAListTheHostAddsToAndRemovesFrom() {
        assertThat(vm.destinationRows()).containsExactly("primary", "backup");
        vm.field("primary").valueProperty().set("rtmp://a.example.com/live");
        vm.field("primary-key").valueProperty().set("sk_list_1");
        vm.removeDestination("backup");
        String shop = vm.addDestination();
        assertThat(vm.field(shop + "-role").value()).as("the first one added is the backup, when there is none").isEqualTo("backup");
        String market = vm.addDestination();
        assertThat(vm.field(market + "-role").value()).isEqualTo("extra");
        assertThat(vm.field(market + "-name").value()).as("a name of its own").isNotEqualTo(vm.field(shop + "-name").value());
        vm.field(shop + "-name").valueProperty().set("shop");
        vm.field(shop + "-role").valueProperty().set("extra");
        vm.field(shop).valueProperty().set("rtmp://shop.example.com/app/sk_list_2"); // pasted whole: split on leaving the field
        vm.splitPastedUrl(shop);
        vm.field(market + "-name").valueProperty().set("market");
        vm.field(market).valueProperty().set("rtmps://market.example.com/live");
        vm.field(market + "-key").valueProperty().set("sk_list_3");
        assertThat(vm.validProperty().get()).as(vm.summaryProperty().get()).isTrue();

        StudioProfile p = vm.toProfile();
        assertThat(p.outputs()).extracting(StudioProfile.Output::name, StudioProfile.Output::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("primary", "primary"),
                        org.assertj.core.groups.Tuple.tuple("shop", "extra"), org.assertj.core.groups.Tuple.tuple("market", "extra"));
        assertThat(p.ingest("shop")).isEqualTo(new StudioProfile.Ingest("rtmp://shop.example.com/app", "sk_list_2"));
        assertThat(io.castline.app.engine.LivePlan.of(p, java.time.LocalDateTime.now()).config().targets())
                .extracting(t -> t.name(), t -> t.role().id())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("primary", "primary"),
                        org.assertj.core.groups.Tuple.tuple("shop", "extra"), org.assertj.core.groups.Tuple.tuple("market", "extra"));

        // reopened, the same rows (the names that are not version 1's slots get row keys of their own)
        SettingsViewModel again = new SettingsViewModel(p);
        assertThat(again.destinationRows()).hasSize(3).startsWith("primary");
        assertThat(again.field(again.destinationRows().get(2) + "-name").value()).isEqualTo("market");
        assertThat(again.toProfile()).isEqualTo(p);
    }

    @Test
    void theListKeepsTheEnginesRulesForAShowsOutputs() {
        String extra = vm.addDestination();
        vm.field(extra + "-name").valueProperty().set("Primary");
        assertThat(vm.field(extra + "-name").error()).isEqualTo("'Primary' is the name of another output");
        assertThat(vm.summaryProperty().get()).isEqualTo("1 setting needs attention: Primary name");
        vm.field(extra + "-name").valueProperty().set("recording");
        assertThat(vm.field(extra + "-name").error()).as("the recording's name").contains("name of another output");
        vm.field(extra + "-name").valueProperty().set(" ");
        assertThat(vm.field(extra + "-name").error()).isEqualTo("is required");
        vm.field(extra + "-name").valueProperty().set("shop");
        vm.field(extra + "-role").valueProperty().set("primary");
        assertThat(vm.field("outputs").error()).isEqualTo("2 outputs have the role primary; one may");
        assertThat(vm.validProperty().get()).isFalse();
        vm.field(extra + "-role").valueProperty().set("extra");
        assertThat(vm.validProperty().get()).isTrue();

        while (vm.canAddDestinationProperty().get()) vm.addDestination();
        assertThat(vm.destinationRows()).hasSize(StudioProfile.MAX_OUTPUTS);
        org.assertj.core.api.Assertions.assertThatThrownBy(vm::addDestination).isInstanceOf(IllegalStateException.class);
        vm.removeDestination(vm.destinationRows().get(3));
        assertThat(vm.canAddDestinationProperty().get()).isTrue();
        assertThat(vm.validProperty().get()).as(vm.summaryProperty().get()).isTrue();
    }

    @Test
    void hotkeysAreChangedAtTheirFieldsAndAClashStopsSave() {
        String record = SettingsViewModel.hotkeyField(io.castline.app.ui.Hotkey.RECORD);
        String goLive = SettingsViewModel.hotkeyField(io.castline.app.ui.Hotkey.GO_LIVE);
        vm.setHotkey(io.castline.app.ui.Hotkey.RECORD, io.castline.app.ui.Hotkey.GO_LIVE.combination().getName());
        assertThat(vm.field(record).error()).endsWith("is Go Live / End Live's already");
        assertThat(vm.field(goLive).error()).endsWith("is Record's too");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.summaryProperty().get()).contains("Record hotkey").contains("Go Live / End Live hotkey");

        vm.setHotkey(io.castline.app.ui.Hotkey.RECORD, "F9");
        assertThat(vm.field(record).error()).isEmpty();
        assertThat(vm.field(goLive).error()).isEmpty();
        assertThat(vm.hotkeyText(io.castline.app.ui.Hotkey.RECORD)).isEqualTo("F9");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.toProfile().hotkeys()).isEqualTo(java.util.Map.of("record", "F9"));
        // and a dialog opened on that profile shows it
        SettingsViewModel again = new SettingsViewModel(vm.toProfile());
        assertThat(again.hotkeyText(io.castline.app.ui.Hotkey.RECORD)).isEqualTo("F9");

        vm.resetHotkeys();
        assertThat(vm.toProfile().hotkeys()).isEmpty();
    }

    @Test
    void aWrongHotkeyDoesNotHideTheOtherSettingsProblems() {
        vm.setHotkey(io.castline.app.ui.Hotkey.MUTE, "M");
        vm.field("bitrate").valueProperty().set("fast");
        vm.field("crf").valueProperty().set("soft");
        assertThat(vm.field(SettingsViewModel.hotkeyField(io.castline.app.ui.Hotkey.MUTE)).error()).contains("alone would fire");
        assertThat(vm.field("bitrate").error()).contains("is not a rate");
        assertThat(vm.field("crf").error()).contains("is not a whole number");
    }
}
