package io.castline.engine.show;

import io.castline.engine.output.OutputRole;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.source.SourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rules of a show, each broken rule named by its field path as the show file names it. */
class ShowValidatorTest {

    @TempDir Path dir;

    /** Two scenes over a colour, a text, a logo and a camera; a tone and a mic in the mix; one destination. */
    private Show valid() throws IOException {
        Files.write(dir.resolve("logo.png"), new byte[]{1});
        List<SourceConfig> sources = List.of(
                SourceConfig.of("Backdrop", "color", "color", "#101820"),
                SourceConfig.of("Title", "text", "text", "Hello", "size", 48),
                SourceConfig.of("Logo", "image", "path", "logo.png"),
                SourceConfig.of("Cam", "camera", "device", "/dev/video0"),
                SourceConfig.of("Tone", "tone"),
                SourceConfig.of("Mic", "mic"));
        Scene a = new Scene("A", List.of(
                Layer.of("Backdrop", 0, 0, 1920, 1080, Fit.STRETCH),
                Layer.of("Cam", 0, 0, 1920, 1080, Fit.COVER),
                Layer.of("Title", 60, 960, 1100, 80, Fit.CONTAIN).withOpacity(0.5)));
        Scene b = new Scene("B", List.of(
                Layer.of("Backdrop", 0, 0, 1920, 1080, Fit.STRETCH),
                Layer.of("Logo", 1700, 40, 180, 90, Fit.CONTAIN).withCrop(new Crop(1, 2, 3, 4))));
        return new Show(Show.CURRENT_VERSION, new Canvas(1920, 1080, 30), EncoderSettings.defaults(), sources,
                List.of(a, b), "A", List.of(new OutputConfig("primary", "rtmp://a.example/live/KEY", OutputRole.PRIMARY)),
                null);
    }

    private List<String> problems(Show show) {
        return ShowValidator.problems(show, dir).stream().map(SettingsProblem::toString).toList();
    }

    private List<String> fields(Show show) {
        return ShowValidator.problems(show, dir).stream().map(SettingsProblem::field).toList();
    }

    private static Show withLayer(Show show, int scene, int layer, UnaryOperator<Layer> change) {
        List<Scene> scenes = new ArrayList<>(show.scenes());
        List<Layer> layers = new ArrayList<>(scenes.get(scene).layers());
        layers.set(layer, change.apply(layers.get(layer)));
        scenes.set(scene, scenes.get(scene).withLayers(layers));
        return show.withScenes(scenes);
    }

    private static List<OutputConfig> outputs(int n) {
        List<OutputConfig> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(new OutputConfig("out " + i, "rtmp://h" + i + ".example/live/k" + i, OutputRole.EXTRA));
        return list;
    }

    @Test
    void validShowHasNoProblems() throws IOException {
        Show show = valid();
        assertThat(problems(show)).isEmpty();
        assertThat(ShowValidator.pictureProblems(show, dir)).isEmpty();
        assertThat(ShowValidator.validated(show, dir)).isSameAs(show);
        assertThat(ShowValidator.validatedPicture(show, dir)).isSameAs(show);
    }

    @Test
    void aWhipOutputRefusesBFramesAndAProfileOtherThanBaselineOrMainAtTheEncodersFields() throws IOException {
        Show whip = valid().withOutputs(List.of(new OutputConfig("primary", "rtmp://a.example/live/KEY-1", OutputRole.PRIMARY),
                new OutputConfig("web", "whip://127.0.0.1:8889/whip/live?token=SECRET-T0KEN", OutputRole.EXTRA)));
        io.castline.engine.settings.EncoderSettings.Builder b = whip.encoderSettings().toBuilder();
        b.bframes = 2;
        b.profile = "high";
        List<String> refused = problems(whip.withEncoder(b.build()));
        assertThat(refused).containsExactly(
                "encoder.bframes: outputs[1] 'web' is WebRTC (WHIP), which takes no B-frames; set bframes to 0 (or tune zerolatency)",
                "encoder.profile: outputs[1] 'web' is WebRTC (WHIP), which takes the baseline or main H.264 profile; set the "
                        + "profile to baseline or main");
        b.bframes = 0;
        b.profile = "main";
        assertThat(problems(whip.withEncoder(b.build()))).isEmpty();
        b.profile = null;
        assertThat(fields(whip.withEncoder(b.build()))).containsExactly("encoder.profile");
        assertThat(fields(valid().withEncoder(b.build()))).as("without a WHIP output, no such rule").isEmpty();
    }

