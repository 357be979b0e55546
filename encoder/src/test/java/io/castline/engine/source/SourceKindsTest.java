package io.castline.engine.source;

import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.Problems;
import io.castline.engine.settings.SettingsProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kinds of source: their settings, their checks (with field paths) and the still pictures they open. */
class SourceKindsTest {

    @TempDir Path dir;

    private SourceKind.Context context() {
        return new SourceKind.Context(new Canvas(1280, 720, 30), dir);
    }

    /** The problems of one source, as the show names them ("sources[2].color: …"). */
    private List<String> problems(SourceConfig config) {
        Problems p = new Problems();
        SourceKinds.check(config, context(), p.at("sources", 2));
        return p.all().stream().map(SettingsProblem::toString).toList();
    }

    private List<String> fields(SourceConfig config) {
        Problems p = new Problems();
        SourceKinds.check(config, context(), p.at("sources", 2));
        return p.all().stream().map(SettingsProblem::field).toList();
    }

    private static Still still(OpenedSource opened) {
        assertThat(opened.audio()).isNull();
        assertThat(opened.video()).isInstanceOf(StillSource.class);
        StillSource s = (StillSource) opened.video();
        assertThat(s.problem()).isNull();
        assertThat(s.still()).isNotNull();
        return s.still();
    }

    // ---- the list of kinds ----

    @Test
    void everyKindIsListedOnceAndFoundById() {
        assertThat(SourceKinds.all()).extracting(SourceKind::id)
                .containsExactly("camera", "screen", "media", "image", "color", "text", "product_card", "countdown", "lower_third", "ticker", "image_banner", "testsrc", "mic", "tone");
        for (SourceKind k : SourceKinds.all()) {
            assertThat(SourceKinds.byId(k.id())).containsSame(k);
            assertThat(k.displayName()).isNotBlank();
        }
        assertThat(SourceKinds.byId("webcam")).isEmpty();
        assertThat(SourceKinds.byId(null)).isEmpty();
        assertThat(SourceKinds.ids()).isEqualTo("camera, screen, media, image, color, text, product_card, countdown, lower_third, ticker, image_banner, testsrc, mic, tone");
    }

    @Test
    void pictureAndSoundOfEachKind() {
        SourceConfig any = SourceConfig.of("s", "x");
        assertThat(SourceKinds.all().stream().filter(k -> !k.hasVideo(any)).map(SourceKind::id)).containsExactly("mic", "tone");
        assertThat(SourceKinds.all().stream().filter(k -> k.hasAudio(any)).map(SourceKind::id)).containsExactly("media", "mic", "tone");
        SourceKind media = SourceKinds.byId("media").orElseThrow();
        assertThat(media.hasVideo(SourceConfig.of("m", "media", "video", false))).isFalse();
        assertThat(media.hasAudio(SourceConfig.of("m", "media", "audio", false))).isFalse();
        assertThat(media.hasVideo(SourceConfig.of("m", "media", "audio", false))).isTrue();
    }

    @Test
    void unknownKindIsNamedWithTheKnownOnes() {
        assertThat(problems(SourceConfig.of("Cam", "webcam", "device", "/dev/video0"))).containsExactly(
                "sources[2].kind: unknown kind 'webcam' (camera, screen, media, image, color, text, product_card, countdown, lower_third, ticker, image_banner, testsrc, mic, tone)");
        assertThat(problems(new SourceConfig("Cam", null, java.util.Map.of()))).singleElement().asString()
                .startsWith("sources[2].kind: is required (camera, screen");
    }

    @Test
    void unknownSettingNamesTheKeyAndListsTheKnownOnes() {
        assertThat(problems(SourceConfig.of("Back", "color", "color", "#000000", "colour", "#FFFFFF"))).containsExactly(
                "sources[2].colour: unknown setting for a color source (a color reads color)");
        assertThat(problems(SourceConfig.of("Cam", "camera", "devcie", "/dev/video0"))).containsExactly(
                "sources[2].devcie: unknown setting for a camera source (a camera reads device, framerate, input_format, video_size)");
        assertThat(problems(SourceConfig.of("Bars", "testsrc", "size", 3))).containsExactly(
                "sources[2].size: unknown setting for a testsrc source (it has no settings)");
    }

