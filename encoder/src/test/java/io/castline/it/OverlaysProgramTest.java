package io.castline.it;

import io.castline.engine.Program;
import io.castline.engine.settings.Canvas;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Scene;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.source.Still;
import io.castline.engine.source.StillSource;
import io.castline.engine.source.TickerSource;
import io.castline.engine.source.VideoSource;
import io.castline.engine.video.Compositor;
import io.castline.engine.video.RenderPlan;
import io.castline.engine.video.ScenePlanner;
import io.castline.testing.TestWorkdir;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlays drawn by the engine on a running program, looked at on the composed canvas: a
 * ticker scrolling on the media clock (every frame at the offset its index gives, across the
 * strip's wrap), a lower third's parts in their colours, and an image banner turning its images
 * on the frame its interval says.
 */
class OverlaysProgramTest {
    private static final int W = 640, H = 360, FPS = 30;
    private static final String BACK = "{\"name\": \"Back\", \"kind\": \"color\", \"color\": \"#203040\"}";

    private static Show show(Path dir, String source, String layer) throws Exception {
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": %d, "height": %d, "fps": %d},
                 "sources": [%s, %s],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"}, %s]}],
                 "program": "Main", "recording": {"path": "x.mkv"}}
                """.formatted(W, H, FPS, BACK, source, layer));
        return ShowFile.read(file);
    }

    // ---- the ticker ----

    @Test
    void everyFrameOfTheTickerShowsItsStripAtTheOffsetOfItsFrameAcrossTheWrap() throws Exception {
        Path dir = TestWorkdir.fresh("ticker");
        String ticker = """
                {"name": "News", "kind": "ticker", "text": "Flash sale: 30% off every tee until midnight", "separator": "  +++  ",
                 "speed": 300, "size": 30, "color": "#FFFFFF", "background": "#101820E0"}""";
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, FPS), dir);
        Still strip;
        try (OpenedSource probe = SourceKinds.open(show(dir, ticker, "{\"source\": \"News\"}").source("News").orElseThrow(), context)) {
            strip = ((TickerSource) probe.video()).strip();
        }
        int period = strip.width();
        int y = 300;
        int rows = strip.height();
        assertThat(rows).as("the strip fits under y %d", y).isLessThanOrEqualTo(H - y);
        assertThat(period).as("the strip is wider than its speed per frame").isGreaterThan(40);
        // the layer is as high as the strip: the strip is not scaled, one period is its own width
        Show show = show(dir, ticker, "{\"source\": \"News\", \"x\": 0, \"y\": %d, \"width\": %d, \"height\": %d}".formatted(y, W, rows));
        byte[] tape = tape(show, strip, context, y);

        try (Program program = Program.start(show, dir); CanvasFrames frames = new CanvasFrames(program.compositor(), 0, y, W, rows)) {
            long from = program.compositor().nextIndex() + 2;
            // long enough for the strip's start to pass the bar's left edge twice
            frames.awaitIndex(from + 2L * period / 10 + 5);
            int checked = 0;
            int wraps = 0;
            int previous = -1;
            for (CanvasFrames.Taken t : frames.taken()) {
                if (t.index() < from) continue;
                // 300 px/s at 30 fps: 10 pixels a frame, modulo the strip's width
                int offset = (int) (t.index() * 10 % period);
                byte[] expected = window(tape, period + W, rows, offset);
                assertThat(CanvasFrames.difference(t.region(), expected))
                        .as("frame %d shows the strip from its column %d", t.index(), offset).isLessThan(0.05);
                if (previous >= 0 && offset < previous) wraps++;
                previous = offset;
                checked++;
            }
            assertThat(wraps).as("the strip wrapped onto its next copy").isGreaterThanOrEqualTo(1);
            assertThat(checked).isGreaterThan(2 * period / 10);
            // it moves: two frames apart, a different picture
            byte[] a = window(tape, period + W, rows, 0);
            byte[] b = window(tape, period + W, rows, 20);
            assertThat(CanvasFrames.difference(a, b)).isGreaterThan(2);
            assertThat(program.failure()).isNull();
        }
    }

    /**
     * The strip as the engine draws a still of it, in copies side by side from column 0 on a
     * canvas of its own (period + W wide), rows y.. of it: any offset's window is a slice of this.
     */
    private static byte[] tape(Show show, Still strip, SourceKind.Context context, int y) throws Exception {
        int tapeWidth = strip.width() + W;
        try (OpenedSource back = SourceKinds.open(show.source("Back").orElseThrow(), context)) {
            VideoSource stripSource = StillSource.of("Strip", "strip", strip);
            List<Layer> layers = new ArrayList<>(List.of(Layer.of("Back", 0, 0, tapeWidth, H, Fit.STRETCH)));
            for (int x = 0; x < tapeWidth; x += strip.width()) layers.add(Layer.of("Strip", x, y, strip.width(), strip.height(), Fit.STRETCH));
            return region(new Scene("Tape", layers), n -> n.equals("Back") ? back.video() : stripSource, tapeWidth,
                    new int[]{0, y, tapeWidth, strip.height()});
        }
    }

    private static byte[] window(byte[] tape, int tapeWidth, int rows, int offset) {
        byte[] out = new byte[W * rows];
        for (int r = 0; r < rows; r++) System.arraycopy(tape, r * tapeWidth + offset, out, r * W, W);
        return out;
    }

    // ---- the lower third ----

    @Test
    void aLowerThirdShowsItsAccentBarNameAndTitleInTheirColoursOnItsBox() throws Exception {
        Path dir = TestWorkdir.fresh("lower-third");
        BufferedImage logo = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(new Color(0x2060FF));
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        ImageIO.write(logo, "png", dir.resolve("logo.png").toFile());
        String source = """
                {"name": "Host", "kind": "lower_third", "title": "Ana Lima", "subtitle": "Head of Style", "size": 40,
                 "accent": "#FF2020", "title_color": "#FFFFFF", "subtitle_color": "#FFD000", "background": "#000000FF",
                 "corner": 0, "logo": "logo.png"}""";
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, FPS), dir);
        Show probeShow = show(dir, source, "{\"source\": \"Host\"}");
        Still still;
        try (OpenedSource probe = SourceKinds.open(probeShow.source("Host").orElseThrow(), context)) {
            still = ((StillSource) probe.video()).still();
        }
        int x = 40, y = 240, w = still.width() & ~1, h = still.height() & ~1;
        Show show = show(dir, source, "{\"source\": \"Host\", \"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d, \"fit\": \"stretch\"}"
                .formatted(x, y, w, h));
        try (Program program = Program.start(show, dir)) {
            Yuv canvas = Yuv.take(program.compositor());
            int pad = 40 / 3;
            // the logo: blue at the box's left
            assertThat(canvas.u(x + pad + 10, y + h / 2)).as("logo blue").isGreaterThan(170);
            // the accent bar after it (logo as high as the text, so as wide), red
            int innerH = h - 2 * pad;
            int barX = x + pad + innerH + pad + 1;
            assertThat(canvas.v(barX, y + h / 2)).as("accent red at %d", barX).isGreaterThan(200);
            assertThat(canvas.u(barX, y + h / 2)).isLessThan(128);
            int textX = barX + 10;
            // the name (white) in the upper part, the title (yellow) in the lower part, the box black around them
            assertThat(count(canvas, textX, x + w - pad, y + pad, y + pad + 40, (l, u, v) -> l > 200 && Math.abs(u - 128) < 12))
                    .as("white name pixels").isGreaterThan(100);
            assertThat(count(canvas, textX, x + w - pad, y + h - pad - 24, y + h - pad, (l, u, v) -> l > 150 && u < 80))
                    .as("yellow title pixels").isGreaterThan(50);
            assertThat(count(canvas, textX, x + w - pad, y + pad, y + pad + 40, (l, u, v) -> u < 80)).as("no yellow in the name").isZero();
            assertThat(canvas.y(x + w - 4, y + 4)).as("the box, black").isLessThan(20);
            assertThat(canvas.y(x - 6, y - 6)).as("the backdrop outside it").isBetween(40, 60);
            assertThat(program.failure()).isNull();
        }
    }

    private interface PixelTest { boolean test(int y, int u, int v); }

    private static int count(Yuv c, int x0, int x1, int y0, int y1, PixelTest test) {
        int n = 0;
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) if (test.test(c.y(x, y), c.u(x, y), c.v(x, y))) n++;
        return n;
    }

    // ---- the image banner ----

    @Test
    void anImageBannerTurnsItsImagesOnTheFrameItsIntervalSays() throws Exception {
        Path dir = TestWorkdir.fresh("banner");
        Path folder = Files.createDirectories(dir.resolve("sponsors"));
        solid(folder.resolve("1-red.png"), 0xFF0000, 40, 40);
        solid(folder.resolve("2-blue.jpg"), 0x0000FF, 40, 40);
        solid(folder.resolve("3-white.png"), 0xFFFFFF, 40, 40);
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        int x = 200, y = 100, w = 160, h = 80;
        Show show = show(dir, """
                {"name": "Sponsors", "kind": "image_banner", "path": "sponsors", "interval": 1, "width": 160, "height": 80,
                 "fit": "contain", "background": "#00FF00"}""",
                "{\"source\": \"Sponsors\", \"x\": %d, \"y\": %d, \"width\": %d, \"height\": %d}".formatted(x, y, w, h));
        // BT.601 limited-range luma of red, blue and white; the contained square leaves green bars left and right
        int[] lumas = {82, 41, 235};
        try (Program program = Program.start(show, dir); CanvasFrames frames = new CanvasFrames(program.compositor(), x, y, w, h)) {
            frames.awaitIndex(3L * FPS + 10);
            int checked = 0;
            for (CanvasFrames.Taken t : frames.taken()) {
                int expected = lumas[(int) (t.index() / FPS % 3)];
                byte[] r = t.region();
                assertThat(r[(h / 2) * w + w / 2] & 0xff).as("frame %d: image %d", t.index(), t.index() / FPS % 3 + 1)
                        .isBetween(expected - 3, expected + 3);
                assertThat(r[(h / 2) * w + 8] & 0xff).as("frame %d: the green bar", t.index()).isBetween(140, 150);
                checked++;
            }
            assertThat(checked).isGreaterThan(3 * FPS);
            assertThat(program.failure()).isNull();
        }
    }

    private static void solid(Path file, int rgb, int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int yy = 0; yy < h; yy++) for (int xx = 0; xx < w; xx++) image.setRGB(xx, yy, rgb);
        ImageIO.write(image, file.toString().endsWith(".jpg") ? "jpg" : "png", file.toFile());
    }

    // ---- helpers ----

    /** The luma of {@code rect} (x, y, w, h) as a compositor of its own draws {@code scene} on a canvas {@code width} wide. */
    static byte[] region(Scene scene, Function<String, VideoSource> sources, int width, int[] rect) throws Exception {
        try (ScenePlanner planner = new ScenePlanner(width, H)) {
            RenderPlan plan = planner.plan(scene, sources);
            try (Compositor c = new Compositor(width, H, FPS, plan)) {
                c.startFreeRunning(1);
                Compositor.Canvas canvas = c.nextCanvas(5_000);
                assertThat(canvas).isNotNull();
                try {
                    return CanvasFrames.luma(canvas.frame(), rect[0], rect[1], rect[2], rect[3]);
                } finally {
                    c.recycle(canvas);
                }
            }
        }
    }

    /** One composed canvas of a running program, its three planes copied. */
    record Yuv(int width, byte[] luma, byte[] cb, byte[] cr) {
        static Yuv take(Compositor compositor) throws InterruptedException {
            compositor.setEncoding(true);
            try {
                for (int i = 0; i < 10; i++) { // the first frames may come before the program was told to encode
                    Compositor.Canvas c = compositor.nextCanvas(1_000);
                    if (c == null) continue;
                    try {
                        if (c.index() < 2) continue;
                        AVFrame f = c.frame();
                        return new Yuv(f.width(), plane(f, 0, f.width(), f.height()), plane(f, 1, f.width() / 2, f.height() / 2),
                                plane(f, 2, f.width() / 2, f.height() / 2));
                    } finally {
                        compositor.recycle(c);
                    }
                }
                throw new AssertionError("no canvas");
            } finally {
                compositor.setEncoding(false);
            }
        }

        private static byte[] plane(AVFrame f, int p, int w, int h) {
            ByteBuffer b = f.data(p).capacity((long) f.linesize(p) * h).asByteBuffer();
            byte[] out = new byte[w * h];
            for (int r = 0; r < h; r++) b.get(r * f.linesize(p), out, r * w, w);
            return out;
        }

        int y(int x, int yy) { return luma[yy * width + x] & 0xff; }
        int u(int x, int yy) { return cb[(yy / 2) * (width / 2) + x / 2] & 0xff; }
        int v(int x, int yy) { return cr[(yy / 2) * (width / 2) + x / 2] & 0xff; }
    }
}
