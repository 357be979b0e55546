package io.castline.engine.show;

import io.castline.engine.output.OutputRole;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.RateControl;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.settings.VideoCodec;
import io.castline.engine.source.SourceConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The show file: reading (shape, then rules), writing whole or not at all, and migrating version 1 files. */
class ShowFileTest {

    /** A copy of /work/shared/examples/show-flash-sale.json, the show the shows issue describes. */
    static final String FLASH_SALE = """
            {
              "version": 2,
              "canvas": {"width": 1920, "height": 1080, "fps": 30},
              "encoder": {"codec": "x264", "preset": "veryfast", "tune": "zerolatency", "rate_control": "cbr",
                          "bitrate": "5000k", "bufsize": "5000k", "gop": 2, "audio_bitrate": "128k"},
              "sources": [
                {"name": "Host camera", "kind": "camera", "device": "/dev/video0"},
                {"name": "Product close-up", "kind": "camera", "device": "/dev/video2"},
                {"name": "Shop page", "kind": "screen", "display": ":0", "region": [0, 0, 1280, 800]},
                {"name": "Logo", "kind": "image", "path": "branding/logo.png"},
                {"name": "Backdrop", "kind": "color", "color": "#101820"},
                {"name": "Headline", "kind": "text", "text": "Flash sale — today only", "font": "DejaVu Sans",
                 "size": 48, "color": "#FFFFFF"},
                {"name": "Teaser", "kind": "media", "path": "clips/teaser.mp4", "loop": true}
              ],
              "scenes": [
                {"name": "Host", "layers": [
                  {"source": "Host camera", "x": 0, "y": 0, "width": 1920, "height": 1080, "fit": "cover"},
                  {"source": "Logo", "x": 1700, "y": 40, "width": 180, "height": 90, "fit": "contain", "opacity": 0.9}]},
                {"name": "Host + product", "layers": [
                  {"source": "Host camera", "x": 0, "y": 0, "width": 1920, "height": 1080, "fit": "cover"},
                  {"source": "Product close-up", "x": 1240, "y": 560, "width": 640, "height": 480, "fit": "cover",
                   "crop": {"left": 80, "top": 0, "right": 80, "bottom": 0}},
                  {"source": "Headline", "x": 60, "y": 960, "width": 1100, "height": 80}]},
                {"name": "Shop page", "layers": [
                  {"source": "Backdrop", "x": 0, "y": 0, "width": 1920, "height": 1080},
                  {"source": "Shop page", "x": 160, "y": 90, "width": 1600, "height": 900, "fit": "contain"},
                  {"source": "Host camera", "x": 1500, "y": 700, "width": 400, "height": 360, "fit": "cover"}]},
                {"name": "Back in a moment", "layers": [
                  {"source": "Teaser", "x": 0, "y": 0, "width": 1920, "height": 1080, "fit": "cover"},
                  {"source": "Headline", "x": 60, "y": 960, "width": 1100, "height": 80, "visible": false}]}
              ],
              "program": "Host",
              "outputs": [
                {"name": "primary", "url": "rtmp://a.example/live/KEY-PRIMARY", "role": "primary"},
                {"name": "backup", "url": "rtmp://b.example/live/KEY-BACKUP", "role": "backup"},
                {"name": "second platform", "url": "rtmps://c.example:443/app/KEY-OTHER", "role": "extra"}
              ],
              "recording": {"path": "recordings/flash-sale.mkv"}
            }
            """;

    @TempDir Path dir;

    private Path file(String name, String json) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private Path flashSale() throws IOException {
        return file("show-flash-sale.json", FLASH_SALE);
    }

    /** The files the example show names, beside it. */
    private void writeItsFiles() throws IOException {
        Files.createDirectories(dir.resolve("branding"));
        BufferedImage logo = new BufferedImage(180, 90, BufferedImage.TYPE_INT_ARGB);
        logo.setRGB(10, 10, 0xffff0000);
        assertThat(ImageIO.write(logo, "png", dir.resolve("branding/logo.png").toFile())).isTrue();
        Files.createDirectories(dir.resolve("clips"));
        Files.write(dir.resolve("clips/teaser.mp4"), new byte[]{0, 0, 0, 0x18});
    }