    @Test
    void everyProblemOfASourceIsReportedAtOnce() {
        SourceConfig text = SourceConfig.of("T", "text", "size", 2, "color", "white", "bold", "yes", "shadow", true);
        assertThat(fields(text)).containsExactlyInAnyOrder(
                "sources[2].shadow", "sources[2].text", "sources[2].size", "sources[2].color", "sources[2].bold");
    }

    // ---- per-kind checks ----

    @ParameterizedTest
    @ValueSource(strings = {"#101820", "#FFFFFF", "#abcdef", "#10182080", "#00000000"})
    void colourAcceptsRrggbbAndRrggbbaa(String colour) {
        assertThat(problems(SourceConfig.of("C", "color", "color", colour))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"101820", "#1018", "#1018202", "#101820801", "red", "#GG1820", " #101820", ""})
    void colourRefusesOtherText(String colour) {
        assertThat(problems(SourceConfig.of("C", "color", "color", colour))).containsExactly(
                "sources[2].color: '" + colour + "' is not a colour (\"#RRGGBB\", or \"#RRGGBBAA\" with opacity)");
    }

    @Test
    void colourIsRequiredAndMustBeText() {
        assertThat(problems(SourceConfig.of("C", "color"))).containsExactly(
                "sources[2].color: is required (\"#RRGGBB\", or \"#RRGGBBAA\" with opacity)");
        assertThat(problems(SourceConfig.of("C", "color", "color", 0x101820))).singleElement().asString()
                .startsWith("sources[2].color: '1054752' is not a colour");
    }

    @Test
    void textNeedsItsText() {
        assertThat(problems(SourceConfig.of("T", "text", "text", "Hello"))).isEmpty();
        assertThat(problems(SourceConfig.of("T", "text"))).containsExactly("sources[2].text: is required");
        assertThat(problems(SourceConfig.of("T", "text", "text", "  "))).containsExactly("sources[2].text: must not be empty");
        assertThat(problems(SourceConfig.of("T", "text", "text", 42))).containsExactly("sources[2].text: must be text");
    }

    @Test
    void textSizeIsBetween4And1000() {
        assertThat(problems(SourceConfig.of("T", "text", "text", "a", "size", 4))).isEmpty();
        assertThat(problems(SourceConfig.of("T", "text", "text", "a", "size", 1000))).isEmpty();
        assertThat(problems(SourceConfig.of("T", "text", "text", "a", "size", 48.5))).isEmpty();
        assertThat(problems(SourceConfig.of("T", "text", "text", "a", "size", 3)))
                .containsExactly("sources[2].size: must be between 4 and 1000 (is 3)");
        assertThat(problems(SourceConfig.of("T", "text", "text", "a", "size", 1000.5)))
                .containsExactly("sources[2].size: must be between 4 and 1000 (is 1000.5)");
        assertThat(problems(SourceConfig.of("T", "text", "text", "a", "size", "big")))
                .containsExactly("sources[2].size: must be a number");
        assertThat(problems(SourceConfig.of("T", "text", "text", "a", "size", Double.NaN)))
                .singleElement().asString().startsWith("sources[2].size: must be between 4 and 1000");
    }

    @Test
    void textColoursAreChecked() {
        assertThat(problems(SourceConfig.of("T", "text", "text", "a", "color", "#FFFFFF", "outline_color", "#000000",
                "background", "#00000080", "outline_width", 2, "padding", 8, "bold", true, "font", "DejaVu Sans"))).isEmpty();
        assertThat(fields(SourceConfig.of("T", "text", "text", "a", "outline_color", "black", "background", "#0008",
                "outline_width", 101, "padding", -1, "font", 12)))
                .containsExactlyInAnyOrder("sources[2].outline_color", "sources[2].background", "sources[2].outline_width",
                        "sources[2].padding", "sources[2].font");
    }

