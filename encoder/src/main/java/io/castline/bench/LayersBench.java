package io.castline.bench;

import io.castline.engine.clock.MediaClock;
import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.show.Crop;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Scene;
import io.castline.engine.commerce.Product;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.source.ProductCardSource;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.source.VideoSource;
import io.castline.engine.video.Compositor;
import io.castline.engine.video.RenderPlan;
import io.castline.engine.video.ScenePlanner;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code castline bench --layers 1,4,8}: the compositor on the clock with N layers at the canvas
 * (1080p30 by default) — camera-like video layers scaled into their rectangles and stills with
 * alpha (a logo, a lower-third text, translucent boxes) — while x264 encodes every canvas beside it,
 * as on air. Prints the milliseconds per composed frame, the compositor thread's CPU and
 * allocation per frame, the lagged and skipped frames and the encoded rate, per repeat.
 */
public final class LayersBench {
    /** What one run measured. */
    public record Result(int layers, int repeat, long composed, double composeMsPerFrame, double convertMsPerFrame,
                         double threadCpuMsPerFrame, double allocatedBytesPerFrame, long lagged, long skipped, double encodedFps) {
        String line() {
            return String.format(Locale.ROOT, "layers %d (run %d): %.2f ms/frame composed (%.2f in swscale), compositor CPU "
                            + "%.2f ms/frame, %.0f B/frame allocated, %d lagged, %d skipped, %.1f fps encoded",
                    layers, repeat, composeMsPerFrame, convertMsPerFrame, threadCpuMsPerFrame, allocatedBytesPerFrame,
                    lagged, skipped, encodedFps);
        }
    }

    private final EncoderSettings settings;
    private final double seconds;
    private final PrintStream progress;
    private final boolean overlays;

    public LayersBench(EncoderSettings settings, double seconds, PrintStream progress) {
        this(settings, seconds, progress, false);
    }

    /**
     * @param overlays a pinned product card (lower third, with its QR code), a running countdown, a
     *                 scrolling ticker and a host's lower third on top of each scene
     */
    public LayersBench(EncoderSettings settings, double seconds, PrintStream progress, boolean overlays) {
        this.settings = settings;
        this.seconds = seconds;
        this.progress = progress;
        this.overlays = overlays;
    }

