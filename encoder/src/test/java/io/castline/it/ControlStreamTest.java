package io.castline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.control.ControlEvents;
import io.castline.control.ControlServer;
import io.castline.control.ControlToken;
import io.castline.control.ProgramShowControl;
import io.castline.engine.Broadcast;
import io.castline.engine.Program;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.destination.Destination;
import io.castline.engine.settings.Canvas;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Scene;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.source.ProductCardSource;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.stats.StatsJson;
import io.castline.engine.video.Compositor;
import io.castline.engine.video.RenderPlan;
import io.castline.engine.video.ScenePlanner;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.RawFrames;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control API end to end, judged on what arrived at a real nginx-rtmp: a running program and
 * broadcast, a producer's requests over real HTTP, and every frame of the received stream put back
 * on the program's clock (each reply says the program frame its request took effect on; the output
 * says where its timeline starts on that clock) and compared with the engine's own drawing of what
 * that frame should show: the card of each pin from the reply's frame or the one after, the new
 * price from an edit's frame (the old card does not match), the countdown's digits of each frame's
 * own time, and its sold_out end from exactly its end frame.
 */
class ControlStreamTest {
    private static final String KEY = "control_stream_7731";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int W = 640, H = 360, FPS = 30;
    /** The card's layer (the lower third's 1280x232 at half size) and the countdown's. */
    private static final int CARD_X = 0, CARD_Y = 244, CARD_W = 640, CARD_H = 116;
    private static final int CD_X = 160, CD_Y = 20, CD_W = 320, CD_H = 160;
    private static final int SECONDS = 3;
    /** A region matches a drawing at this PSNR or more (the encoder's loss stays well above it). */
    private static final double MATCH_DB = 30;

    private final HttpClient http = HttpClient.newHttpClient();