    @Test
    void screenRegionIsFourEvenWholeNumbers() {
        assertThat(problems(SourceConfig.of("S", "screen", "display", ":0", "region", List.of(0, 0, 1280, 800)))).isEmpty();
        assertThat(problems(SourceConfig.of("S", "screen", "region", List.of(0, 0, 1280))))
                .containsExactly("sources[2].region: must be four whole numbers [x, y, width, height]");
        assertThat(problems(SourceConfig.of("S", "screen", "region", List.of(0, 0, 1280, 800, 1))))
                .containsExactly("sources[2].region: must be four whole numbers [x, y, width, height]");
        assertThat(problems(SourceConfig.of("S", "screen", "region", List.of(0, 0, 1280.5, 800))))
                .containsExactly("sources[2].region: must be four whole numbers [x, y, width, height]");
        assertThat(problems(SourceConfig.of("S", "screen", "region", "0,0,1280,800")))
                .containsExactly("sources[2].region: must be four whole numbers [x, y, width, height]");
        assertThat(problems(SourceConfig.of("S", "screen", "region", List.of(-1, 0, 1280, 800))))
                .containsExactly("sources[2].region: x and y must be 0 or more");
        assertThat(problems(SourceConfig.of("S", "screen", "region", List.of(0, 0, 1281, 800))))
                .containsExactly("sources[2].region: width and height must be even and at least 16");
        assertThat(problems(SourceConfig.of("S", "screen", "region", List.of(0, 0, 1280, 14))))
                .containsExactly("sources[2].region: width and height must be even and at least 16");
        // a whole number written as 1280.0 is still whole
        assertThat(problems(SourceConfig.of("S", "screen", "region", List.of(0, 0, 1280.0, 800)))).isEmpty();
    }

    @Test
    void screenWindowAndRegionConflict() {
        assertThat(problems(SourceConfig.of("S", "screen", "window", "0x3a00007", "region", List.of(0, 0, 640, 480))))
                .containsExactly("sources[2].window: give a window or a region, not both");
        assertThat(problems(SourceConfig.of("S", "screen", "window", ""))).containsExactly(
                "sources[2].window: must be the window's title (Windows) or id (X11)");
        assertThat(problems(SourceConfig.of("S", "screen", "cursor", "no"))).containsExactly(
                "sources[2].cursor: must be true or false");
    }

    @Test
    void screenWindowOnX11IsAnId() {
        org.junit.jupiter.api.Assumptions.assumeTrue(!Checks.isOs("mac") && !Checks.isOs("win"), "X11 rules");
        assertThat(problems(SourceConfig.of("S", "screen", "window", "0x3a00007"))).isEmpty();
        assertThat(problems(SourceConfig.of("S", "screen", "window", "12345"))).isEmpty();
        assertThat(problems(SourceConfig.of("S", "screen", "window", "Firefox"))).containsExactly(
                "sources[2].window: on X11 a window is its id (0x…, see xwininfo), not 'Firefox'");
        // a custom input format (tests drive capture with lavfi) has no platform rules
        assertThat(problems(SourceConfig.of("S", "screen", "window", "Firefox", "input_format", "lavfi"))).isEmpty();
    }

    @Test
    void mediaPathMustBeAFileThatExists() throws IOException {
        assertThat(problems(SourceConfig.of("M", "media", "path", "clips/teaser.mp4"))).containsExactly(
                "sources[2].path: no such file: " + dir.resolve("clips/teaser.mp4"));
        Files.createDirectories(dir.resolve("clips"));
        assertThat(problems(SourceConfig.of("M", "media", "path", "clips"))).containsExactly(
                "sources[2].path: clips is a folder, not a file");
        Files.write(dir.resolve("clips/teaser.mp4"), new byte[]{0});
        // relative to the show's folder, or absolute
        assertThat(problems(SourceConfig.of("M", "media", "path", "clips/teaser.mp4", "loop", true))).isEmpty();
        assertThat(problems(SourceConfig.of("M", "media", "path", dir.resolve("clips/teaser.mp4").toString()))).isEmpty();
        assertThat(problems(SourceConfig.of("M", "media"))).containsExactly("sources[2].path: is required (a file)");
        assertThat(problems(SourceConfig.of("M", "media", "path", 3))).containsExactly("sources[2].path: must be a file's path");
        assertThat(problems(SourceConfig.of("M", "media", "path", "clips/teaser.mp4", "loop", "yes")))
                .containsExactly("sources[2].loop: must be true or false");
        assertThat(problems(SourceConfig.of("M", "media", "path", "clips/teaser.mp4", "video", false, "audio", false)))
                .containsExactly("sources[2].video: a media source with neither picture nor sound");
    }