    /** Runs each layer count {@code repeats} times, interleaved (1, 4, 8, 1, 4, 8, …). */
    public List<Result> run(List<Integer> layerCounts, int repeats) throws BenchException {
        List<Result> results = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            for (int n : layerCounts) {
                Result result = runOnce(n, r);
                results.add(result);
                if (progress != null) progress.println(result.line());
            }
        }
        return results;
    }

    private Result runOnce(int layers, int repeat) throws BenchException {
        Canvas canvas = Canvas.of(settings);
        Map<String, VideoSource> sources = new LinkedHashMap<>();
        List<OpenedSource> stills = new ArrayList<>();
        ScenePlanner planner = new ScenePlanner(canvas.width(), canvas.height());
        Compositor compositor = null;
        VideoEncoder encoder = null;
        try {
            Scene scene = scene(layers, canvas, sources, stills);
            sources.values().forEach(VideoSource::start);
            RenderPlan plan = planner.plan(scene, sources::get);
            compositor = new Compositor(canvas.width(), canvas.height(), canvas.fps(), plan);
            encoder = PipelineParts.openEncoder(settings);
            VideoEncoder enc = encoder;
            Compositor comp = compositor;
            long[] encoded = new long[1];
            Throwable[] failure = new Throwable[1];
            Consumer<EncodedPacket> discard = EncodedPacket::close;
            Thread encodeThread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Compositor.Canvas c = comp.nextCanvas(100);
                        if (c == null) continue;
                        try {
                            enc.encode(c.frame(), c.composedNanos(), discard);
                        } finally {
                            comp.recycle(c);
                        }
                        encoded[0]++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (AvException | RuntimeException e) {
                    failure[0] = e;
                }
            }, "castline-video-encoder");
            encodeThread.setDaemon(true);
            encodeThread.start();
            // one second to settle (first frames, x264's lookahead), then the measured part
            compositor.start(MediaClock.startingNow());
            sleep(1000);
            long composed0 = compositor.composed();
            long render0 = compositor.renderNanos();
            long convert0 = compositor.convertNanos();
            long lagged0 = compositor.lagged();
            long skipped0 = compositor.skipped();
            long encoded0 = encoded[0];
            Thread compositorThread = thread("castline-compositor");
            long cpu0 = threadCpu(compositorThread);
            long alloc0 = threadAllocated(compositorThread);
            long t0 = System.nanoTime();
            sleep((long) (seconds * 1000));
            long t1 = System.nanoTime();
            long composed = compositor.composed() - composed0;
            long cpu = threadCpu(compositorThread) - cpu0;
            long alloc = threadAllocated(compositorThread) - alloc0;
            double frames = Math.max(1, composed);
            Result result = new Result(layers, repeat, composed, (compositor.renderNanos() - render0) / 1e6 / frames,
                    (compositor.convertNanos() - convert0) / 1e6 / frames, cpu / 1e6 / frames, alloc / frames,
                    compositor.lagged() - lagged0, compositor.skipped() - skipped0, (encoded[0] - encoded0) * 1e9 / (t1 - t0));
            encodeThread.interrupt();
            encodeThread.join(5_000);
            if (failure[0] != null) throw new BenchException("encoder: " + failure[0].getMessage(), failure[0]);
            if (compositor.failure() != null) throw new BenchException("compositor: " + compositor.failure().getMessage());
            return result;
        } catch (AvException e) {
            throw new BenchException("cannot set up " + layers + " layers: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        } finally {
            if (compositor != null) compositor.close();
            if (encoder != null) encoder.close();
            sources.values().forEach(VideoSource::close);
            stills.forEach(OpenedSource::close);
            planner.close();
        }
    }

    /**
     * The scene of {@code n} layers, as a produced show has them: a full-canvas camera, then
     * picture-in-picture cameras and stills with alpha in turn. Cameras are 720p 4:2:2 (what USB
     * cameras send), scaled into their rectangles.
     */
    private Scene scene(int n, Canvas c, Map<String, VideoSource> sources, List<OpenedSource> stills) throws BenchException, AvException {
        int w = c.width();
        int h = c.height();
        List<Layer> layers = new ArrayList<>();
        SourceKind.Context context = new SourceKind.Context(c, null);
        for (int i = 0; i < n; i++) {
            String name = "layer" + i;
            Layer layer;
            if (i == 0) {
                sources.put(name, new LoopingFrames(name, 1280, 720, c.fps(), "yuyv422"));
                layer = Layer.of(name, 0, 0, w, h, Fit.COVER);
            } else if (i % 2 == 1) {
                // stills: a logo-like box with soft alpha, a lower-third text, translucent colour boxes
                SourceConfig config = switch ((i / 2) % 3) {
                    case 0 -> SourceConfig.of(name, "text", "text", "Flash sale — 30% off today only", "size", h / 18,
                            "color", "#FFFFFF", "outline_color", "#000000", "background", "#10203080");
                    case 1 -> SourceConfig.of(name, "color", "color", "#E0202080");
                    default -> SourceConfig.of(name, "text", "text", "LIVE", "size", h / 12, "color", "#FFFFFFE0", "bold", true);
                };
                OpenedSource opened = SourceKinds.open(config, context);
                stills.add(opened);
                sources.put(name, opened.video());
                int k = i / 2;
                layer = switch (k % 3) {
                    case 0 -> Layer.of(name, w / 20, h * 3 / 4, w * 3 / 5, h / 8, Fit.CONTAIN);
                    case 1 -> Layer.of(name, w * 2 / 3, h / 20, w / 4, h / 5, Fit.STRETCH);
                    default -> Layer.of(name, w / 20, h / 20, w / 8, h / 10, Fit.CONTAIN);
                };
            } else {
                sources.put(name, new LoopingFrames(name, 1280, 720, c.fps(), "yuyv422"));
                int k = i / 2 - 1;
                int pw = w / 4;
                int ph = h / 4;
                layer = new Layer(name, w - pw - w / 40 - (k % 2) * (pw + w / 40), h - ph - h / 20 - (k / 2) * (ph + h / 40),
                        pw, ph, Fit.COVER, new Crop(80, 0, 80, 0), 1.0, true, false);
            }
            layers.add(layer);
        }
        if (overlays) {
            OpenedSource card = SourceKinds.open(SourceConfig.of("card", "product_card", "template", "lower_third"), context);
            stills.add(card);
            ((ProductCardSource) card.video()).show(new Product("TEE-BLK-M", "Classic Tee", "Black / M", new BigDecimal("25.00"),
                    new BigDecimal("35.00"), "USD", null, 3, "https://shop.example/products/classic-tee"));
            sources.put("card", card.video());
            layers.add(Layer.of("card", w / 6, h - h * 232 / 1080 - h / 30, w * 2 / 3, h * 232 / 1080, Fit.CONTAIN));
            OpenedSource countdown = SourceKinds.open(SourceConfig.of("countdown", "countdown", "duration", 600,
                    "label", "Deal ends in", "background", "#000000B0"), context);
            stills.add(countdown);
            ((CountdownSource) countdown.video()).start(0);
            sources.put("countdown", countdown.video());
            layers.add(Layer.of("countdown", w - w / 5 - w / 40, h / 20, w / 5, h / 6, Fit.CONTAIN));
            // a news ticker along the bottom edge, scrolling every frame, and the host's lower third above the card
            OpenedSource ticker = SourceKinds.open(SourceConfig.of("ticker", "ticker", "text",
                    "Free shipping over $50 today only — new arrivals every Friday — ask the host in the chat", "size", h / 27,
                    "speed", 160, "background", "#101820E0"), context);
            stills.add(ticker);
            sources.put("ticker", ticker.video());
            layers.add(Layer.of("ticker", 0, h - h / 30, w, h / 30, Fit.STRETCH));
            OpenedSource lowerThird = SourceKinds.open(SourceConfig.of("lower_third", "lower_third", "title", "Ana Lima",
                    "subtitle", "Head of Style", "size", h / 24), context);
            stills.add(lowerThird);
            sources.put("lower_third", lowerThird.video());
            layers.add(Layer.of("lower_third", w / 6, h - h * 232 / 1080 - h / 30 - h / 8, w / 4, h / 10, Fit.CONTAIN));
        }
        return new Scene(n + " layers" + (overlays ? " + card + countdown + ticker + lower third" : ""), layers);
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst().orElse(null);
    }

    private static long threadCpu(Thread t) {
        return t == null ? 0 : ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
    }

    private static long threadAllocated(Thread t) {
        if (t == null || !(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)) return 0;
        return mx.getThreadAllocatedBytes(t.getId());
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