    private static List<SettingsProblem> refused(Path f) {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> ShowFile.parse(f));
        assertThat(e).as("parsing %s should be refused", f).isNotNull();
        return e.problems();
    }

    private static Layer layer(Show show, int scene, int layer) {
        return show.scenes().get(scene).layers().get(layer);
    }

    // ---- the example ----

    @Test
    void embeddedExampleIsTheSharedOne() throws IOException {
        Path shared = Path.of("/work/shared/examples/show-flash-sale.json");
        Assumptions.assumeTrue(Files.isRegularFile(shared), "the shared examples are not on this machine");
        assertThat(ShowFile.parse(shared)).isEqualTo(ShowFile.parse(flashSale()));
    }

    @Test
    void exampleParsesIntoItsCanvasAndEncoder() throws IOException {
        Show show = ShowFile.parse(flashSale());
        assertThat(show.version()).isEqualTo(2);
        assertThat(show.canvas()).isEqualTo(new Canvas(1920, 1080, 30));
        EncoderSettings e = show.encoderSettings();
        assertThat(e.codec()).isEqualTo(VideoCodec.X264);
        assertThat(e.preset()).isEqualTo("veryfast");
        assertThat(e.tune()).isEqualTo("zerolatency");
        assertThat(e.rateControl()).isEqualTo(RateControl.CBR);
        assertThat(e.bitrateKbps()).isEqualTo(5000);
        assertThat(e.bufsizeKbits()).isEqualTo(5000);
        assertThat(e.gopSeconds()).isEqualTo(2.0);
        assertThat(e.audioBitrateKbps()).isEqualTo(128);
        assertThat(e.width()).isEqualTo(1920);
        assertThat(e.height()).isEqualTo(1080);
        assertThat(e.fps()).isEqualTo(30);
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void exampleParsesIntoItsSources() throws IOException {
        Show show = ShowFile.parse(flashSale());
        assertThat(show.sources()).extracting(SourceConfig::name).containsExactly(
                "Host camera", "Product close-up", "Shop page", "Logo", "Backdrop", "Headline", "Teaser");
        assertThat(show.sources()).extracting(SourceConfig::kind).containsExactly(
                "camera", "camera", "screen", "image", "color", "text", "media");
        assertThat(show.source("Host camera").orElseThrow().settings()).isEqualTo(Map.of("device", "/dev/video0"));
        SourceConfig shop = show.source("Shop page").orElseThrow();
        assertThat(shop.string("display", null)).isEqualTo(":0");
        assertThat(shop.integers("region")).containsExactly(0, 0, 1280, 800);
        assertThat(show.source("Logo").orElseThrow().string("path", null)).isEqualTo("branding/logo.png");
        assertThat(show.source("Backdrop").orElseThrow().string("color", null)).isEqualTo("#101820");
        SourceConfig headline = show.source("Headline").orElseThrow();
        assertThat(headline.string("text", null)).isEqualTo("Flash sale — today only");
        assertThat(headline.string("font", null)).isEqualTo("DejaVu Sans");
        assertThat(headline.settings().get("size")).isEqualTo(48);
        assertThat(headline.string("color", null)).isEqualTo("#FFFFFF");
        SourceConfig teaser = show.source("Teaser").orElseThrow();
        assertThat(teaser.string("path", null)).isEqualTo("clips/teaser.mp4");
        assertThat(teaser.flag("loop", false)).isTrue();
        // name and kind are not settings
        assertThat(show.sources()).allSatisfy(s -> assertThat(s.settings()).doesNotContainKeys("name", "kind"));
    }

    @Test
    void exampleParsesIntoItsScenesAndLayers() throws IOException {
        Show show = ShowFile.parse(flashSale());
        assertThat(show.scenes()).extracting(Scene::name).containsExactly("Host", "Host + product", "Shop page", "Back in a moment");
        assertThat(show.scenes()).extracting(s -> s.layers().size()).containsExactly(2, 3, 3, 2);
        assertThat(show.program()).isEqualTo("Host");
        assertThat(show.sceneIndex("Shop page")).isEqualTo(2);

        assertThat(layer(show, 0, 0)).isEqualTo(Layer.of("Host camera", 0, 0, 1920, 1080, Fit.COVER));
        assertThat(layer(show, 0, 1)).isEqualTo(Layer.of("Logo", 1700, 40, 180, 90, Fit.CONTAIN).withOpacity(0.9));
        assertThat(layer(show, 1, 1)).isEqualTo(Layer.of("Product close-up", 1240, 560, 640, 480, Fit.COVER)
                .withCrop(new Crop(80, 0, 80, 0)));
        // fit left out: contain
        assertThat(layer(show, 1, 2)).isEqualTo(Layer.of("Headline", 60, 960, 1100, 80, Fit.CONTAIN));
        assertThat(layer(show, 2, 0)).isEqualTo(Layer.of("Backdrop", 0, 0, 1920, 1080, Fit.CONTAIN));
        assertThat(layer(show, 2, 1).source()).isEqualTo("Shop page");
        assertThat(layer(show, 2, 2)).isEqualTo(Layer.of("Host camera", 1500, 700, 400, 360, Fit.COVER));
        assertThat(layer(show, 3, 0).fit()).isEqualTo(Fit.COVER);
        assertThat(layer(show, 3, 1).visible()).isFalse();
        assertThat(layer(show, 3, 1)).isEqualTo(Layer.of("Headline", 60, 960, 1100, 80, Fit.CONTAIN).withVisible(false));
        // every other layer is visible, unlocked, uncropped and opaque unless it says so
        assertThat(show.scenes().stream().flatMap(s -> s.layers().stream()).filter(Layer::visible)).hasSize(9);
        assertThat(show.scenes().stream().flatMap(s -> s.layers().stream())).noneMatch(Layer::locked);
        assertThat(show.scenes().stream().flatMap(s -> s.layers().stream()).filter(l -> !l.crop().isNone())).hasSize(1);
        assertThat(show.scenes().stream().flatMap(s -> s.layers().stream()).filter(l -> l.opacity() != 1.0)).hasSize(1);
    }

    @Test
    void exampleParsesIntoItsOutputsAndRecording() throws IOException {
        Show show = ShowFile.parse(flashSale());
        assertThat(show.outputs()).containsExactly(
                new OutputConfig("primary", "rtmp://a.example/live/KEY-PRIMARY", OutputRole.PRIMARY),
                new OutputConfig("backup", "rtmp://b.example/live/KEY-BACKUP", OutputRole.BACKUP),
                new OutputConfig("second platform", "rtmps://c.example:443/app/KEY-OTHER", OutputRole.EXTRA));
        assertThat(show.recording()).isEqualTo(new RecordingConfig("recordings/flash-sale.mkv"));
    }

    @Test
    void readingTheExampleNamesTheFilesItLacks() throws IOException {
        Path f = flashSale();
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> ShowFile.read(f));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(SettingsProblem::toString).containsExactly(
                "sources[3].path: no such file: " + dir.resolve("branding/logo.png"),
                "sources[6].path: no such file: " + dir.resolve("clips/teaser.mp4"));
    }

    @Test
    void readingTheExampleWithItsFilesGivesTheShow() throws IOException {
        Path f = flashSale();
        writeItsFiles();
        Show show = ShowFile.read(f);
        assertThat(show).isEqualTo(ShowFile.parse(f));
        assertThat(ShowValidator.problems(show, dir)).isEmpty();
    }

    @Test
    void relativePathsAreReadFromTheShowsFolderNotTheWorkingDirectory() throws IOException {
        writeItsFiles();
        Path f = flashSale();
        assertThat(ShowFile.baseDirectory(f)).isEqualTo(dir.toAbsolutePath());
        assertThat(ShowFile.baseDirectory(Path.of("show.json"))).isEqualTo(Path.of("").toAbsolutePath());
        // the same show in another folder lacks its files
        Path moved = file("elsewhere/show.json", FLASH_SALE);
        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> ShowFile.read(moved)).problems())
                .extracting(SettingsProblem::field).containsExactly("sources[3].path", "sources[6].path");
    }

    // ---- writing ----

    @Test
    void writeThenParseGivesAnEqualShow() throws IOException {
        Show show = ShowFile.parse(flashSale());
        Path out = dir.resolve("saved/show.json");
        ShowFile.write(show, out);
        assertThat(ShowFile.parse(out)).isEqualTo(show);
        // and writing what was read gives the same text
        assertThat(ShowFile.toJsonText(ShowFile.parse(out))).isEqualTo(ShowFile.toJsonText(show));
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() throws IOException {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.codec = VideoCodec.byName("x265").orElseThrow();
        b.preset = "medium";
        b.tune = null;
        b.profile = "main";
        b.rateControl = RateControl.CRF;
        b.crf = 20;
        b.maxrateKbps = 8000;
        b.bufsizeKbits = 12000;
        b.gopSeconds = 1.5;
        b.bframes = 3;
        b.audioBitrateKbps = 192;
        Show show = new Show(2, new Canvas(1080, 1920, 60), b.build(),
                List.of(SourceConfig.of("Shop", "screen", "region", List.of(0, 0, 640, 480), "cursor", false),
                        SourceConfig.of("Tone", "tone", "frequency", 440.5),
                        SourceConfig.of("Bars", "testsrc")),
                List.of(new Scene("Vertical", List.of(
                                new Layer("Shop", -10, 20, 1100, 800, Fit.STRETCH, new Crop(1, 2, 3, 4), 0.25, false, true),
                                Layer.of("Bars", 0, 0, 1080, 1920, Fit.COVER))),
                        new Scene("Empty", List.of())),
                "Empty",
                List.of(new OutputConfig("a", "rtmps://a.example/live/k", OutputRole.BACKUP, "certs/ca.pem", "AB:CD"),
                        new OutputConfig("b", "srt://b.example:9000?streamid=k", OutputRole.EXTRA)),
                null);
        Path out = dir.resolve("all.json");
        ShowFile.write(show, out);
        Show back = ShowFile.parse(out);
        assertThat(back.scenes()).isEqualTo(show.scenes());
        assertThat(back.sources()).isEqualTo(show.sources());
        assertThat(back.outputs()).isEqualTo(show.outputs());
        assertThat(back.recording()).isNull();
        assertThat(back.program()).isEqualTo("Empty");
        assertThat(back.canvas()).isEqualTo(show.canvas());
        assertThat(back.encoderSettings()).isEqualTo(show.encoderSettings());
    }

    @Test
    void writeLeavesDefaultsOut() throws IOException {
        String text = ShowFile.toJsonText(ShowFile.parse(flashSale()));
        assertThat(text).doesNotContain("\"locked\"");
        assertThat(text.split("\"opacity\"", -1)).hasSize(2);
        assertThat(text.split("\"visible\"", -1)).hasSize(2);
        assertThat(text.split("\"crop\"", -1)).hasSize(2);
        assertThat(text).doesNotContain("\"ca\"").doesNotContain("\"fingerprint\"");
    }

    @Test
    void writeReplacesAnExistingFileWhole() throws IOException {
        Path out = dir.resolve("show.json");
        Show first = ShowFile.parse(flashSale());
        ShowFile.write(first, out);
        Show second = first.withProgram("Shop page").withRecording(null);
        ShowFile.write(second, out);
        assertThat(ShowFile.parse(out)).isEqualTo(second);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left")
                    .containsExactlyInAnyOrder("show.json", "show-flash-sale.json");
        }
    }

    @Test
    void writeMovesANewFileOverTheOldOneInsteadOfRewritingIt() throws IOException {
        Path out = dir.resolve("show.json");
        Show first = ShowFile.parse(flashSale());
        ShowFile.write(first, out);
        byte[] before = Files.readAllBytes(out);
        try (FileChannel old = FileChannel.open(out, StandardOpenOption.READ)) {
            ShowFile.write(first.withProgram("Shop page"), out);
            // whoever has the old file open still reads it whole: nothing was written into it, the new file was
            // written beside it and moved over its name (a reader never sees half a show)
            ByteBuffer bytes = ByteBuffer.allocate(before.length + 4096);
            while (old.read(bytes, bytes.position()) > 0) { }
            assertThat(Arrays.copyOf(bytes.array(), bytes.position())).isEqualTo(before);
        }
        assertThat(ShowFile.parse(out).program()).isEqualTo("Shop page");
    }

    @Test
    void failedWriteLeavesTheOldFileAsItWas() throws IOException {
        Path out = dir.resolve("show.json");
        Show show = ShowFile.parse(flashSale());
        ShowFile.write(show, out);
        byte[] before = Files.readAllBytes(out);
        // a setting that is not plain data cannot be written: the show is refused half-way through
        Show unwritable = show.withSources(List.of(new SourceConfig("odd", "color", Map.of("color", new Object()))));
        assertThatThrownBy(() -> ShowFile.write(unwritable, out)).isInstanceOf(RuntimeException.class);
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
        assertThat(ShowFile.parse(out)).isEqualTo(show);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left")
                    .containsExactlyInAnyOrder("show.json", "show-flash-sale.json");
        }
    }

    @Test
    void writingOverAFolderFailsAndLeavesItAlone() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("show.json"));
        Files.writeString(folder.resolve("keep.txt"), "mine");
        Show show = ShowFile.parse(flashSale());
        assertThatThrownBy(() -> ShowFile.write(show, folder)).isInstanceOf(IOException.class);
        assertThat(folder).isDirectory();
        assertThat(folder.resolve("keep.txt")).hasContent("mine");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file is left")
                    .containsExactlyInAnyOrder("show.json", "show-flash-sale.json");
        }
    }

    @Test
    void writingOverAnEmptyFolderFailsToo() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("empty.json"));
        assertThatThrownBy(() -> ShowFile.write(ShowFile.parse(flashSale()), folder)).isInstanceOf(IOException.class);
        assertThat(folder).isEmptyDirectory();
    }

    // ---- shape problems ----

    @Test
    void everyShapeProblemIsReportedAtOnceWithItsPath() throws IOException {
        Path f = file("broken.json", """
                {
                  "version": 2,
                  "canvas": {"width": 1920, "height": 1080, "fps": "30"},
                  "encoder": {"codec": "x264", "bitrate": "fast", "gop": "2"},
                  "sources": [
                    {"name": "Cam", "kind": "camera", "device": "/dev/video0"},
                    {"name": "Logo", "kind": "image", "path": {"file": "logo.png"}},
                    "Backdrop"
                  ],
                  "scenes": [
                    {"name": "Host", "layers": [
                      {"source": "Cam", "x": 0, "y": 0, "width": 1920, "height": 1080, "fit": "fill"},
                      {"source": "Logo", "x": 1700, "y": 40.5, "width": 180, "height": 90, "colour": "#fff",
                       "crop": {"left": -1, "top": "0", "middle": 3}}]},
                    {"name": "Two", "transition": "cut", "layers": [
                      {"source": "Cam", "width": "wide", "opacity": "half", "visible": "no", "locked": 1}]}
                  ],
                  "program": 1,
                  "outputs": [
                    {"name": "primary", "url": "rtmp://a.example/live/KEY", "role": "main"},
                    {"name": "backup", "url": 5, "key": "x"},
                    "rtmp://c.example/live/k"
                  ],
                  "recording": "show.mkv",
                  "programme": "Host"
                }
                """);
        List<SettingsProblem> problems = refused(f);
        assertThat(problems).extracting(SettingsProblem::field).containsExactlyInAnyOrder(
                "programme",
                "canvas.fps",
                "encoder.bitrate",
                "encoder.gop",
                "sources[1].path",
                "sources[2]",
                "scenes[0].layers[0].fit",
                "scenes[0].layers[1].colour",
                "scenes[0].layers[1].y",
                "scenes[0].layers[1].crop.middle",
                "scenes[0].layers[1].crop.top",
                "scenes[1].transition",
                "scenes[1].layers[0].width",
                "scenes[1].layers[0].opacity",
                "scenes[1].layers[0].visible",
                "scenes[1].layers[0].locked",
                "program",
                "outputs[0].role",
                "outputs[1].key",
                "outputs[1].url",
                "outputs[2]",
                "recording");
        assertThat(problems).extracting(SettingsProblem::toString).contains(
                "scenes[1].layers[0].width: expected a whole number, found text \"wide\"",
                "scenes[0].layers[1].y: expected a whole number, found the number 40.5",
                "scenes[0].layers[0].fit: 'fill' is not contain, cover or stretch",
                "outputs[0].role: 'main' is not primary, backup or extra",
                "canvas.fps: expected a whole number, found text \"30\"",
                "scenes[1].layers[0].visible: expected true or false, found text \"no\"",
                "program: expected text, found the number 1",
                "sources[2]: must be an object {\"name\": …, \"kind\": …}",
                "recording: must be an object {\"path\": \"show.mkv\"}");
        assertThat(problems).filteredOn(p -> p.field().equals("scenes[0].layers[1].colour")).singleElement()
                .extracting(SettingsProblem::message).asString()
                .startsWith("unknown field").contains("crop, fit, height, locked, opacity, source, visible, width, x, y");
        // a negative crop is a rule, not a shape: the validator names it
        assertThat(problems).extracting(SettingsProblem::field).doesNotContain("scenes[0].layers[1].crop.left");
    }

    @Test
    void oneWrongThingIsOneProblem() throws IOException {
        String json = FLASH_SALE.replace("\"width\": 640, \"height\": 480", "\"width\": \"640\", \"height\": 480");
        assertThat(refused(file("one.json", json))).extracting(SettingsProblem::toString).containsExactly(
                "scenes[1].layers[1].width: expected a whole number, found text \"640\"");
    }

    @Test
    void wholeNumbersMayBeWrittenWithAPointZero() throws IOException {
        String json = FLASH_SALE.replace("\"x\": 1700, \"y\": 40", "\"x\": 1700.0, \"y\": 40");
        assertThat(layer(ShowFile.parse(file("point.json", json)), 0, 1).x()).isEqualTo(1700);
    }

    @Test
    void layerSizeLeftOutReachesTheCanvasEdge() throws IOException {
        String json = FLASH_SALE.replace("{\"source\": \"Backdrop\", \"x\": 0, \"y\": 0, \"width\": 1920, \"height\": 1080}",
                "{\"source\": \"Backdrop\", \"x\": 100, \"y\": 80}");
        assertThat(layer(ShowFile.parse(file("short.json", json)), 2, 0)).isEqualTo(Layer.of("Backdrop", 100, 80, 1820, 1000, Fit.CONTAIN));
    }

    @Test
    void outputRoleLeftOutComesFromItsName() throws IOException {
        String json = FLASH_SALE.replace(", \"role\": \"primary\"", "").replace(", \"role\": \"backup\"", "")
                .replace(", \"role\": \"extra\"", "");
        assertThat(ShowFile.parse(file("roles.json", json)).outputs()).extracting(OutputConfig::role)
                .containsExactly(OutputRole.PRIMARY, OutputRole.BACKUP, OutputRole.EXTRA);
    }

    @Test
    void programLeftOutIsTheFirstScene() throws IOException {
        String json = FLASH_SALE.replace("\"program\": \"Host\",", "");
        assertThat(ShowFile.parse(file("noprogram.json", json)).program()).isEqualTo("Host");
    }

    @Test
    void versionIsRequiredAndAWholeNumber() throws IOException {
        assertThat(refused(file("noversion.json", FLASH_SALE.replace("\"version\": 2,", "")))).extracting(SettingsProblem::toString)
                .containsExactly("version: is required (2)");
        assertThat(refused(file("textversion.json", FLASH_SALE.replace("\"version\": 2,", "\"version\": \"2\",")))).extracting(SettingsProblem::toString)
                .containsExactly("version: expected a whole number, found text \"2\"");
    }

    @Test
    void newerVersionParsesButDoesNotRead() throws IOException {
        writeItsFiles();
        Path f = file("v3.json", FLASH_SALE.replace("\"version\": 2,", "\"version\": 3,"));
        assertThat(ShowFile.parse(f).version()).isEqualTo(3);
        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> ShowFile.read(f)).problems())
                .extracting(SettingsProblem::field).containsExactly("version");
    }

    @Test
    void notJsonIsOneProblemNamingTheFileAndLine() throws IOException {
        Path f = file("bad.json", "{\n  \"version\": 2,\n  \"canvas\": }\n");
        assertThat(refused(f)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("show");
            assertThat(p.message()).contains("bad.json").contains("not valid JSON at line 3");
        });
        assertThat(refused(dir.resolve("missing.json"))).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("show");
            assertThat(p.message()).contains("missing.json").contains("no such file");
        });
        assertThat(refused(file("array.json", "[1, 2]"))).singleElement().extracting(SettingsProblem::message).asString()
                .contains("expected a JSON object");
    }

    @Test
    void rulesAreNotShape() throws IOException {
        // parse accepts what only the validator refuses (the studio opens such a show to fix it)
        String json = FLASH_SALE.replace("\"program\": \"Host\"", "\"program\": \"Nowhere\"")
                .replace("\"width\": 180, \"height\": 90", "\"width\": 0, \"height\": 90");
        Show show = ShowFile.parse(file("rules.json", json));
        assertThat(show.program()).isEqualTo("Nowhere");
        writeItsFiles();
        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> ShowFile.read(dir.resolve("rules.json"))).problems())
                .extracting(SettingsProblem::toString)
                .containsExactly("scenes[0].layers[1].width: must be > 0", "program: no scene is called 'Nowhere'");
    }

    @Test
    void readTellsProblemsOfShapeAndOfRulesTogetherOncePerField() throws IOException {
        String json = FLASH_SALE.replace("\"role\": \"primary\"", "\"role\": \"main\"")
                .replace("\"program\": \"Host\"", "\"program\": \"Nowhere\"");
        Path f = file("both.json", json);
        // the unreadable role holds no role, which the rules would blame again: it is told once, as read
        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> ShowFile.read(f)).problems())
                .extracting(SettingsProblem::toString).containsExactly(
                        "outputs[0].role: 'main' is not primary, backup or extra",
                        "sources[3].path: no such file: " + dir.resolve("branding/logo.png"),
                        "sources[6].path: no such file: " + dir.resolve("clips/teaser.mp4"),
                        "program: no scene is called 'Nowhere'");
    }

    // ---- version 1 ----

    @Test
    void versionOneSettingsMigrateToAOneSceneShow() throws IOException {
        Path f = file("live.json", """
                {
                  "version": 1,
                  "video": "testsrc",
                  "audio": "sine",
                  "canvas": "1920x1080",
                  "fps": 60,
                  "codec": "x264",
                  "preset": "fast",
                  "rate_control": "vbr",
                  "bitrate": "6M",
                  "maxrate": "8000k",
                  "gop": 2.5,
                  "bframes": 0,
                  "audio_bitrate": "160k",
                  "primary": "rtmp://a.example.com/live/key1",
                  "backup": "rtmps://b.example.com/live/key2",
                  "primary_ca": "certs/ca.pem",
                  "backup_fingerprint": "AB:CD:EF",
                  "record": "show.mkv"
                }
                """);
        Show show = ShowFile.parse(f);
        assertThat(show.version()).isEqualTo(Show.CURRENT_VERSION);
        assertThat(show.canvas()).isEqualTo(new Canvas(1920, 1080, 60));
        EncoderSettings e = show.encoderSettings();
        assertThat(e.preset()).isEqualTo("fast");
        assertThat(e.rateControl()).isEqualTo(RateControl.VBR);
        assertThat(e.bitrateKbps()).isEqualTo(6000);
        assertThat(e.maxrateKbps()).isEqualTo(8000);
        assertThat(e.gopSeconds()).isEqualTo(2.5);
        assertThat(e.bframes()).isZero();
        assertThat(e.audioBitrateKbps()).isEqualTo(160);
        assertThat(show.sources()).containsExactly(SourceConfig.of(Shows.VIDEO, "testsrc"), SourceConfig.of(Shows.AUDIO, "tone"));
        assertThat(show.scenes()).containsExactly(new Scene("Main", List.of(Layer.of("video", 0, 0, 1920, 1080, Fit.CONTAIN))));
        assertThat(show.program()).isEqualTo("Main");
        assertThat(show.outputs()).containsExactly(
                new OutputConfig("primary", "rtmp://a.example.com/live/key1", OutputRole.PRIMARY, "certs/ca.pem", null),
                new OutputConfig("backup", "rtmps://b.example.com/live/key2", OutputRole.BACKUP, null, "AB:CD:EF"));
        assertThat(show.recording()).isEqualTo(new RecordingConfig("show.mkv"));
        // and it is a valid show
        assertThat(ShowFile.read(f)).isEqualTo(show);
    }

    @Test
    void flatSettingsWithoutAVersionAreVersionOne() throws IOException {
        Show show = ShowFile.parse(file("old.json", """
                {"video": "camera:/dev/video2", "audio": "mic:default", "primary": "rtmp://a.example.com/live/k"}
                """));
        assertThat(show.sources()).containsExactly(
                SourceConfig.of("video", "camera", "device", "/dev/video2"),
                SourceConfig.of("audio", "mic", "device", "default"));
        assertThat(show.canvas()).isEqualTo(new Canvas(1280, 720, 30));
        assertThat(show.scenes().get(0).layers()).containsExactly(Layer.of("video", 0, 0, 1280, 720, Fit.CONTAIN));
        assertThat(show.outputs()).containsExactly(new OutputConfig("primary", "rtmp://a.example.com/live/k", OutputRole.PRIMARY));
        assertThat(show.recording()).isNull();
    }

    @Test
    void versionOneWithoutSoundHasOnlyItsPicture() throws IOException {
        Show show = ShowFile.parse(file("silent.json", "{\"version\": 1, \"video\": \"screen:0.0\", \"audio\": \"none\", \"record\": \"s.ts\"}"));
        assertThat(show.sources()).containsExactly(SourceConfig.of("video", "screen", "display", ":0.0"));
        assertThat(show.outputs()).isEmpty();
        assertThat(show.recording()).isEqualTo(new RecordingConfig("s.ts"));
    }

    @Test
    void versionOneMediaFileIsALoopingMediaSource() throws IOException {
        Path clip = Files.write(dir.resolve("clip.mp4"), new byte[]{0});
        Show show = ShowFile.parse(file("file.json", "{\"version\": 1, \"video\": \"file:" + clip + "\", \"audio\": \"file:" + clip
                + "\", \"record\": \"s.mkv\"}"));
        assertThat(show.sources()).containsExactly(
                SourceConfig.of("video", "media", "path", clip.toString(), "loop", true, "audio", false),
                SourceConfig.of("audio", "media", "path", clip.toString(), "loop", true, "video", false));
        assertThat(ShowValidator.problems(show, dir)).isEmpty();
    }

    @Test
    void versionOneProblemsAreAllNamed() throws IOException {
        List<SettingsProblem> problems = refused(file("bad1.json",
                "{\"version\": 1, \"codec\": \"h266\", \"video\": \"sine\", \"audio\": \"camera\", \"bitrate\": \"lots\"}"));
        assertThat(problems).extracting(SettingsProblem::field).containsExactlyInAnyOrder("codec", "bitrate", "video", "audio");
        assertThat(problems).filteredOn(p -> p.field().equals("video")).singleElement().extracting(SettingsProblem::message)
                .asString().startsWith("'sine' is not a video source");
        assertThat(refused(file("bad2.json", "{\"version\": 1, \"scenes\": []}"))).singleElement()
                .extracting(SettingsProblem::field).isEqualTo("scenes");
    }

    @Test
    void migratedShowSurvivesTheRoundTrip() throws IOException {
        Show show = ShowFile.parse(file("v1.json",
                "{\"version\": 1, \"canvas\": \"1920x1080\", \"fps\": 60, \"primary\": \"rtmp://a.example.com/live/k\"}"));
        Path out = dir.resolve("migrated.json");
        ShowFile.write(show, out);
        Show back = ShowFile.parse(out);
        assertThat(back.encoderSettings()).isEqualTo(show.encoderSettings());
        assertThat(back).isEqualTo(show);
    }

    @Test
    void versionOnePathsAreReadFromTheWorkingDirectoryAsTheFlagsDid() throws IOException {
        // a version 1 file named its files from the working directory (castline live --settings): reading it
        // must check them there too, not beside the settings file
        Path clip = Path.of("castline-test-" + System.nanoTime() + ".mp4");
        Files.write(clip, new byte[]{0});
        try {
            Path f = file("v1-relative.json", "{\"version\": 1, \"video\": \"file:" + clip + "\", \"record\": \"s.mkv\"}");
            Show show = ShowFile.read(f);
            assertThat(show.source("video").orElseThrow().string("path", null)).isEqualTo(clip.toString());
        } finally {
            Files.deleteIfExists(clip);
        }
    }
}