    @Test
    void imagePathMustExist() throws IOException {
        assertThat(problems(SourceConfig.of("L", "image", "path", "branding/logo.png"))).containsExactly(
                "sources[2].path: no such file: " + dir.resolve("branding/logo.png"));
        Files.createDirectories(dir.resolve("branding"));
        Files.write(dir.resolve("branding/logo.png"), new byte[]{1});
        assertThat(problems(SourceConfig.of("L", "image", "path", "branding/logo.png"))).isEmpty();
    }

    @Test
    void cameraAndSoundChecks() {
        assertThat(problems(SourceConfig.of("C", "camera", "device", "/dev/video0", "video_size", "1280x720", "framerate", 30)))
                .isEmpty();
        assertThat(problems(SourceConfig.of("C", "camera", "video_size", "720p")))
                .containsExactly("sources[2].video_size: '720p' is not a size (e.g. 1280x720)");
        assertThat(problems(SourceConfig.of("C", "camera", "framerate", 0)))
                .containsExactly("sources[2].framerate: must be between 1 and 240 (is 0)");
        assertThat(problems(SourceConfig.of("T", "tone", "frequency", 10)))
                .containsExactly("sources[2].frequency: must be between 20 and 20000 (is 10)");
        assertThat(problems(SourceConfig.of("T", "tone", "frequency", 1000))).isEmpty();
        assertThat(problems(SourceConfig.of("M", "mic", "device", 3))).containsExactly("sources[2].device: must be text");
    }

    @Test
    void productCardChecks() {
        assertThat(problems(SourceConfig.of("P", "product_card", "template", "side", "qr", false, "low_stock", 5,
                "locale", "de-DE", "accent", "#FF0000"))).isEmpty();
        assertThat(problems(SourceConfig.of("P", "product_card"))).as("every setting has a default").isEmpty();
        assertThat(problems(SourceConfig.of("P", "product_card", "template", "banner", "locale", "!!", "qr", "yes")))
                .containsExactly(
                        "sources[2].template: 'banner' is not a card template (lower_third, side, vertical)",
                        "sources[2].qr: must be true or false",
                        "sources[2].locale: '!!' is not a language tag (en-US, de-DE, ja-JP…)");
        assertThat(problems(SourceConfig.of("P", "product_card", "animation", "fade", "animation_duration", 1.5))).isEmpty();
        assertThat(problems(SourceConfig.of("P", "product_card", "animation", "bounce", "animation_duration", 0))).containsExactly(
                "sources[2].animation: 'bounce' is not slide, fade or none",
                "sources[2].animation_duration: must be between 0.1 and 5 (is 0)");
        assertThat(ProductCardSourceKind.motion(SourceConfig.of("P", "product_card"), 30))
                .as("slides over half a second by default").isEqualTo(new CardMotion(CardMotion.Style.SLIDE, 15));
        assertThat(ProductCardSourceKind.motion(SourceConfig.of("P", "product_card", "animation", "none"), 30).animated()).isFalse();
    }

    @Test
    void aCardsChangeOfProductIsNumberedAndAnEditOfTheSameProductIsNot() throws Exception {
        try (OpenedSource opened = SourceKinds.open(SourceConfig.of("P", "product_card", "qr", false), context())) {
            ProductCardSource card = (ProductCardSource) opened.video();
            io.castline.engine.commerce.Product tee = new io.castline.engine.commerce.Product("TEE", "Tee", null,
                    java.math.BigDecimal.TEN, null, "USD", null, null, null);
            io.castline.engine.commerce.Product mug = new io.castline.engine.commerce.Product("MUG", "Mug", null,
                    java.math.BigDecimal.ONE, null, "USD", null, null, null);
            assertThat(card.shown()).isEqualTo(new ProductCardSource.Shown(null, null, 0, ProductCardSource.Change.NONE));
            card.show(tee);
            ProductCardSource.Shown in = card.shown();
            assertThat(in.serial()).isEqualTo(1);
            assertThat(in.change()).isEqualTo(ProductCardSource.Change.IN);
            assertThat(in.current()).isSameAs(card.still());
            card.show(tee.withPrice(java.math.BigDecimal.ONE));
            assertThat(card.shown().serial()).as("a new price: drawn again, not animated").isEqualTo(1);
            assertThat(card.shown().current()).isNotSameAs(in.current());
            Still priced = card.still();
            card.show(mug);
            assertThat(card.shown().change()).isEqualTo(ProductCardSource.Change.SWAP);
            assertThat(card.shown().previous()).as("the tee at its new price goes out").isSameAs(priced);
            assertThat(card.shown().serial()).isEqualTo(2);
            card.show(null);
            assertThat(card.shown().change()).isEqualTo(ProductCardSource.Change.OUT);
            assertThat(card.shown().current()).isNull();
            assertThat(card.shown().serial()).isEqualTo(3);
        }
    }