    @Test
    void recordingAloneIsSomewhereToSendTo() throws IOException {
        Show show = valid().withOutputs(List.of()).withRecording(new RecordingConfig("show.mkv"));
        assertThat(problems(show)).isEmpty();
        assertThat(problems(show.withRecording(null))).containsExactly(
                "outputs: nothing to send to: add a destination or a recording");
    }

    // ---- layers ----

    @Test
    void layerSizeMustBePositive() throws IOException {
        Show show = withLayer(valid(), 1, 0, l -> l.withRect(0, 0, 0, -5));
        assertThat(problems(show)).containsExactly(
                "scenes[1].layers[0].width: must be > 0",
                "scenes[1].layers[0].height: must be > 0");
        assertThat(problems(withLayer(valid(), 0, 2, l -> l.withRect(0, 0, -1, 10))))
                .containsExactly("scenes[0].layers[2].width: must be > 0");
    }

    @Test
    void layerMustNameASource() throws IOException {
        assertThat(problems(withLayer(valid(), 0, 1, l -> l.withSource("Camera 2")))).containsExactly(
                "scenes[0].layers[1].source: no source is called 'Camera 2'");
        assertThat(problems(withLayer(valid(), 0, 1, l -> l.withSource(null)))).containsExactly(
                "scenes[0].layers[1].source: is required (the name of a source)");
        // names are exact
        assertThat(problems(withLayer(valid(), 0, 1, l -> l.withSource("cam")))).containsExactly(
                "scenes[0].layers[1].source: no source is called 'cam'");
    }

    @Test
    void soundOnlySourceIsNoLayer() throws IOException {
        assertThat(problems(withLayer(valid(), 1, 1, l -> l.withSource("Tone")))).containsExactly(
                "scenes[1].layers[1].source: 'Tone' is a tone: it has sound, no picture");
        assertThat(problems(withLayer(valid(), 0, 0, l -> l.withSource("Mic")))).containsExactly(
                "scenes[0].layers[0].source: 'Mic' is a mic: it has sound, no picture");
    }

    @Test
    void mediaWithoutPictureIsNoLayer() throws IOException {
        Files.write(dir.resolve("music.mp3"), new byte[]{1});
        Show show = valid();
        List<SourceConfig> sources = new ArrayList<>(show.sources());
        sources.add(SourceConfig.of("Music", "media", "path", "music.mp3", "video", false));
        show = withLayer(show.withSources(sources), 0, 1, l -> l.withSource("Music"));
        assertThat(problems(show)).containsExactly("scenes[0].layers[1].source: 'Music' is a media: it has sound, no picture");
    }

