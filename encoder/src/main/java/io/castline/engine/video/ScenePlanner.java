package io.castline.engine.video;

import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.show.Crop;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Scene;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.ImageBannerSource;
import io.castline.engine.source.ProductCardSource;
import io.castline.engine.source.Still;
import io.castline.engine.source.StillSource;
import io.castline.engine.source.TickerSource;
import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

/**
 * Makes the {@link RenderPlan} of a scene (off the clock thread): a video layer per layer over a
 * source with frames, a {@link PreparedStill} per still layer. Keeps what is costly to make — the
 * converted stills and each source's no-signal card — so that re-planning after an edit redoes
 * only what the edit changed. Not thread-safe: one owner (the program's control thread).
 */
public final class ScenePlanner implements AutoCloseable {
    /** Converted stills kept for re-planning (a few scenes' worth). */
    private static final int STILL_CACHE = 64;
    /** The card's own size: scaled into each layer, it needs no more detail than this. */
    private static final int CARD_WIDTH = 640;

    private record StillKey(StillSource source, Still still, Layer layer) {}
    /** A drawn source's converted parts for one layer (a ticker's strip, a banner's images): they never change. */
    private record PartsKey(VideoSource source, Layer layer) {}

    private final int width;
    private final int height;
    private final Map<VideoSource, AVFrame> cards = new IdentityHashMap<>();
    private final List<AVFrame> retired = new ArrayList<>();
    private final Map<StillKey, PreparedStill> stills = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<StillKey, PreparedStill> eldest) {
            return size() > STILL_CACHE;
        }
    };

    private final Map<PartsKey, RenderPlan.Item> parts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<PartsKey, RenderPlan.Item> eldest) {
            return size() > STILL_CACHE;
        }
    };

    public ScenePlanner(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * The plan of {@code scene}; {@code sources} gives the opened source of each name (a layer
     * whose source is missing or has no picture is left out). Invisible layers are left out.
     */
    public RenderPlan plan(Scene scene, Function<String, VideoSource> sources) throws AvException {
        List<RenderPlan.Item> items = new ArrayList<>();
        for (Layer layer : scene.layers()) {
            if (!layer.visible() || layer.opacity() <= 0) continue;
            VideoSource source = sources.apply(layer.source());
            if (source == null) continue;
            if (source instanceof CountdownSource countdown) {
                items.add(countdown(countdown, layer));
            } else if (source instanceof TickerSource || source instanceof ImageBannerSource) {
                RenderPlan.Item item = parts.computeIfAbsent(new PartsKey(source, layer), k -> k.source() instanceof TickerSource t
                        ? ticker(t, k.layer()) : slides((ImageBannerSource) k.source(), k.layer()));
                if (item != null) items.add(item);
            } else if (source instanceof ProductCardSource card && card.motion().animated()) {
                // in the plan even with nothing pinned: the renderer sees the card come from its first frame
                ProductCardSource.Shown shown = card.shown();
                // and the picture it changes to by itself on a frame (a countdown's end), if any
                ProductCardSource.Pictures pictures = card.pictures();
                Still later = pictures.after();
                stills.keySet().removeIf(k -> k.source() == card && k.still() != shown.current() && k.still() != shown.previous()
                        && k.still() != later);
                items.add(new RenderPlan.CardItem(card, prepared(card, shown.current(), layer), prepared(card, shown.previous(), layer),
                        shown.serial(), shown.change(), card.motion(), later == null ? null : prepared(card, later, layer),
                        pictures.from()));
            } else if (source instanceof StillSource still && still.still() != null) {
                // a product card may change by itself on a frame (a countdown's end): both pictures, read together
                ProductCardSource.Pictures card = source instanceof ProductCardSource c ? c.pictures() : null;
                Still later = card == null ? null : card.after();
                long from = card == null ? Long.MAX_VALUE : card.from();
                Still picture = card == null ? still.still() : card.now();
                if (picture == Still.BLANK) continue;
                // a drawn source (a product card) has a new picture: what was made of its old ones goes
                stills.keySet().removeIf(k -> k.source() == still && k.still() != picture && k.still() != later);
                PreparedStill prepared = prepared(still, picture, layer);
                if (prepared == null) continue;
                if (later == null) items.add(new RenderPlan.StillItem(prepared));
                else items.add(new RenderPlan.StillItem(prepared, prepared(still, later, layer), from));
            } else {
                items.add(new RenderPlan.VideoItem(source, layer, card(source)));
            }
        }
        return new RenderPlan(scene.name(), items);
    }

    /**
     * A countdown's parts in {@code layer}: its face fitted in the layer (aspect kept, centred; its
     * crop is not applied), each digit cell at its place in that.
     */
    private RenderPlan.CountdownItem countdown(CountdownSource source, Layer layer) {
        Still bg = source.background();
        double s = Math.min(layer.width() / (double) bg.width(), layer.height() / (double) bg.height());
        double fx = layer.x() + (layer.width() - bg.width() * s) / 2;
        double fy = layer.y() + (layer.height() - bg.height() * s) / 2;
        PreparedStill background = PreparedStill.of(bg, placed(fx, fy, bg.width() * s, bg.height() * s, layer), width, height);
        List<java.awt.Rectangle> cells = source.face().cells();
        PreparedStill[][] digits = new PreparedStill[cells.size()][10];
        for (int c = 0; c < cells.size(); c++) {
            java.awt.Rectangle r = cells.get(c);
            Layer at = placed(fx + r.x * s, fy + r.y * s, r.width * s, r.height * s, layer);
            for (int d = 0; d < 10; d++) digits[c][d] = PreparedStill.of(source.digit(d), at, width, height);
        }
        return new RenderPlan.CountdownItem(source, background, digits);
    }

    /** {@code picture} of {@code source} converted for {@code layer} (kept for re-planning); null for none. */
    private PreparedStill prepared(StillSource source, Still picture, Layer layer) {
        if (picture == null) return null;
        return stills.computeIfAbsent(new StillKey(source, picture, layer), k -> PreparedStill.of(k.still(), k.layer(), width, height));
    }

    /**
     * A ticker in {@code layer}: the bar is the layer's rectangle (even), the strip scaled to its
     * height, one period of it converted once; null when none of the bar is on the canvas.
     */
    private RenderPlan.TickerItem ticker(TickerSource source, Layer layer) {
        Still strip = source.strip();
        int x = layer.x() & ~1;
        int y = layer.y() & ~1;
        int h = Math.max(2, layer.height() & ~1);
        int x0 = Math.max(0, x);
        int x1 = Math.min(width, x + Math.max(2, layer.width() & ~1));
        int y0 = Math.max(0, y);
        int y1 = Math.min(height, y + h);
        if (x1 - x0 < 2 || y1 - y0 < 2) return null;
        int period = Math.max(2, (int) Math.round(strip.width() * (double) h / strip.height()) & ~1);
        PreparedStill prepared = PreparedStill.whole(strip, 0, 0, period, h, layer.opacity());
        return new RenderPlan.TickerItem(source, prepared, period, x, x0, x1, y0, y0 - y, y1 - y0);
    }

    /** A banner's images, each converted for its place in {@code layer}; null when none is on the canvas. */
    private RenderPlan.SlidesItem slides(ImageBannerSource source, Layer layer) {
        PreparedStill[] slides = new PreparedStill[source.slides()];
        boolean any = false;
        for (int i = 0; i < slides.length; i++) {
            slides[i] = PreparedStill.of(source.slide(i), layer, width, height);
            any |= slides[i] != null;
        }
        return any ? new RenderPlan.SlidesItem(slides, source.framesEach()) : null;
    }

    private static Layer placed(double x, double y, double w, double h, Layer layer) {
        return new Layer(layer.source(), (int) Math.round(x), (int) Math.round(y), Math.max(1, (int) Math.round(w)),
                Math.max(1, (int) Math.round(h)), Fit.STRETCH, Crop.NONE, layer.opacity(), true, false);
    }

    /**
     * Forgets what was made for {@code source} (closed or re-opened with new settings). Its card is
     * freed only at {@link #close}: a plan the compositor still draws may point at it.
     */
    public void forget(VideoSource source) {
        AVFrame card = cards.remove(source);
        if (card != null) retired.add(card);
        if (source instanceof StillSource s) stills.keySet().removeIf(k -> k.source() == s);
        parts.keySet().removeIf(k -> k.source() == source);
    }

    private AVFrame card(VideoSource source) throws AvException {
        AVFrame card = cards.get(source);
        if (card == null) {
            int w = Math.min(width, CARD_WIDTH) & ~1;
            int h = Math.max(2, (int) ((long) w * height / width) & ~1);
            card = NoSignalCard.render(w, h, source.label());
            cards.put(source, card);
        }
        return card;
    }

    @Override public void close() {
        cards.values().forEach(c -> av_frame_free(c));
        cards.clear();
        retired.forEach(c -> av_frame_free(c));
        retired.clear();
        stills.clear();
        parts.clear();
    }
}