    @Test
    void countdownChecks() {
        assertThat(problems(SourceConfig.of("D", "countdown", "duration", 300, "label", "Deal ends in", "at_end", "hide")))
                .isEmpty();
        assertThat(problems(SourceConfig.of("D", "countdown"))).containsExactly("sources[2].duration: is required (seconds, e.g. 300 for 5:00)");
        assertThat(problems(SourceConfig.of("D", "countdown", "duration", 0, "at_end", "explode"))).containsExactly(
                "sources[2].duration: must be between 1 and 35999 (is 0)",
                "sources[2].at_end: 'explode' is not stay, hide, scene, sold_out or restore_price");
        assertThat(problems(SourceConfig.of("D", "countdown", "duration", 10, "at_end", "scene")))
                .containsExactly("sources[2].end_scene: is required");
    }

    @Test
    void lowerThirdChecks() throws IOException {
        assertThat(problems(SourceConfig.of("L", "lower_third", "title", "Ana Lima", "subtitle", "Head of Style", "size", 40,
                "accent", "#FF2020", "title_color", "#FFFFFF", "subtitle_color", "#D0D4DC", "background", "#000000B0", "corner", 8)))
                .isEmpty();
        assertThat(problems(SourceConfig.of("L", "lower_third"))).containsExactly("sources[2].title: is required");
        assertThat(problems(SourceConfig.of("L", "lower_third", "title", " ", "size", 2, "accent", "red", "logo", "nope.png",
                "name_color", "#FFFFFF"))).containsExactly(
                "sources[2].name_color: unknown setting for a lower_third source (a lower_third reads accent, background, corner, "
                        + "font, logo, size, subtitle, subtitle_color, title, title_color)",
                "sources[2].title: must not be empty",
                "sources[2].size: must be between 8 and 400 (is 2)",
                "sources[2].accent: 'red' is not a colour (\"#RRGGBB\", or \"#RRGGBBAA\" with opacity)",
                "sources[2].logo: no such file: " + dir.resolve("nope.png"));
    }

    @Test
    void tickerChecks() {
        assertThat(problems(SourceConfig.of("T", "ticker", "text", "Sale", "speed", 120, "size", 40, "separator", " | ",
                "color", "#FFFFFF", "background", "#000000B0", "bold", true, "padding", 6))).isEmpty();
        assertThat(problems(SourceConfig.of("T", "ticker"))).containsExactly("sources[2].text: is required");
        assertThat(problems(SourceConfig.of("T", "ticker", "text", "one\ntwo", "speed", 0, "separator", 3, "bold", "no")))
                .containsExactly(
                        "sources[2].text: must be one line (a ticker scrolls one line)",
                        "sources[2].separator: must be text",
                        "sources[2].speed: must be between 1 and 2000 (is 0)",
                        "sources[2].bold: must be true or false");
        assertThat(problems(SourceConfig.of("T", "ticker", "text", "x".repeat(1001))))
                .containsExactly("sources[2].text: 1001 characters is more than a ticker can carry (at most 1000)");
    }