    @Test
    void layerWhollyOutsideTheCanvasIsNamed() throws IOException {
        String outside = "scenes[1].layers[1].x: the layer lies wholly outside the 1920x1080 canvas";
        assertThat(problems(withLayer(valid(), 1, 1, l -> l.withRect(1920, 0, 100, 100)))).containsExactly(outside);
        assertThat(problems(withLayer(valid(), 1, 1, l -> l.withRect(0, 1080, 100, 100)))).containsExactly(outside);
        assertThat(problems(withLayer(valid(), 1, 1, l -> l.withRect(-100, 0, 100, 100)))).containsExactly(outside);
        assertThat(problems(withLayer(valid(), 1, 1, l -> l.withRect(0, -100, 100, 100)))).containsExactly(outside);
        // partly on the canvas is fine: the rest is not drawn
        assertThat(problems(withLayer(valid(), 1, 1, l -> l.withRect(-99, -99, 100, 100)))).isEmpty();
        assertThat(problems(withLayer(valid(), 1, 1, l -> l.withRect(1919, 1079, 100, 100)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, 2, Double.NaN})
    void opacityIsBetween0And1(double opacity) throws IOException {
        assertThat(problems(withLayer(valid(), 0, 2, l -> l.withOpacity(opacity)))).containsExactly(
                "scenes[0].layers[2].opacity: must be between 0 and 1");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1})
    void opacityBoundsAreAccepted(double opacity) throws IOException {
        assertThat(problems(withLayer(valid(), 0, 2, l -> l.withOpacity(opacity)))).isEmpty();
    }

    @Test
    void negativeCropIsNamedEdgeByEdge() throws IOException {
        assertThat(problems(withLayer(valid(), 1, 1, l -> l.withCrop(new Crop(-1, 0, -2, 5))))).containsExactly(
                "scenes[1].layers[1].crop.left: must be 0 or more",
                "scenes[1].layers[1].crop.right: must be 0 or more");
        assertThat(fields(withLayer(valid(), 1, 1, l -> l.withCrop(new Crop(0, -1, 0, -1))))).containsExactly(
                "scenes[1].layers[1].crop.top", "scenes[1].layers[1].crop.bottom");
    }

    @Test
    void everyLayerProblemIsReportedAtOnce() throws IOException {
        Show show = withLayer(valid(), 0, 2, l -> new Layer("Nope", 0, 0, 0, 10, Fit.CONTAIN, new Crop(0, 0, 0, -1), 3, true, false));
        show = withLayer(show, 1, 0, l -> l.withSource("Tone"));
        assertThat(fields(show)).containsExactly(
                "scenes[0].layers[2].source", "scenes[0].layers[2].width", "scenes[0].layers[2].opacity",
                "scenes[0].layers[2].crop.bottom", "scenes[1].layers[0].source");
    }

    // ---- names ----

    @Test
    void sceneNamesAreUniqueAndRequired() throws IOException {
        Show show = valid();
        assertThat(problems(show.withScenes(List.of(show.scenes().get(0), show.scenes().get(1).withName("A"))))).containsExactly(
                "scenes[1].name: 'A' is the name of another scene");
        assertThat(problems(show.withScenes(List.of(show.scenes().get(0), show.scenes().get(1).withName(" "))))).containsExactly(
                "scenes[1].name: is required");
        assertThat(problems(show.withScenes(List.of()))).containsExactly("scenes: needs at least one scene");
    }

    @Test
    void sourceNamesAreUniqueAndRequired() throws IOException {
        Show show = valid();
        List<SourceConfig> sources = new ArrayList<>(show.sources());
        sources.add(SourceConfig.of("Backdrop", "color", "color", "#000000"));
        sources.add(SourceConfig.of("", "tone"));
        assertThat(problems(show.withSources(sources))).containsExactly(
                "sources[6].name: 'Backdrop' is the name of another source",
                "sources[7].name: is required");
    }

    @Test
    void sourceSettingsAreCheckedAtTheSourcesPath() throws IOException {
        Show show = valid();
        List<SourceConfig> sources = new ArrayList<>(show.sources());
        sources.set(0, SourceConfig.of("Backdrop", "color", "color", "dark blue"));
        sources.set(2, SourceConfig.of("Logo", "image", "path", "missing.png"));
        sources.set(4, SourceConfig.of("Tone", "beep"));
        assertThat(fields(show.withSources(sources))).containsExactly("sources[0].color", "sources[2].path", "sources[4].kind");
    }

    @Test
    void outputNamesAreUniqueIgnoringCaseAndRecordingIsTaken() throws IOException {
        Show show = valid().withOutputs(List.of(
                new OutputConfig("Main", "rtmp://a.example/live/k1", OutputRole.PRIMARY),
                new OutputConfig("main", "rtmp://b.example/live/k2", OutputRole.BACKUP),
                new OutputConfig("Recording", "rtmp://c.example/live/k3", OutputRole.EXTRA),
                new OutputConfig(null, "rtmp://d.example/live/k4", OutputRole.EXTRA)));
        assertThat(problems(show)).containsExactly(
                "outputs[1].name: 'main' is the name of another output",
                "outputs[2].name: 'Recording' is the name of another output",
                "outputs[3].name: is required");
    }

    @Test
    void programMustNameAScene() throws IOException {
        assertThat(problems(valid().withProgram("C"))).containsExactly("program: no scene is called 'C'");
        assertThat(problems(valid().withProgram("a"))).containsExactly("program: no scene is called 'a'");
        assertThat(problems(valid().withProgram(null))).containsExactly(
                "program: is required (the name of the scene on air at the start)");
        assertThat(problems(valid().withProgram("B"))).isEmpty();
    }

    // ---- outputs ----

    @Test
    void atMostEightOutputs() throws IOException {
        assertThat(problems(valid().withOutputs(outputs(8)))).isEmpty();
        assertThat(problems(valid().withOutputs(outputs(9)))).containsExactly("outputs: 9 destinations; at most 8");
    }

    @Test
    void onePrimaryAtMost() throws IOException {
        Show show = valid().withOutputs(List.of(
                new OutputConfig("one", "rtmp://a.example/live/k1", OutputRole.PRIMARY),
                new OutputConfig("two", "rtmp://b.example/live/k2", OutputRole.PRIMARY),
                new OutputConfig("three", "rtmp://c.example/live/k3", OutputRole.BACKUP)));
        assertThat(problems(show)).containsExactly("outputs: 2 outputs have the role primary; one may");
        // none at all is fine (extras only)
        assertThat(problems(valid().withOutputs(outputs(2)))).isEmpty();
    }

    @Test
    void outputNeedsARole() throws IOException {
        assertThat(problems(valid().withOutputs(List.of(new OutputConfig("x", "rtmp://a.example/live/k", null)))))
                .containsExactly("outputs[0].role: is required (primary, backup or extra)");
    }

    @Test
    void badUrlIsNamedAtItsOutputWithoutTheKey() throws IOException {
        Show show = valid().withOutputs(List.of(
                new OutputConfig("primary", "rtmp://a.example/live/KEY-1", OutputRole.PRIMARY),
                new OutputConfig("web", "http://b.example/live/SECRET-KEY", OutputRole.EXTRA),
                new OutputConfig("no key", "rtmp://c.example/live", OutputRole.EXTRA),
                new OutputConfig("empty", " ", OutputRole.EXTRA),
                new OutputConfig("srt", "srt://d.example:9000?streamid=x", OutputRole.EXTRA)));
        assertThat(problems(show)).containsExactly(
                "outputs[1].url: unsupported protocol 'http' (use rtmp://, rtmps://, srt:// or whip://)",
                "outputs[2].url: URL has no stream key (rtmp://host/app/key)",
                "outputs[3].url: is required (rtmp://host/app/key)");
        assertThat(String.join("\n", problems(show))).doesNotContain("SECRET-KEY");
    }

    // ---- recording ----

    @ParameterizedTest
    @ValueSource(strings = {"show.mkv", "show.MP4", "recordings/show.mov", "show.flv", "show.ts"})
    void recordingOfAKnownType(String path) throws IOException {
        assertThat(problems(valid().withRecording(new RecordingConfig(path)))).isEmpty();
    }

    @Test
    void recordingWithAnotherExtensionIsRefused() throws IOException {
        assertThat(problems(valid().withRecording(new RecordingConfig("show.avi")))).containsExactly(
                "recording.path: unsupported file type '.avi' (use .mkv, .mp4, .mov, .flv or .ts)");
        assertThat(problems(valid().withRecording(new RecordingConfig("recordings/show")))).containsExactly(
                "recording.path: needs a file type: .mkv, .mp4, .mov, .flv or .ts");
        assertThat(problems(valid().withRecording(new RecordingConfig("show.mov")))).isEmpty();
        assertThat(problems(valid().withRecording(new RecordingConfig("")))).containsExactly(
                "recording.path: is required (a file: .mkv, .mp4, .mov, .flv or .ts)");
    }

    // ---- canvas, encoder, version ----

    @Test
    void canvasMustBeEvenAndInRange() throws IOException {
        assertThat(problems(valid().withCanvas(new Canvas(1921, 1080, 30)))).containsExactly(
                "canvas.width: 1921 must be even and between 16 and 7680");
        assertThat(problems(valid().withCanvas(new Canvas(1920, 1081, 30)))).containsExactly(
                "canvas.height: 1081 must be even and between 16 and 4320");
        assertThat(fields(valid().withCanvas(new Canvas(8, 5000, 0)))).contains("canvas.width", "canvas.height", "canvas.fps");
        assertThat(problems(valid().withCanvas(new Canvas(1920, 1080, 121)))).containsExactly("canvas.fps: 121 is outside 1 to 120");
        assertThat(problems(valid().withCanvas(null))).containsExactly(
                "canvas: is required ({\"width\": 1920, \"height\": 1080, \"fps\": 30})");
    }

    @Test
    void verticalCanvasIsFine() throws IOException {
        Show show = valid().withCanvas(new Canvas(1080, 1920, 30));
        show = withLayer(withLayer(withLayer(show, 0, 0, l -> l.withRect(0, 0, 1080, 1920)), 0, 1,
                l -> l.withRect(0, 0, 1080, 1920)), 1, 0, l -> l.withRect(0, 0, 1080, 1920));
        show = withLayer(withLayer(show, 0, 2, l -> l.withRect(40, 1700, 1000, 80)), 1, 1, l -> l.withRect(860, 40, 180, 90));
        assertThat(problems(show)).isEmpty();
        assertThat(show.canvas().vertical()).isTrue();
    }

    @Test
    void encoderProblemsAreUnderEncoderWithTheFilesNames() throws IOException {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.preset = "ludicrous";
        b.rateControl = null;
        b.audioBitrateKbps = 8;
        b.gopSeconds = 0;
        Show show = valid().withEncoder(b.build());
        List<String> fields = fields(show);
        assertThat(fields).containsExactly("encoder.preset", "encoder.rate_control", "encoder.gop", "encoder.audio_bitrate");
        assertThat(problems(show).get(0)).startsWith("encoder.preset: 'ludicrous' is not a x264 preset");
    }

    @Test
    void encodersOwnSizeAndRateAreTheCanvassNotReportedTwice() throws IOException {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 1921;
        b.fps = 500;
        assertThat(problems(valid().withEncoder(b.build()))).isEmpty();
        // and the canvas's own problem is reported once, under canvas
        assertThat(fields(valid().withEncoder(b.build()).withCanvas(new Canvas(1921, 1080, 30)))).containsExactly("canvas.width");
        assertThat(problems(valid().withEncoder(null))).containsExactly("encoder: is required");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, -1})
    void versionIsOneThisCastlineReads(int version) throws IOException {
        Show v = valid();
        Show show = new Show(version, v.canvas(), v.encoder(), v.sources(), v.scenes(), v.program(), v.outputs(), v.recording());
        assertThat(problems(show)).containsExactly("version: show version " + version + " is not one this Castline reads (1 to 2)");
    }