    private Show show(Path dir) throws Exception {
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": %d, "height": %d, "fps": %d},
                 "encoder": {"preset": "veryfast", "bitrate": "2500k", "gop": 1},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Card", "kind": "product_card", "template": "lower_third", "qr": false, "locale": "en-US",
                              "animation": "none"},
                             {"name": "Deal", "kind": "countdown", "duration": %d, "label": "Deal ends in", "size": 96,
                              "background": "#000000B0", "deal_price": "19.00", "at_end": "sold_out", "product": "TEE"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"},
                    {"source": "Deal", "x": %d, "y": %d, "width": %d, "height": %d},
                    {"source": "Card", "x": %d, "y": %d, "width": %d, "height": %d}]}],
                 "program": "Main", "recording": {"path": "unused.mkv"},
                 "products": [
                    {"sku": "TEE", "title": "Classic Tee", "variant": "Black / M", "price": "25.00", "compare_at_price": "35.00",
                     "currency": "USD", "stock": 3},
                    {"sku": "MUG", "title": "Ceramic Mug", "price": "14.50", "currency": "USD"}]}
                """.formatted(W, H, FPS, SECONDS, CD_X, CD_Y, CD_W, CD_H, CARD_X, CARD_Y, CARD_W, CARD_H));
        return ShowFile.read(file);
    }

    /** A change of the card that a request made: from program frame {@code frame} (its reply's) the card is {@code card}. */
    private record Change(String what, long frame, String card) {}

    @Test
    void whatArrivesShowsEachRequestFromTheFrameItsReplySays() throws Exception {
        Path dir = TestWorkdir.fresh("control-stream");
        Show show = show(dir);
        Product tee = show.product("TEE").orElseThrow();
        Product mug = show.product("MUG").orElseThrow();
        Product tee22 = tee.withPrice(new BigDecimal("22.00"));
        // the engine's own drawing of each card (and of none) at the card's rectangle
        Map<String, byte[]> cards = new LinkedHashMap<>();
        cards.put("none", reference(dir, show, null));
        cards.put("TEE 25.00", reference(dir, show, tee));
        cards.put("MUG", reference(dir, show, mug));
        cards.put("TEE 22.00", reference(dir, show, tee22));
        cards.put("TEE deal 19.00", reference(dir, show, tee22.withPrice(new BigDecimal("19.00")).withCompareAtPrice(tee22.price())));
        cards.put("TEE sold out", reference(dir, show, tee22.withStock(0)));
        Map<Long, byte[]> digits = countdownReferences(dir, show);

        AtomicReference<Broadcast> live = new AtomicReference<>();
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"));
             Program program = Program.start(show, dir)) {
            ControlEvents events = new ControlEvents();
            ControlToken token = ControlToken.random();
            ProgramShowControl control = new ProgramShowControl(program, events, ProgramShowControl.alwaysLive(() -> {
                Broadcast b = live.get();
                return b == null || b.lastSnapshot() == null ? Map.of() : StatsJson.map(b.lastSnapshot());
            }));
            ControlServer server = ControlServer.start(control, events, token, 0, false);
            List<Change> changes = new ArrayList<>();
            Countdown deal;
            long origin;
            long dropped;
            long lost; // frames the program's clock lagged past or skipped while broadcasting
            Broadcast b = Broadcast.start(Broadcast.Config.ofShow(show, dir,
                    List.of(OutputTarget.network(Destination.parse("main", nginx.url(NginxRtmp.LIVE, KEY)))), Output.Config.standard()),
                    null, program);
            live.set(b);
            long lostBefore = program.compositor().lagged() + program.compositor().skipped();
            try {
                LiveFixture.await("live to nginx", Duration.ofSeconds(15), () -> b.output("main").state() == OutputState.LIVE);
                Api api = new Api(server.port(), token.reveal());
                // the output's origin on the program's clock, as a remote reads it (GetStats) and as the engine has it
                LiveFixture.await("the stats with the output's origin", Duration.ofSeconds(10),
                        () -> api.call("GetStats", null).path("outputs").path(0).path("origin_micros").isIntegralNumber());
                origin = api.call("GetStats", null).path("outputs").path(0).path("origin_micros").asLong();
                assertThat(b.output("main").originMicros()).isEqualTo(origin);
                assertThat(b.output("main").status().originMicros()).isEqualTo(origin);
                LiveFixture.sleepSeconds(0.5);

                // pins: each reply says the frame it took effect on
                changes.add(new Change("pin TEE", api.frame("PinProduct", "{\"sku\": \"TEE\"}"), "TEE 25.00"));
                LiveFixture.sleepSeconds(0.4);
                changes.add(new Change("pin next (MUG)", api.frame("PinNextProduct", null), "MUG"));
                LiveFixture.sleepSeconds(0.4);
                changes.add(new Change("unpin", api.frame("UnpinProduct", null), "none"));
                LiveFixture.sleepSeconds(0.4);
                changes.add(new Change("pin TEE again", api.frame("PinProduct", "{\"sku\": \"TEE\"}"), "TEE 25.00"));
                LiveFixture.sleepSeconds(0.4);
                changes.add(new Change("pin previous (MUG)", api.frame("PinPreviousProduct", null), "MUG"));
                LiveFixture.sleepSeconds(0.4);
                changes.add(new Change("pin next (TEE)", api.frame("PinNextProduct", null), "TEE 25.00"));
                LiveFixture.sleepSeconds(0.4);
                // a price edit
                changes.add(new Change("price 22.00", api.frame("SetProduct", "{\"sku\": \"TEE\", \"price\": \"22.00\"}"), "TEE 22.00"));
                LiveFixture.sleepSeconds(0.8);
                // the deal countdown: the deal price while it runs, SOLD OUT from its end frame
                JsonNode started = api.call("StartCountdown", "{\"name\": \"Deal\"}");
                deal = new Countdown(SECONDS * FPS, started.path("countdown").path("remaining_frames").asLong(),
                        started.path("countdown").path("anchor_frame").asLong(), started.path("countdown").path("running").asBoolean());
                assertThat(started.path("frame").asLong()).as("StartCountdown's frame is its anchor").isEqualTo(deal.anchorFrame());
                assertThat(started.path("countdown").path("end_frame").asLong()).isEqualTo(deal.endFrame());
                assertThat(deal.endFrame() - deal.anchorFrame()).isEqualTo(SECONDS * FPS);
                LiveFixture.await("past the countdown's end", Duration.ofSeconds(10),
                        () -> program.compositor().nextIndex() > deal.endFrame() + FPS);
                assertThat(api.call("GetProductList", null).path("products").path(0).path("stock").asInt())
                        .as("the sale taken in").isZero();
            } finally {
                b.stop();
                server.close();
                control.close();
            }
            dropped = b.output("main").status().droppedFrames();
            lost = program.compositor().lagged() + program.compositor().skipped() - lostBefore;
            assertThat(program.failure()).isNull();

            nginx.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            Path arrived = nginx.recordings(KEY).get(0);
            List<byte[]> planes = RawFrames.lumaPlanes(arrived, W, H);
            List<Double> times = Ffprobe.decode(arrived).videoTimes();
            assertThat(planes).hasSameSizeAs(times).hasSizeGreaterThan(8 * FPS);

            // each frame that arrived, on the program's clock: program frame = (t·10⁶ + origin)·fps/10⁶
            TreeMap<Long, byte[]> byFrame = new TreeMap<>();
            for (int i = 0; i < planes.size(); i++) {
                double exact = (times.get(i) * 1e6 + origin) * FPS / 1e6;
                long p = Math.round(exact);
                assertThat(Math.abs(exact - p)).as("frame %d at %.4f s lands on a program frame", i, times.get(i)).isLessThan(0.1);
                assertThat(byFrame.put(p, planes.get(i))).as("program frame %d arrived once", p).isNull();
            }
            long first = byFrame.firstKey();
            List<String> gaps = new ArrayList<>();
            long previous = first - 1;
            for (long p : byFrame.keySet()) {
                if (p != previous + 1) gaps.add((previous + 1) + ".." + (p - 1));
                previous = p;
            }
            // every program frame from the first arrived, but those the clock missed on a busy machine or the output dropped
            long missing = byFrame.lastKey() - first + 1 - byFrame.size();
            assertThat(missing).as("program frames missing from the stream: %s", gaps).isLessThanOrEqualTo(lost + dropped);
            System.out.printf("FIGURES origin %d µs = program frame %.3f; first frame arrived at %.4f s = program frame %d"
                    + " (the B-frames' delay); %d frames arrived, missing %s (the clock lagged or skipped %d, the output dropped %d)%n",
                    origin, origin * FPS / 1e6, times.get(0), first, byFrame.size(), gaps, lost, dropped);

            // (3) the countdown shows the digits of each frame's own time: 0:03 before its start, and frame-exact after
            long a = deal.anchorFrame(), end = deal.endFrame();
            double worstDigits = Double.POSITIVE_INFINITY;
            int boundaries = 0;
            for (Map.Entry<Long, byte[]> f : byFrame.entrySet()) {
                long p = f.getKey();
                long seconds = p < a ? SECONDS : deal.secondsShownAt(p, FPS);
                byte[] region = region(f.getValue(), CD_X, CD_Y, CD_W, CD_H);
                long best = nearest(region, digits);
                assertThat(best).as("program frame %d (countdown from %d, ends %d) shows 0:0%d", p, a, end, seconds).isEqualTo(seconds);
                double db = psnr(region, digits.get(seconds));
                assertThat(db).as("program frame %d: the countdown's digits as the engine draws them", p).isGreaterThanOrEqualTo(MATCH_DB);
                worstDigits = Math.min(worstDigits, db);
                if (p >= a && p <= end && (p - a) % FPS == 0 && p > a) boundaries++;
            }
            assertThat(boundaries).as("second boundaries checked frame-exactly (missing frames: %s)", gaps)
                    .isGreaterThanOrEqualTo(SECONDS - (int) missing);

            // (1) (2) (4) the card of each frame
            List<Change> all = new ArrayList<>(changes);
            Change dealShown = new Change("deal price", a, "TEE deal 19.00");
            all.add(dealShown);
            Change soldOut = new Change("sold out (end frame)", end, "TEE sold out");
            all.add(soldOut);
            Map<Change, Long> appeared = new LinkedHashMap<>();
            double worstCard = Double.POSITIVE_INFINITY;
            for (Map.Entry<Long, byte[]> f : byFrame.entrySet()) {
                long p = f.getKey();
                byte[] region = region(f.getValue(), CARD_X, CARD_Y, CARD_W, CARD_H);
                Set<String> allowed = allowed(all, p, soldOut);
                String best = nearest(region, cards);
                assertThat(allowed).as("program frame %d shows %s", p, best).contains(best);
                double db = psnr(region, cards.get(best));
                assertThat(db).as("program frame %d: %s as the engine draws it", p, best).isGreaterThanOrEqualTo(MATCH_DB);
                worstCard = Math.min(worstCard, db);
                // each change's card first shows on: (from a frame before its reply's, to catch one too early)
                for (Change c : all) if (!appeared.containsKey(c) && p >= c.frame() - 1 && best.equals(c.card())) appeared.put(c, p);
            }
            List<Long> pinOffsets = new ArrayList<>();
            for (Change c : all) {
                assertThat(appeared).as("%s appeared", c.what()).containsKey(c);
                long offset = appeared.get(c) - c.frame();
                System.out.printf("FIGURES %s: reply frame %d, first in the stream on program frame %d (+%d)%n",
                        c.what(), c.frame(), appeared.get(c), offset);
                // (a frame the clock missed is not in the stream: the first that arrived from then on)
                if (c == soldOut) {
                    assertThat(appeared.get(c)).as("SOLD OUT from exactly the end frame").isEqualTo(byFrame.ceilingKey(end));
                } else if (c == dealShown) {
                    assertThat(offset).as("the deal price on the countdown's first frame or the next").isGreaterThanOrEqualTo(-1);
                    assertThat(appeared.get(c)).isLessThanOrEqualTo(byFrame.ceilingKey(a + 1));
                } else {
                    assertThat(offset).as("%s: not before the reply's frame", c.what()).isNotNegative();
                    assertThat(appeared.get(c)).as("%s: in the stream within 2 frames of the reply's frame %d", c.what(), c.frame())
                            .isLessThanOrEqualTo(byFrame.ceilingKey(c.frame() + 1));
                    if (c.what().startsWith("pin")) pinOffsets.add(offset);
                }
            }
            System.out.println("FIGURES pins: frames after the reply's frame the card first arrived: " + pinOffsets);

            // (2) the edited price: after the edit every frame matches the new card, and not the old one, where they differ
            Change edit = changes.get(changes.size() - 1);
            int[] box = differingBox(cards.get("TEE 25.00"), cards.get("TEE 22.00"), CARD_W);
            byte[] oldBox = crop(cards.get("TEE 25.00"), CARD_W, box);
            byte[] newBox = crop(cards.get("TEE 22.00"), CARD_W, box);
            double oldVsNew = psnr(oldBox, newBox);
            assertThat(oldVsNew).as("the old price's card against the new one, where they differ").isLessThan(MATCH_DB);
            double newMin = Double.POSITIVE_INFINITY, oldMax = Double.NEGATIVE_INFINITY;
            int edited = 0;
            for (Map.Entry<Long, byte[]> f : byFrame.subMap(edit.frame() + 1, a - 1).entrySet()) {
                byte[] got = crop(region(f.getValue(), CARD_X, CARD_Y, CARD_W, CARD_H), CARD_W, box);
                newMin = Math.min(newMin, psnr(got, newBox));
                oldMax = Math.max(oldMax, psnr(got, oldBox));
                edited++;
            }
            System.out.printf("FIGURES price edit: %d frames, price area %dx%d: new card %.1f dB at worst, old card %.1f dB at best"
                    + " (old vs new drawn: %.1f dB); whole regions: digits %.1f dB, cards %.1f dB at worst%n",
                    edited, box[2], box[3], newMin, oldMax, oldVsNew, worstDigits, worstCard);
            assertThat(edited).isGreaterThan(FPS / 2);
            assertThat(newMin).as("each frame after the edit shows the new price").isGreaterThanOrEqualTo(MATCH_DB);
            assertThat(oldMax).as("no frame after the edit shows the old price").isLessThan(MATCH_DB);
        }
    }

    /**
     * What the card may show on program frame {@code p}: what the last change before it made, and
     * on a change's own frame (the clock may have been drawing it) what came before too; the end
     * action's card from exactly its frame.
     */
    private static Set<String> allowed(List<Change> all, long p, Change exact) {
        String before = "none";
        Set<String> out = new java.util.HashSet<>();
        for (Change c : all) {
            if (c == exact) {
                if (p >= c.frame()) before = c.card();
                continue;
            }
            if (p > c.frame()) before = c.card();
            else if (p == c.frame() || (c.what().equals("deal price") && p == c.frame() - 1)) out.add(c.card());
        }
        out.add(before);
        return out;
    }

    /** Requests over real HTTP with the token. */
    private final class Api {
        private final int port;
        private final String token;

        Api(int port, String token) {
            this.port = port;
            this.token = token;
        }

        JsonNode call(String request, String body) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests/" + request))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(request + ": " + r.body()).isEqualTo(200);
                return JSON.readTree(r.body()).get("data");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The program frame the request's reply says it took effect on. */
        long frame(String request, String body) {
            JsonNode data = call(request, body);
            assertThat(data.path("frame").isIntegralNumber()).as(request + " answers its frame: " + data).isTrue();
            return data.path("frame").asLong();
        }
    }

    // ---- the engine's own drawings ----

    /** The card region as a compositor of its own draws the scene's card with {@code product} (null: nothing pinned). */
    private static byte[] reference(Path dir, Show show, Product product) throws Exception {
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, FPS), dir);
        try (OpenedSource back = SourceKinds.open(show.source("Back").orElseThrow(), context);
             OpenedSource card = SourceKinds.open(show.source("Card").orElseThrow(), context);
             ScenePlanner planner = new ScenePlanner(W, H)) {
            Scene main = show.scene("Main").orElseThrow();
            List<Layer> layers = new ArrayList<>(List.of(main.layers().get(0)));
            if (product != null) {
                ((ProductCardSource) card.video()).show(product);
                layers.add(main.layers().get(2));
            }
            return draw(planner.plan(new Scene("Main", layers), n -> n.equals("Back") ? back.video() : card.video()),
                    CARD_X, CARD_Y, CARD_W, CARD_H);
        }
    }

    /** The countdown region as the engine draws each value of it (paused there). */
    private static Map<Long, byte[]> countdownReferences(Path dir, Show show) throws Exception {
        Map<Long, byte[]> out = new TreeMap<>();
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, FPS), dir);
        try (OpenedSource back = SourceKinds.open(show.source("Back").orElseThrow(), context);
             OpenedSource deal = SourceKinds.open(show.source("Deal").orElseThrow(), context);
             ScenePlanner planner = new ScenePlanner(W, H)) {
            CountdownSource c = (CountdownSource) deal.video();
            Scene main = show.scene("Main").orElseThrow();
            Scene scene = new Scene("Main", List.of(main.layers().get(0), main.layers().get(1)));
            for (long v = SECONDS; v >= 0; v--) {
                c.reset();
                c.start(0);
                c.pause(SECONDS * FPS - v * FPS);
                out.put(v, draw(planner.plan(scene, n -> n.equals("Back") ? back.video() : deal.video()), CD_X, CD_Y, CD_W, CD_H));
            }
        }
        return out;
    }

    private static byte[] draw(RenderPlan plan, int x, int y, int w, int h) throws Exception {
        try (Compositor c = new Compositor(W, H, FPS, plan)) {
            c.startFreeRunning(1);
            Compositor.Canvas canvas = c.nextCanvas(5_000);
            assertThat(canvas).isNotNull();
            try {
                return CanvasFrames.luma(canvas.frame(), x, y, w, h);
            } finally {
                c.recycle(canvas);
            }
        }
    }

    // ---- comparing pictures ----

    private static byte[] region(byte[] plane, int x, int y, int w, int h) {
        byte[] out = new byte[w * h];
        for (int row = 0; row < h; row++) System.arraycopy(plane, (y + row) * W + x, out, row * w, w);
        return out;
    }

    static double psnr(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xff) - (b[i] & 0xff);
            sum += d * d;
        }
        double mse = sum / a.length;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static <K> K nearest(byte[] region, Map<K, byte[]> drawings) {
        K best = null;
        double bestDb = Double.NEGATIVE_INFINITY;
        for (Map.Entry<K, byte[]> e : drawings.entrySet()) {
            double db = psnr(region, e.getValue());
            if (db > bestDb) {
                bestDb = db;
                best = e.getKey();
            }
        }
        return best;
    }

    /** The bounding box {x, y, w, h} of the pixels where two drawings of a region of width {@code w} differ. */
    private static int[] differingBox(byte[] a, byte[] b, int w) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs((a[i] & 0xff) - (b[i] & 0xff)) < 16) continue;
            int x = i % w, y = i / w;
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
        }
        assertThat(x1).as("the two drawings differ").isGreaterThanOrEqualTo(0);
        return new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    private static byte[] crop(byte[] region, int w, int[] box) {
        byte[] out = new byte[box[2] * box[3]];
        for (int row = 0; row < box[3]; row++) System.arraycopy(region, (box[1] + row) * w + box[0], out, row * box[2], box[2]);
        return out;
    }
}