    @Test
    void imageBannerChecks() throws Exception {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", dir.resolve("a.png").toFile());
        Files.createDirectories(dir.resolve("slides"));
        Files.createDirectories(dir.resolve("empty"));
        ImageIO.write(img, "png", dir.resolve("slides/1.png").toFile());
        assertThat(problems(SourceConfig.of("B", "image_banner", "path", "a.png", "fit", "cover", "background", "#00FF00")))
                .isEmpty();
        assertThat(problems(SourceConfig.of("B", "image_banner", "path", "slides", "interval", 5, "width", 400, "height", 100)))
                .as("a folder of images").isEmpty();
        assertThat(problems(SourceConfig.of("B", "image_banner"))).containsExactly("sources[2].path: is required (a file)");
        assertThat(problems(SourceConfig.of("B", "image_banner", "path", "empty", "interval", 0, "fit", "zoom", "width", 1)))
                .containsExactly(
                        "sources[2].path: the folder " + dir.resolve("empty") + " has no PNG or JPEG images",
                        "sources[2].interval: must be between 1 and 3600 (is 0)",
                        "sources[2].width: must be between 2 and 8192 (is 1)",
                        "sources[2].fit: 'zoom' is not contain, cover or stretch");
        ImageIO.write(img, "png", dir.resolve("slides/2.png").toFile());
        assertThat(problems(SourceConfig.of("B", "image_banner", "path", "slides", "width", 4000, "height", 2001)))
                .as("two slides of 8 MP each: more than the banner may hold")
                .containsExactly("sources[2].width: 4000×2001 for 2 images is more than 16 megapixels together: a smaller banner, "
                        + "or fewer images");
        OpenedSource huge = SourceKinds.open(SourceConfig.of("B", "image_banner", "path", "slides", "width", 4000, "height", 2001),
                context());
        assertThat(huge.video().problem()).as("refused when it opens, not drawn").contains("more than 16 megapixels");
    }

    @Test
    void aTickerStripIsOnePeriodOfTextAndSeparatorOnItsBackground() throws Exception {
        OpenedSource opened = SourceKinds.open(SourceConfig.of("T", "ticker", "text", "Sale", "size", 40, "background", "#102030"),
                context());
        TickerSource t = (TickerSource) opened.video();
        OpenedSource longer = SourceKinds.open(SourceConfig.of("T", "ticker", "text", "Sale on", "size", 40), context());
        assertThat(t.strip().width() % 2).isZero();
        assertThat(t.strip().height() % 2).isZero();
        assertThat(((TickerSource) longer.video()).strip().width()).isGreaterThan(t.strip().width());
        assertThat(t.strip().argb()[0]).as("the background at its corner").isEqualTo(0xff102030);
        assertThat(TickerSource.offset(0, 120, 30, 500)).isZero();
        assertThat(TickerSource.offset(10, 120, 30, 500)).isEqualTo(40);
        assertThat(TickerSource.offset(125, 120, 30, 500)).as("one period on: the start again").isZero();
        assertThat(TickerSource.offset(7, 45, 30, 500)).as("10.5 pixels: the whole ones").isEqualTo(10);
    }

    @Test
    void aProductCardOpensBlankAndDrawsThePinnedProductInItsStyle() throws Exception {
        SourceKind kind = SourceKinds.byId("product_card").orElseThrow();
        OpenedSource opened = kind.open(SourceConfig.of("P", "product_card", "template", "vertical", "locale", "fr-FR",
                "low_stock", 3, "accent", "#00FF00"), context());
        try (opened) {
            ProductCardSource card = (ProductCardSource) opened.video();
            assertThat(card.style()).isEqualTo(new io.castline.engine.commerce.CardStyle(
                    io.castline.engine.commerce.CardTemplate.VERTICAL, java.util.Locale.FRANCE, 3, true, 0x00FF00));
            assertThat(card.still()).isSameAs(Still.BLANK);
            io.castline.engine.commerce.Product p = new io.castline.engine.commerce.Product("S", "Mug", null,
                    java.math.BigDecimal.TEN, null, "EUR", null, null, null);
            assertThat(card.show(p)).isTrue();
            assertThat(card.still().width()).isEqualTo(900);
            assertThat(card.show(p)).as("the same product: nothing to draw again").isFalse();
            assertThat(card.show(null)).isTrue();
            assertThat(card.still()).isSameAs(Still.BLANK);
        }
    }

    // ---- colours ----