    // ---- picture problems ----

    @Test
    void theListsOwnRulesWithoutTheUrls() {
        List<OutputConfig> list = List.of(new OutputConfig("main", "", OutputRole.PRIMARY),
                new OutputConfig("Main", "ftp://x", OutputRole.EXTRA), new OutputConfig("shop", null, OutputRole.PRIMARY));
        assertThat(ShowValidator.outputListProblems(list)).extracting(SettingsProblem::toString).containsExactly(
                "outputs[1].name: 'Main' is the name of another output", "outputs: 2 outputs have the role primary; one may");
        assertThat(ShowValidator.outputListProblems(outputs(9))).extracting(SettingsProblem::field).containsExactly("outputs");
    }

    @Test
    void pictureProblemsIgnoreTheOutputs() throws IOException {
        List<OutputConfig> bad = new ArrayList<>(outputs(9));
        bad.add(new OutputConfig("out 0", "ftp://nowhere", OutputRole.PRIMARY));
        bad.add(new OutputConfig("p2", "rtmp://a.example/live/k", OutputRole.PRIMARY));
        Show show = valid().withOutputs(bad).withRecording(new RecordingConfig("show.avi"));
        assertThat(ShowValidator.pictureProblems(show, dir)).isEmpty();
        assertThat(ShowValidator.validatedPicture(show, dir)).isSameAs(show);
        assertThat(fields(show)).containsExactly("outputs", "outputs[9].name", "outputs[9].url", "outputs",
                "recording.path");
        assertThat(ShowValidator.pictureProblems(valid().withOutputs(List.of()), dir)).as("no outputs yet").isEmpty();
    }

