package io.castline.engine.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EncoderSettingsTest {

    private static EncoderSettings with(Consumer<EncoderSettings.Builder> change) {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        change.accept(b);
        return b.build();
    }

    private static List<String> problemFields(Consumer<EncoderSettings.Builder> change) {
        return with(change).problems().stream().map(SettingsProblem::field).toList();
    }

    @Test
    void defaultsAreValidAndAsDocumented() {
        EncoderSettings d = EncoderSettings.defaults();
        assertThat(d.problems()).isEmpty();
        assertThat(d.validated()).isSameAs(d);
        assertThat(d.codec()).isEqualTo(VideoCodec.X264);
        assertThat(d.preset()).isEqualTo("veryfast");
        assertThat(d.rateControl()).isEqualTo(RateControl.CBR);
        assertThat(d.bitrateKbps()).isEqualTo(2500);
        assertThat(d.gopSeconds()).isEqualTo(2.0);
        assertThat(d.fps()).isEqualTo(30);
        assertThat(d.width()).isEqualTo(1280);
        assertThat(d.height()).isEqualTo(720);
        assertThat(d.audioBitrateKbps()).isEqualTo(128);
    }

    @Test
    void builderRoundTripsEveryField() {
        EncoderSettings d = EncoderSettings.defaults();
        assertThat(d.toBuilder().build()).isEqualTo(d);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 99, 100_001, 1_000_000})
    void bitrateOutOfRangeIsRefused(int kbps) {
        assertThat(problemFields(b -> b.bitrateKbps = kbps)).containsExactly("bitrate");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 2500, 100_000})
    void bitrateBoundsAreAccepted(int kbps) {
        assertThat(problemFields(b -> b.bitrateKbps = kbps)).isEmpty();
    }

    @Test
    void cbrMaxrateDifferentFromBitrateIsRefused() {
        List<SettingsProblem> p = with(b -> { b.bitrateKbps = 2500; b.maxrateKbps = 3000; }).problems();
        assertThat(p).extracting(SettingsProblem::field).containsExactly("maxrate");
        assertThat(p.get(0).message()).contains("CBR");
        // below the bitrate is refused too with CBR
        assertThat(problemFields(b -> { b.bitrateKbps = 2500; b.maxrateKbps = 2000; })).containsExactly("maxrate");
    }

    @Test
    void cbrMaxrateEqualToBitrateOrLeftOutIsAccepted() {
        assertThat(problemFields(b -> { b.bitrateKbps = 2500; b.maxrateKbps = 2500; })).isEmpty();
        assertThat(problemFields(b -> { b.bitrateKbps = 2500; b.maxrateKbps = 0; })).isEmpty();
    }

    @Test
    void vbrMaxrateBelowBitrateIsRefused() {
        List<SettingsProblem> p = with(b -> {
            b.rateControl = RateControl.VBR; b.bitrateKbps = 2500; b.maxrateKbps = 2499;
        }).problems();
        assertThat(p).extracting(SettingsProblem::field).containsExactly("maxrate");
        assertThat(p.get(0).message()).contains("2499").contains("2500");
    }

    @Test
    void vbrMaxrateAtOrAboveBitrateIsAccepted() {
        assertThat(problemFields(b -> { b.rateControl = RateControl.VBR; b.bitrateKbps = 2500; b.maxrateKbps = 2500; }))
                .isEmpty();
        assertThat(problemFields(b -> { b.rateControl = RateControl.VBR; b.bitrateKbps = 2500; b.maxrateKbps = 4000; }))
                .isEmpty();
        assertThat(problemFields(b -> { b.rateControl = RateControl.VBR; b.bitrateKbps = 2500; b.maxrateKbps = 0; }))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 200_001})
    void maxrateOutOfRangeIsRefused(int kbps) {
        assertThat(problemFields(b -> { b.rateControl = RateControl.VBR; b.maxrateKbps = kbps; }))
                .containsExactly("maxrate");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 400_001})
    void bufsizeOutOfRangeIsRefused(int kbits) {
        assertThat(problemFields(b -> b.bufsizeKbits = kbits)).containsExactly("bufsize");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5000, 400_000})
    void bufsizeInRangeIsAccepted(int kbits) {
        assertThat(problemFields(b -> b.bufsizeKbits = kbits)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.09, -1, 20.01, 60, Double.NaN, Double.POSITIVE_INFINITY})
    void gopOutOfRangeIsRefused(double seconds) {
        List<SettingsProblem> p = with(b -> b.gopSeconds = seconds).problems();
        assertThat(p).extracting(SettingsProblem::field).containsExactly("gop");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 1, 2, 20})
    void gopInRangeIsAccepted(double seconds) {
        assertThat(problemFields(b -> b.gopSeconds = seconds)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 17})
    void bframesOutOfRangeIsRefused(int n) {
        assertThat(problemFields(b -> b.bframes = n)).containsExactly("bframes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16})
    void bframesBoundsAreAccepted(int n) {
        assertThat(problemFields(b -> b.bframes = n)).isEmpty();
    }

    @Test
    void baselineProfileWithBframesIsRefused() {
        List<SettingsProblem> p = with(b -> { b.profile = "baseline"; b.bframes = 2; }).problems();
        assertThat(p).extracting(SettingsProblem::field).containsExactly("bframes");
        assertThat(p.get(0).message()).contains("baseline");
        assertThat(problemFields(b -> { b.profile = "baseline"; b.bframes = 0; })).isEmpty();
        assertThat(problemFields(b -> { b.profile = "high"; b.bframes = 3; })).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-30, 0, 121, 240})
    void fpsOutOfRangeIsRefused(int fps) {
        assertThat(problemFields(b -> b.fps = fps)).containsExactly("fps");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 25, 60, 120})
    void fpsInRangeIsAccepted(int fps) {
        assertThat(problemFields(b -> b.fps = fps)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1281,720", "1280,721", "1281,721", "14,720", "7682,720", "1280,14", "1280,4322", "0,0"})
    void oddOrOutOfRangeCanvasIsRefused(int width, int height) {
        List<SettingsProblem> p = with(b -> { b.width = width; b.height = height; }).problems();
        assertThat(p).isNotEmpty();
        assertThat(p).extracting(SettingsProblem::field).containsOnly("canvas");
    }

    @Test
    void canvasProblemSaysWhichDimension() {
        List<SettingsProblem> w = with(b -> b.width = 1281).problems();
        assertThat(w).singleElement().satisfies(p -> assertThat(p.message()).contains("width").contains("1281"));
        List<SettingsProblem> h = with(b -> b.height = 721).problems();
        assertThat(h).singleElement().satisfies(p -> assertThat(p.message()).contains("height").contains("721"));
        assertThat(with(b -> { b.width = 1281; b.height = 721; }).problems()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"16,16", "7680,4320", "1920,1080", "854,480"})
    void evenCanvasInRangeIsAccepted(int width, int height) {
        assertThat(problemFields(b -> { b.width = width; b.height = height; })).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 513})
    void audioBitrateOutOfRangeIsRefused(int kbps) {
        assertThat(problemFields(b -> b.audioBitrateKbps = kbps)).containsExactly("audio-bitrate");
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 512})
    void audioBitrateBoundsAreAccepted(int kbps) {
        assertThat(problemFields(b -> b.audioBitrateKbps = kbps)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 52})
    void crfOutOfRangeIsRefused(int crf) {
        assertThat(problemFields(b -> b.crf = crf)).containsExactly("crf");
    }

    @ParameterizedTest
    @CsvSource({"X264, superslow", "X265, superslow", "X264, fastest", "X265, ''"})
    void unknownPresetIsRefusedForSoftwareEncoders(VideoCodec codec, String preset) {
        List<SettingsProblem> p = with(b -> { b.codec = codec; b.preset = preset; }).problems();
        assertThat(p).extracting(SettingsProblem::field).containsExactly("preset");
        assertThat(p.get(0).message()).contains(codec.id()).contains("veryfast");
    }

    @Test
    void missingPresetIsRefusedForSoftwareEncoders() {
        assertThat(problemFields(b -> b.preset = null)).containsExactly("preset");
    }

    @Test
    void everyX26xPresetIsAccepted() {
        for (String preset : List.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow",
                "slower", "veryslow", "placebo")) {
            assertThat(problemFields(b -> { b.codec = VideoCodec.X264; b.preset = preset; })).as(preset).isEmpty();
            assertThat(problemFields(b -> { b.codec = VideoCodec.X265; b.preset = preset; })).as(preset).isEmpty();
        }
    }

    @Test
    void hardwareEncodersSkipThePresetCheck() {
        assertThat(problemFields(b -> { b.codec = VideoCodec.NVENC_H264; b.preset = "p4"; })).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"X264, fastestdecode", "X264, lowlatency", "X265, film", "X265, stillimage"})
    void unknownTuneIsRefused(VideoCodec codec, String tune) {
        List<SettingsProblem> p = with(b -> { b.codec = codec; b.tune = tune; }).problems();
        assertThat(p).extracting(SettingsProblem::field).containsExactly("tune");
        assertThat(p.get(0).message()).contains(tune).contains(codec.id());
    }

    @ParameterizedTest
    @CsvSource({"X264, zerolatency", "X264, film", "X265, zerolatency", "X265, grain"})
    void knownTuneIsAccepted(VideoCodec codec, String tune) {
        assertThat(problemFields(b -> { b.codec = codec; b.tune = tune; })).isEmpty();
    }

    @Test
    void tuneZerolatencyMeansNoBFramesWhateverBframesSays() {
        assertThat(with(b -> { b.tune = "zerolatency"; b.bframes = 2; }).effectiveBframes()).isZero();
        assertThat(with(b -> { b.tune = "fastdecode,zerolatency"; b.bframes = 3; }).effectiveBframes()).isZero();
        assertThat(with(b -> { b.tune = "film"; b.bframes = 3; }).effectiveBframes()).isEqualTo(3);
        assertThat(with(b -> { b.tune = null; b.bframes = 2; }).effectiveBframes()).isEqualTo(2);
        // so the baseline profile (no B-frames) is fine with zerolatency as it is
        assertThat(problemFields(b -> { b.tune = "zerolatency"; b.profile = "baseline"; b.bframes = 2; })).isEmpty();
        var x265 = with(b -> { b.codec = VideoCodec.X265; b.tune = "zerolatency"; b.bframes = 4; });
        assertThat(io.castline.engine.encode.VideoEncoder.codecOptions(VideoCodec.X265, x265).get("x265-params"))
                .contains(":bframes=0:");
    }

    @ParameterizedTest
    @CsvSource({"X264, main10", "X264, high10", "X265, high", "X265, baseline", "X265, main12"})
    void unknownProfileIsRefused(VideoCodec codec, String profile) {
        List<SettingsProblem> p = with(b -> { b.codec = codec; b.profile = profile; b.bframes = 0; }).problems();
        assertThat(p).extracting(SettingsProblem::field).containsExactly("profile");
        assertThat(p.get(0).message()).contains(profile).contains(codec.family().name());
    }

    @ParameterizedTest
    @CsvSource({"X264, baseline", "X264, main", "X264, high", "X265, main", "X265, main10"})
    void knownProfileIsAccepted(VideoCodec codec, String profile) {
        assertThat(problemFields(b -> { b.codec = codec; b.profile = profile; b.bframes = 0; })).isEmpty();
    }

    @Test
    void missingCodecOrRateControlIsRefused() {
        assertThat(problemFields(b -> b.codec = null)).containsExactly("codec");
        assertThat(problemFields(b -> b.rateControl = null)).containsExactly("rate-control");
    }

    @Test
    void validatedThrowsListingEveryProblem() {
        EncoderSettings bad = with(b -> {
            b.bitrateKbps = 50;
            b.fps = 0;
            b.width = 1281;
            b.gopSeconds = 0;
            b.audioBitrateKbps = 8;
            b.preset = "nope";
        });
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, bad::validated);
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(SettingsProblem::field)
                .containsExactlyInAnyOrder("preset", "bitrate", "gop", "fps", "canvas", "audio-bitrate");
        assertThat(e.problems()).isEqualTo(bad.problems());
        assertThat(e.getMessage()).contains("bitrate: 50 kbps").contains("fps: 0").contains("preset: 'nope'")
                .contains("; ");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidSettingsExceptionSingleFieldConstructor() {
        InvalidSettingsException e = new InvalidSettingsException("bitrate", "is bad");
        assertThat(e.problems()).containsExactly(new SettingsProblem("bitrate", "is bad"));
        assertThat(e.getMessage()).isEqualTo("bitrate: is bad");
    }

    @ParameterizedTest
    @CsvSource({"2.0, 30, 60", "2.0, 60, 120", "0.5, 25, 13", "2.5, 30, 75", "1.0, 1, 1", "0.1, 1, 1",
            "0.1, 30, 3", "20, 120, 2400", "1.49, 10, 15"})
    void gopFramesIsRoundedGopTimesFps(double gop, int fps, int frames) {
        assertThat(with(b -> { b.gopSeconds = gop; b.fps = fps; }).gopFrames()).isEqualTo(frames);
    }

    @Test
    void effectiveMaxrateWithCbrIsAlwaysTheBitrate() {
        assertThat(with(b -> { b.bitrateKbps = 3000; b.maxrateKbps = 0; }).effectiveMaxrateKbps()).isEqualTo(3000);
        assertThat(with(b -> { b.bitrateKbps = 3000; b.maxrateKbps = 6000; }).effectiveMaxrateKbps()).isEqualTo(3000);
    }

    @Test
    void effectiveMaxrateWithVbrOrCrfIsMaxrateOrElseBitrate() {
        for (RateControl rc : List.of(RateControl.VBR, RateControl.CRF)) {
            assertThat(with(b -> { b.rateControl = rc; b.bitrateKbps = 3000; b.maxrateKbps = 0; })
                    .effectiveMaxrateKbps()).as(rc.name()).isEqualTo(3000);
            assertThat(with(b -> { b.rateControl = rc; b.bitrateKbps = 3000; b.maxrateKbps = 4500; })
                    .effectiveMaxrateKbps()).as(rc.name()).isEqualTo(4500);
        }
    }

    @Test
    void effectiveBufsizeIsBufsizeOrElseOneSecondOfMaxrate() {
        assertThat(with(b -> { b.bitrateKbps = 3000; b.bufsizeKbits = 0; }).effectiveBufsizeKbits()).isEqualTo(3000);
        assertThat(with(b -> { b.bitrateKbps = 3000; b.bufsizeKbits = 1500; }).effectiveBufsizeKbits()).isEqualTo(1500);
        assertThat(with(b -> {
            b.rateControl = RateControl.VBR; b.bitrateKbps = 3000; b.maxrateKbps = 4500; b.bufsizeKbits = 0;
        }).effectiveBufsizeKbits()).isEqualTo(4500);
        assertThat(with(b -> {
            b.rateControl = RateControl.VBR; b.bitrateKbps = 3000; b.maxrateKbps = 4500; b.bufsizeKbits = 9000;
        }).effectiveBufsizeKbits()).isEqualTo(9000);
    }

    @ParameterizedTest
    @CsvSource({"x264, X264", "libx264, X264", "h264, X264", "H264, X264", "avc, X264", "' X264 ', X264",
            "x265, X265", "libx265, X265", "hevc, X265", "HEVC, X265", "h265, X265",
            "nvenc, NVENC_H264", "h264_nvenc, NVENC_H264", "nvenc-hevc, NVENC_HEVC", "hevc_nvenc, NVENC_HEVC",
            "qsv, QSV_H264", "hevc_qsv, QSV_HEVC", "amf, AMF_H264", "h264_videotoolbox, VIDEOTOOLBOX_H264",
            "videotoolbox-hevc, VIDEOTOOLBOX_HEVC"})
    void videoCodecByNameAcceptsIdsEncoderNamesAndFamilies(String name, VideoCodec expected) {
        assertThat(VideoCodec.byName(name)).contains(expected);
    }

    @Test
    void videoCodecByNameRefusesUnknownNames() {
        assertThat(VideoCodec.byName(null)).isEmpty();
        assertThat(VideoCodec.byName("")).isEmpty();
        assertThat(VideoCodec.byName("vp9")).isEmpty();
        assertThat(VideoCodec.byName("av1")).isEmpty();
        assertThat(VideoCodec.byName("x26")).isEmpty();
    }

    @Test
    void videoCodecMetadata() {
        assertThat(VideoCodec.X264.encoderName()).isEqualTo("libx264");
        assertThat(VideoCodec.X265.family()).isEqualTo(VideoCodec.Family.HEVC);
        assertThat(VideoCodec.X264.hardware()).isFalse();
        assertThat(VideoCodec.NVENC_H264.hardware()).isTrue();
        assertThat(VideoCodec.NVENC_H264.presets()).isEmpty();
        assertThat(VideoCodec.X265.presets()).contains("ultrafast", "veryfast", "placebo").hasSize(10);
        assertThat(VideoCodec.X264.profiles()).containsExactlyInAnyOrder("baseline", "main", "high");
        assertThat(VideoCodec.X265.profiles()).containsExactlyInAnyOrder("main", "main10");
    }

    @Test
    void problemToStringNamesTheField() {
        assertThat(new SettingsProblem("fps", "is bad").toString()).isEqualTo("fps: is bad");
        assertThatThrownBy(() -> with(b -> b.fps = 0).validated())
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("fps: ");
    }
}