    @Test
    void argbOfRrggbbIsOpaque() {
        assertThat(Checks.argb("#102030", 0)).isEqualTo(0xff102030);
        assertThat(Checks.argb("#abcdef", 0)).isEqualTo(0xffabcdef);
    }

    @Test
    void argbOfRrggbbaaMovesTheAlphaToTheTop() {
        assertThat(Checks.argb("#10203080", 0)).isEqualTo(0x80102030);
        assertThat(Checks.argb("#FF000000", 0)).isEqualTo(0x00ff0000);
        assertThat(Checks.argb("#FFFFFFFF", 0)).isEqualTo(0xffffffff);
        assertThat(Checks.argb("#000000FF", 0)).isEqualTo(0xff000000);
        assertThat(Checks.argb("#01020304", 0)).isEqualTo(0x04010203);
    }

    @Test
    void argbOfSomethingElseIsTheFallback() {
        assertThat(Checks.argb(null, 0x12345678)).isEqualTo(0x12345678);
        assertThat(Checks.argb("red", 7)).isEqualTo(7);
        assertThat(Checks.argb("#1234", 7)).isEqualTo(7);
    }

    // ---- opening stills ----

    @Test
    void colourOpensAsAStillOfThatColourThatFillsItsLayer() throws Exception {
        Still s = still(SourceKinds.open(SourceConfig.of("Backdrop", "color", "color", "#101820"), context()));
        assertThat(s.fillsLayer()).isTrue();
        assertThat(s.argb()).isNotEmpty().containsOnly(0xff101820);
        assertThat(s.opaque()).isTrue();

        Still translucent = still(SourceKinds.open(SourceConfig.of("Tint", "color", "color", "#FF000080"), context()));
        assertThat(translucent.argb()).containsOnly(0x80ff0000);
        assertThat(translucent.opaque()).isFalse();
    }

    @Test
    void openedStillKeepsTheSourcesNameAndSaysWhatItIs() throws Exception {
        OpenedSource opened = SourceKinds.open(SourceConfig.of("Backdrop", "color", "color", "#101820"), context());
        assertThat(opened.config().name()).isEqualTo("Backdrop");
        assertThat(opened.video().name()).isEqualTo("Backdrop");
        assertThat(opened.video().label()).contains("#101820");
        assertThat(opened.video().takeLatest()).isNull();
        opened.close();
    }

    @Test
    void textOpensAsAStillWithPixelsOfItsColour() throws Exception {
        Still s = still(SourceKinds.open(SourceConfig.of("Headline", "text", "text", "Flash sale", "size", 48,
                "color", "#FF0000"), context()));
        assertThat(s.fillsLayer()).isFalse();
        assertThat(s.width()).isGreaterThan(s.height()).isGreaterThan(100);
        assertThat(s.height()).isBetween(40, 120);
        int opaque = 0;
        int transparent = 0;
        for (int p : s.argb()) {
            int a = p >>> 24;
            if (a == 0) {
                transparent++;
                continue;
            }
            if (a == 0xff) opaque++;
            // straight (not premultiplied) ARGB: the glyphs' edges are red with less alpha, not darker red
            if (a >= 0x40) {
                assertThat((p >> 16) & 0xff).as("red of %08x", p).isGreaterThanOrEqualTo(0xf0);
                assertThat((p >> 8) & 0xff).as("green of %08x", p).isLessThanOrEqualTo(0x10);
                assertThat(p & 0xff).as("blue of %08x", p).isLessThanOrEqualTo(0x10);
            }
        }
        assertThat(opaque).as("solid glyph pixels").isGreaterThan(200);
        assertThat(transparent).as("space around and between the glyphs").isGreaterThan(s.argb().length / 3);
        assertThat(s.argb()[0] >>> 24).as("top-left corner").isZero();
    }

    @Test
    void textSizeAndLinesMakeItsPictureBigger() throws Exception {
        Still small = still(SourceKinds.open(SourceConfig.of("T", "text", "text", "Sale", "size", 24), context()));
        Still big = still(SourceKinds.open(SourceConfig.of("T", "text", "text", "Sale", "size", 96), context()));
        Still twoLines = still(SourceKinds.open(SourceConfig.of("T", "text", "text", "Sale\nSale", "size", 24), context()));
        assertThat(big.width()).isGreaterThan(3 * small.width());
        assertThat(big.height()).isGreaterThan(3 * small.height());
        assertThat(twoLines.width()).isEqualTo(small.width());
        assertThat(twoLines.height()).isBetween(2 * small.height() - 2, 2 * small.height() + 2);
        // white by default
        assertThat(java.util.Arrays.stream(small.argb()).filter(p -> p >>> 24 == 0xff)).isNotEmpty().allMatch(p -> p == 0xffffffff);
    }

