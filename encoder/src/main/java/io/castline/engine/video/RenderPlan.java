package io.castline.engine.video;

import io.castline.engine.show.Layer;
import io.castline.engine.source.CardMotion;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.ProductCardSource;
import io.castline.engine.source.TickerSource;
import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the compositor draws for one scene, bottom to top: immutable, made off the clock thread
 * (stills already converted), swapped in whole when the scene or an edit changes it. The frames
 * of its video layers are read at each tick.
 */
public final class RenderPlan {

    /** One layer ready to draw. */
    public sealed interface Item permits VideoItem, StillItem, CountdownItem, TickerItem, SlidesItem, CardItem {}

    /**
     * A layer over a source with frames (or a still that could not be made): scaled with
     * libswscale each tick; {@code noSignal} is drawn in its place while the source has nothing.
     */
    public record VideoItem(VideoSource source, Layer layer, AVFrame noSignal) implements Item {}

    /**
     * A still, converted for its place; from the program's frame {@code afterFrame} on, {@code after}
     * in its place (a product card that a countdown's end changes on that very frame), else null.
     */
    public record StillItem(PreparedStill still, PreparedStill after, long afterFrame) implements Item {
        public StillItem(PreparedStill still) { this(still, null, Long.MAX_VALUE); }

        /** What is drawn on the program's frame {@code frame}. */
        public PreparedStill at(long frame) { return frame >= afterFrame ? after : still; }
    }

    /**
     * A countdown: its background and, for each digit cell, each of the ten digits, converted for
     * their places; each tick draws the digits of that frame's time ({@code digits[cell][digit]},
     * null where a cell is off the canvas).
     */
    public record CountdownItem(CountdownSource source, PreparedStill background, PreparedStill[][] digits) implements Item {}

    /**
     * A ticker: its strip ({@code period} pixels wide, converted once at the bar's height) and the
     * bar's place: the bar starts at canvas column {@code x} (maybe off the canvas), its visible part
     * is columns {@code x0}..{@code x1} and {@code rows} rows from canvas row {@code y0}, strip row
     * {@code stripRow} at the top. Each tick draws the window of the strip at that frame's offset.
     */
    public record TickerItem(TickerSource source, PreparedStill strip, int period, int x, int x0, int x1, int y0, int stripRow,
                             int rows) implements Item {}

    /** Images in turn: each converted for its place; a frame shows {@code slides[(frame / framesEach) % n]}. */
    public record SlidesItem(PreparedStill[] slides, long framesEach) implements Item {}

    /**
     * A product card that animates: the card now and the one before the last change of product
     * (null where none, or off the canvas), converted for their places; that change and its
     * number. The renderer starts the animation on the first frame it draws a new number.
     */
    public record CardItem(ProductCardSource source, PreparedStill current, PreparedStill previous, long serial,
                           ProductCardSource.Change change, CardMotion motion, PreparedStill after, long afterFrame) implements Item {
        /** The card now: from {@code afterFrame} on, {@code after} (the same product changed by itself: sold out, the deal over). */
        public PreparedStill currentAt(long frame) { return after != null && frame >= afterFrame ? after : current; }
    }

    private final String scene;
    private final List<Item> items;
    private final List<VideoSource> videoSources;
    private final int videoItems;

    public RenderPlan(String scene, List<Item> items) {
        this.scene = scene;
        this.items = List.copyOf(items);
        Set<VideoSource> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<VideoSource> sources = new ArrayList<>();
        int videos = 0;
        for (Item i : items) {
            if (i instanceof VideoItem v) {
                videos++;
                if (seen.add(v.source())) sources.add(v.source());
            }
        }
        this.videoSources = List.copyOf(sources);
        this.videoItems = videos;
    }

    /** A plan of nothing: a black canvas. */
    public static RenderPlan empty(String scene) { return new RenderPlan(scene, List.of()); }

    public String scene() { return scene; }
    public List<Item> items() { return items; }
    /** Each source that a video layer shows, once. */
    public List<VideoSource> videoSources() { return videoSources; }
    int videoItemCount() { return videoItems; }

    /**
     * The source whose frame can be the program as it is (one layer, filling the canvas, opaque,
     * uncropped), or null; whether its frame fits is known only at the tick.
     */
    VideoSource passThroughCandidate(int canvasWidth, int canvasHeight) {
        if (items.size() != 1 || !(items.get(0) instanceof VideoItem v)) return null;
        Layer l = v.layer();
        boolean full = l.x() == 0 && l.y() == 0 && l.width() == canvasWidth && l.height() == canvasHeight;
        return full && l.crop().isNone() && l.opacity() >= 1.0 ? v.source() : null;
    }
}