    @Test
    void pictureProblemsStillCheckThePicture() throws IOException {
        Show show = withLayer(valid().withOutputs(List.of()), 0, 0, l -> l.withRect(0, 0, 0, 0));
        assertThat(ShowValidator.pictureProblems(show, dir)).extracting(SettingsProblem::field)
                .containsExactly("scenes[0].layers[0].width", "scenes[0].layers[0].height");
    }

    @Test
    void validatedThrowsEveryProblem() throws IOException {
        Show show = withLayer(valid().withProgram("Z"), 1, 0, l -> l.withRect(0, 0, 0, 10)).withOutputs(outputs(9));
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> ShowValidator.validated(show, dir));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(SettingsProblem::field).containsExactly("scenes[1].layers[0].width", "program", "outputs");
        assertThat(e).hasMessageContaining("scenes[1].layers[0].width: must be > 0").hasMessageContaining("; program: ");
        InvalidSettingsException picture = catchThrowableOfType(InvalidSettingsException.class,
                () -> ShowValidator.validatedPicture(show, dir));
        assertThat(picture.problems()).extracting(SettingsProblem::field).containsExactly("scenes[1].layers[0].width", "program");
    }

    @Test
    void relativePathsAreReadFromTheBaseDirectory() throws IOException {
        Show show = valid();
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        assertThat(ShowValidator.problems(show, elsewhere)).extracting(SettingsProblem::toString)
                .containsExactly("sources[2].path: no such file: " + elsewhere.resolve("logo.png"));
    }
}