    @Test
    void textBackgroundFillsTheWholeBox() throws Exception {
        Still s = still(SourceKinds.open(SourceConfig.of("T", "text", "text", "Sale", "size", 32, "color", "#FFFFFF",
                "background", "#0000FF"), context()));
        assertThat(s.opaque()).isTrue();
        assertThat(s.argb()[0]).isEqualTo(0xff0000ff);
        assertThat(s.argb()[s.argb().length - 1]).isEqualTo(0xff0000ff);
        assertThat(s.argb()).contains(0xffffffff);
    }

    @Test
    void imageOpensWithItsPixelsAndTransparency() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = {0xffff0000, 0xff00ff00, 0xff0000ff, 0x80ffffff, 0x00000000, 0x40102030};
        image.setRGB(0, 0, 3, 2, pixels, 0, 3);
        Files.createDirectories(dir.resolve("branding"));
        assertThat(ImageIO.write(image, "png", dir.resolve("branding/logo.png").toFile())).isTrue();
        SourceConfig logo = SourceConfig.of("Logo", "image", "path", "branding/logo.png");
        assertThat(problems(logo)).isEmpty();

        Still s = still(SourceKinds.open(logo, context()));
        assertThat(s.width()).isEqualTo(3);
        assertThat(s.height()).isEqualTo(2);
        assertThat(s.argb()).containsExactly(pixels);
        assertThat(s.fillsLayer()).isFalse();
        assertThat(s.opaque()).isFalse();
    }

    @Test
    void unreadableImageOpensAsNoSignal() throws Exception {
        Files.write(dir.resolve("logo.png"), "this is not a picture".getBytes());
        OpenedSource opened = SourceKinds.open(SourceConfig.of("Logo", "image", "path", "logo.png"), context());
        StillSource s = (StillSource) opened.video();
        assertThat(s.still()).isNull();
        assertThat(s.problem()).startsWith("no signal").contains("logo.png");
        assertThat(s.name()).isEqualTo("Logo");
    }

    @Test
    void truncatedPngOpensAsNoSignal() throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        byte[] whole = bytes.toByteArray();
        Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(whole, 40)); // the signature and half a header
        StillSource s = (StillSource) SourceKinds.open(SourceConfig.of("Cut", "image", "path", "cut.png"), context()).video();
        assertThat(s.still()).isNull();
        assertThat(s.problem()).startsWith("no signal: ").contains("cut.png");
    }

    @Test
    void openingAnUnknownKindIsRefused() {
        assertThatThrownBy(() -> SourceKinds.open(SourceConfig.of("X", "webcam"), context()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webcam");
    }

    @Test
    void stillRefusesAWrongNumberOfPixels() {
        assertThatThrownBy(() -> new Still(2, 2, new int[3], false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Still(0, 1, new int[0], false)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the settings values ----

    @Test
    void sourceConfigReadsItsValuesByType() {
        SourceConfig c = SourceConfig.of("S", "screen", "display", ":0", "region", List.of(0, 0, 1280, 800), "cursor", false,
                "skipped", null);
        assertThat(c.has("skipped")).isFalse();
        assertThat(c.string("display", "x")).isEqualTo(":0");
        assertThat(c.string("region", "x")).isEqualTo("x");
        assertThat(c.integers("region")).containsExactly(0, 0, 1280, 800);
        assertThat(c.integers("display")).isNull();
        assertThat(c.flag("cursor", true)).isFalse();
        assertThat(c.flag("display", true)).isTrue();
        assertThat(c.with("cursor", null).has("cursor")).isFalse();
        assertThat(c.with("cursor", true).flag("cursor", false)).isTrue();
        assertThat(c.has("cursor")).as("with() copies").isTrue();
        assertThatThrownBy(() -> c.settings().put("a", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
