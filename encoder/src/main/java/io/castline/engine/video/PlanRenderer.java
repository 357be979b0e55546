package io.castline.engine.video;

import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.CountdownFace;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.ImageBannerSource;
import io.castline.engine.source.TickerSource;
import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

/**
 * Draws a {@link RenderPlan} into a YUV420P canvas: each video layer's frame scaled by libswscale
 * straight into the canvas planes (source pointers offset to the crop, destination pointers to the
 * layer's even position, canvas strides kept), or through a scratch frame and a mix when the layer
 * is translucent; stills blended from their premultiplied planes. Used by the clock thread only.
 */
final class PlanRenderer implements AutoCloseable {
    /** libswscale state of one video layer (the plan's n-th video item), reused while its sizes hold. */
    private static final class Slot {
        SwsContext sws;
        final PointerPointer<BytePointer> src = new PointerPointer<>(4);
        final IntPointer srcStrides = new IntPointer(4);
        final PointerPointer<BytePointer> dst = new PointerPointer<>(4);
        final IntPointer dstStrides = new IntPointer(4);
        AVFrame scratch;
        final FrameMemory.Settable[] srcPointers = settable();
        final FrameMemory.Settable[] dstPointers = settable();
        /** The sizes {@link #sws} was made for. */
        int swsFormat = -1;
        int swsSrcW;
        int swsSrcH;
        int swsDstW;
        int swsDstH;
        /** The last placement and what it was made from: a layer and a frame size that did not change give the same one. */
        private Placement placement;
        private Layer placedLayer;
        private boolean placedLive;
        private int placedW;
        private int placedH;
        private int placedFormat;

        Placement placement(PlanRenderer r, Layer layer, AVFrame picture, boolean live) {
            int w = picture.width();
            int h = picture.height();
            int f = picture.format();
            if (layer != placedLayer || live != placedLive || w != placedW || h != placedH || f != placedFormat) {
                placement = r.placement(layer, picture, live);
                placedLayer = layer;
                placedLive = live;
                placedW = w;
                placedH = h;
                placedFormat = f;
            }
            return placement;
        }

        private static FrameMemory.Settable[] settable() {
            FrameMemory.Settable[] a = new FrameMemory.Settable[4];
            for (int i = 0; i < 4; i++) a[i] = new FrameMemory.Settable();
            return a;
        }
    }

    /** How to offset a pixel format's planes to a crop (as av_frame_apply_cropping does). */
    private record FormatInfo(int planes, int log2ChromaW, int log2ChromaH, int[] step, boolean palette, boolean croppable) {}

    /**
     * How far past the end of a row libswscale's vector output code may write: less than one
     * vector (4 bytes seen on x86-64; 64 covers AVX-512). libswscale switches to its C code only
     * for the picture's last two rows ("can't use MMX here without overwriting this array's tail").
     */
    private static final int OVERSHOOT = 64;

    private final int width;
    private final int height;
    private final List<Slot> slots = new ArrayList<>();
    private final Map<Integer, FormatInfo> formats = new HashMap<>();
    private byte[] rowA;
    private byte[] rowB;
    /** The canvas bytes right of a layer's rows, kept while libswscale draws the layer (see {@link #keepRight}). */
    private final byte[] kept;
    private long convertNanos;
    private final CardAnimator cards;

    PlanRenderer(int width, int height) {
        this.width = width;
        this.height = height;
        this.rowA = new byte[width];
        this.rowB = new byte[width];
        this.cards = new CardAnimator(width);
        this.kept = new byte[(height + 2 * ((height + 1) / 2)) * OVERSHOOT];
    }

    /** Time spent in libswscale so far (scaling and pixel-format conversion). */
    long convertNanos() { return convertNanos; }

    /**
     * Renders {@code plan} into {@code canvas} (writable). {@code frames} gives each video source's
     * newest frame (null for none yet); {@code slotBase} separates the slots of two plans drawn in
     * the same tick (a transition); {@code mediaFrame} is the program's frame, which a countdown shows
     * the time of.
     */
    /** The clock made frame {@code mediaFrame} (drawn or passed through): the card animations count it. */
    void tick(long mediaFrame) {
        cards.tick(mediaFrame);
    }

    void render(RenderPlan plan, Map<VideoSource, AVFrame> frames, AVFrame canvas, int slotBase, long mediaFrame)
            throws AvException {
        List<RenderPlan.Item> items = plan.items();
        if (items.isEmpty() || !coversCanvas(items.get(0), frames, slot(slotBase))) Planes.fillBlack(canvas);
        int videoIndex = 0;
        // indexed, not for-each: no iterator per frame
        for (int i = 0; i < items.size(); i++) {
            RenderPlan.Item item = items.get(i);
            if (item instanceof RenderPlan.VideoItem video) {
                drawVideo(video, frames.get(video.source()), canvas, slot(slotBase + videoIndex++));
            } else if (item instanceof RenderPlan.StillItem still) {
                draw(still.at(mediaFrame), canvas);
            } else if (item instanceof RenderPlan.CountdownItem countdown) {
                drawCountdown(countdown, canvas, mediaFrame);
            } else if (item instanceof RenderPlan.TickerItem ticker) {
                drawTicker(ticker, canvas, mediaFrame);
            } else if (item instanceof RenderPlan.CardItem card) {
                cards.draw(card, canvas, mediaFrame, rowA);
            } else if (item instanceof RenderPlan.SlidesItem slides) {
                PreparedStill[] s = slides.slides();
                draw(s[ImageBannerSource.slideAt(mediaFrame, slides.framesEach(), s.length)], canvas);
            }
        }
    }

    private void draw(PreparedStill still, AVFrame canvas) {
        if (still == null) return;
        still.drawInto(FrameMemory.plane(canvas, 0), FrameMemory.stride(canvas, 0), FrameMemory.plane(canvas, 1),
                FrameMemory.plane(canvas, 2), FrameMemory.stride(canvas, 1), rowA);
    }

    /** The countdown's background, then in each cell the digit of the time it shows at {@code mediaFrame}. */
    private void drawCountdown(RenderPlan.CountdownItem item, AVFrame canvas, long mediaFrame) {
        CountdownSource source = item.source();
        Countdown state = source.state();
        if (source.atEnd() == CountdownSource.AtEnd.HIDE && state.endedAt(mediaFrame)) return;
        long seconds = state.secondsShownAt(mediaFrame, source.fps());
        draw(item.background(), canvas);
        PreparedStill[][] digits = item.digits();
        boolean hours = source.face().hours();
        for (int cell = 0; cell < digits.length; cell++) draw(digits[cell][CountdownFace.digitAt(seconds, hours, cell)], canvas);
    }

    /**
     * The window of the ticker's strip at {@code mediaFrame}'s offset: from the strip's column
     * under the bar's first visible column to the end of the strip, then the strip again from its
     * start, until the bar is full. Row copies (or blends) only: no allocation.
     */
    private void drawTicker(RenderPlan.TickerItem item, AVFrame canvas, long mediaFrame) {
        TickerSource source = item.source();
        int period = item.period();
        int offset = TickerSource.offset(mediaFrame, source.speed(), source.fps(), period);
        long y = FrameMemory.plane(canvas, 0);
        int yStride = FrameMemory.stride(canvas, 0);
        long u = FrameMemory.plane(canvas, 1);
        long v = FrameMemory.plane(canvas, 2);
        int cStride = FrameMemory.stride(canvas, 1);
        int column = item.x0();
        int s = Math.floorMod(offset + column - item.x(), period);
        while (column < item.x1()) {
            int n = Math.min(period - s, item.x1() - column);
            item.strip().drawPart(s, item.stripRow(), n, item.rows(), column, item.y0(), 256, y, yStride, u, v, cStride, rowA);
            column += n;
            s = 0;
        }
    }

    /** True when the bottom layer hides the whole canvas, so clearing it first would be wasted. */
    private boolean coversCanvas(RenderPlan.Item first, Map<VideoSource, AVFrame> frames, Slot firstSlot) {
        if (first instanceof RenderPlan.CountdownItem || first instanceof RenderPlan.TickerItem
                || first instanceof RenderPlan.SlidesItem || first instanceof RenderPlan.CardItem) return false;
        if (first instanceof RenderPlan.StillItem s) {
            PreparedStill p = s.still();
            if (s.after() != null) return false; // two pictures, one per frame: not worth the check
            return p.opaque() && p.x == 0 && p.y == 0 && p.width == width && p.height == height;
        }
        RenderPlan.VideoItem v = (RenderPlan.VideoItem) first;
        if (v.layer().opacity() < 1.0) return false;
        AVFrame f = frames.get(v.source());
        boolean live = f != null && v.source().problem() == null;
        AVFrame picture = live ? f : v.noSignal();
        // where it is drawn, as drawVideo places it: "contain" leaves bars unless the (cropped) picture has the layer's shape
        Placement pl = picture == null ? null : firstSlot.placement(this, v.layer(), picture, live);
        return pl != null && pl.coversCanvas(width, height);
    }

    /** Where {@code picture} (the source's frame when {@code live}, else the card) is drawn for {@code layer}. */
    private Placement placement(Layer layer, AVFrame picture, boolean live) {
        if (!live) layer = layer.withCrop(null); // the card is the layer's, not the source's: no crop
        FormatInfo info = format(picture.format());
        Fit fit = live ? layer.fit() : Fit.STRETCH;
        return info.croppable
                ? Placement.of(picture.width(), picture.height(), layer, fit, width, height, 1 << info.log2ChromaW, 1 << info.log2ChromaH)
                : Placement.of(picture.width(), picture.height(), layer.withCrop(null), fit, width, height, picture.width(), picture.height());
    }

    private void drawVideo(RenderPlan.VideoItem item, AVFrame frame, AVFrame canvas, Slot slot) throws AvException {
        Layer layer = item.layer();
        boolean live = frame != null && item.source().problem() == null;
        AVFrame picture = live ? frame : item.noSignal();
        if (picture == null || layer.opacity() <= 0) return;
        int format = picture.format();
        FormatInfo info = format(format);
        Placement pl = slot.placement(this, layer, picture, live);
        if (pl == null) return;
        if (slot.sws == null || slot.swsFormat != format || slot.swsSrcW != pl.srcWidth() || slot.swsSrcH != pl.srcHeight()
                || slot.swsDstW != pl.dstWidth() || slot.swsDstH != pl.dstHeight()) {
            // only when the sizes change: the call wraps its result in a new Java object
            slot.sws = sws_getCachedContext(slot.sws, pl.srcWidth(), pl.srcHeight(), format, pl.dstWidth(), pl.dstHeight(),
                    AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null, (DoublePointer) null);
            if (slot.sws == null) {
                throw new AvException("cannot scale " + picture.width() + "x" + picture.height() + " pixel format " + format);
            }
            slot.swsFormat = format;
            slot.swsSrcW = pl.srcWidth();
            slot.swsSrcH = pl.srcHeight();
            slot.swsDstW = pl.dstWidth();
            slot.swsDstH = pl.dstHeight();
        }
        for (int p = 0; p < info.planes; p++) {
            int sx = p == 1 || p == 2 ? pl.srcX() >> info.log2ChromaW : pl.srcX();
            int sy = p == 1 || p == 2 ? pl.srcY() >> info.log2ChromaH : pl.srcY();
            int stride = FrameMemory.stride(picture, p);
            long offset = info.palette && p == 1 ? 0 : (long) sy * stride + (long) sx * info.step[p];
            slot.src.put(p, slot.srcPointers[p].at(FrameMemory.plane(picture, p) + offset));
            slot.srcStrides.put(p, stride);
        }
        for (int p = info.planes; p < 4; p++) {
            slot.src.put(p, (BytePointer) null);
            slot.srcStrides.put(p, 0);
        }
        boolean opaque = layer.opacity() >= 1.0;
        AVFrame target = opaque ? canvas : scratch(slot, pl.dstWidth(), pl.dstHeight());
        for (int p = 0; p < 3; p++) {
            int shift = p == 0 ? 0 : 1;
            int stride = FrameMemory.stride(target, p);
            long offset = opaque ? (long) (pl.dstY() >> shift) * stride + (pl.dstX() >> shift) : 0;
            slot.dst.put(p, slot.dstPointers[p].at(FrameMemory.plane(target, p) + offset));
            slot.dstStrides.put(p, stride);
        }
        if (opaque) keepRight(canvas, pl, false);
        long t0 = System.nanoTime();
        sws_scale(slot.sws, slot.src, slot.srcStrides, 0, pl.srcHeight(), slot.dst, slot.dstStrides);
        convertNanos += System.nanoTime() - t0;
        if (opaque) keepRight(canvas, pl, true);
        if (!opaque) mixInto(canvas, target, pl, (int) Math.round(layer.opacity() * 256));
    }

    /**
     * Keeps ({@code restore} false) or puts back the bytes that follow each row of the layer's
     * rectangle in the canvas planes: libswscale writing straight into the canvas may overwrite
     * them (the pixels right of the layer, or at the canvas' right edge the start of the next row),
     * never the next row's part of the rectangle.
     */
    private void keepRight(AVFrame canvas, Placement pl, boolean restore) {
        int at = 0;
        for (int p = 0; p < 3; p++) {
            int shift = p == 0 ? 0 : 1;
            int planeRows = p == 0 ? height : (height + 1) / 2;
            int stride = FrameMemory.stride(canvas, p);
            int x0 = pl.dstX() >> shift;
            int x1 = x0 + (pl.dstWidth() >> shift);
            int y0 = pl.dstY() >> shift;
            int y1 = y0 + (pl.dstHeight() >> shift);
            long plane = FrameMemory.plane(canvas, p);
            for (int r = y0; r < y1; r++) {
                int n = Math.min(OVERSHOOT, stride - x1 + (r + 1 < planeRows ? x0 : 0));
                if (n <= 0) continue;
                if (restore) FrameMemory.write(plane + (long) r * stride + x1, kept, at, n);
                else FrameMemory.read(plane + (long) r * stride + x1, kept, at, n);
                at += n;
            }
        }
    }

    /** The translucent layer's scaled picture mixed over its rectangle of the canvas. */
    private void mixInto(AVFrame canvas, AVFrame layer, Placement pl, int alpha) {
        for (int p = 0; p < 3; p++) {
            int shift = p == 0 ? 0 : 1;
            long dst = FrameMemory.plane(canvas, p);
            long src = FrameMemory.plane(layer, p);
            int dstStride = FrameMemory.stride(canvas, p);
            int srcStride = FrameMemory.stride(layer, p);
            int rows = pl.dstHeight() >> shift;
            int n = pl.dstWidth() >> shift;
            int x = pl.dstX() >> shift;
            int y = pl.dstY() >> shift;
            for (int r = 0; r < rows; r++) {
                Planes.mixRow(dst + (long) (y + r) * dstStride + x, src + (long) r * srcStride, n, alpha, rowA, rowB);
            }
        }
    }

    private AVFrame scratch(Slot slot, int w, int h) throws AvException {
        if (slot.scratch != null && slot.scratch.width() == w && slot.scratch.height() == h) return slot.scratch;
        if (slot.scratch != null) av_frame_free(slot.scratch);
        AVFrame f = av_frame_alloc();
        f.format(AV_PIX_FMT_YUV420P);
        f.width(w);
        f.height(h);
        AvException.check(av_frame_get_buffer(f, 32), "layer buffer");
        slot.scratch = f;
        return f;
    }

    private Slot slot(int index) {
        while (slots.size() <= index) slots.add(new Slot());
        return slots.get(index);
    }

    private FormatInfo format(int pixelFormat) {
        FormatInfo info = formats.get(pixelFormat);
        if (info != null) return info;
        AVPixFmtDescriptor d = av_pix_fmt_desc_get(pixelFormat);
        int planes = Math.max(1, av_pix_fmt_count_planes(pixelFormat));
        int[] step = new int[4];
        boolean croppable = d != null && (d.flags() & (AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_HWACCEL)) == 0;
        boolean palette = d != null && (d.flags() & AV_PIX_FMT_FLAG_PAL) != 0;
        if (d != null) {
            for (int p = 0; p < 4; p++) {
                for (int c = 0; c < d.nb_components(); c++) {
                    if (d.comp(c).plane() == p) {
                        step[p] = d.comp(c).step();
                        break;
                    }
                }
            }
        }
        // a palette format keeps its palette in data[1], which libswscale reads though it is no "plane"
        if (palette) planes = Math.max(planes, 2);
        info = new FormatInfo(planes, d == null ? 0 : d.log2_chroma_w(), d == null ? 0 : d.log2_chroma_h(), step, palette, croppable);
        formats.put(pixelFormat, info);
        return info;
    }

    /** The mix of two canvases, {@code alpha}/256 of {@code to} (a fade's frame), into {@code into}. */
    void fade(AVFrame into, AVFrame to, int alpha) {
        for (int p = 0; p < 3; p++) {
            int rows = p == 0 ? height : height / 2;
            int n = p == 0 ? width : width / 2;
            long dst = FrameMemory.plane(into, p);
            long src = FrameMemory.plane(to, p);
            int dstStride = FrameMemory.stride(into, p);
            int srcStride = FrameMemory.stride(to, p);
            for (int r = 0; r < rows; r++) {
                Planes.mixRow(dst + (long) r * dstStride, src + (long) r * srcStride, n, alpha, rowA, rowB);
            }
        }
    }

    /**
     * A slide's frame: {@code into} (the old scene) moved {@code offset} pixels (even) to the left,
     * the new scene's left part filling the right.
     */
    void slide(AVFrame into, AVFrame to, int offset) {
        for (int p = 0; p < 3; p++) {
            int shift = p == 0 ? 0 : 1;
            int rows = height >> shift;
            int w = width >> shift;
            int off = offset >> shift;
            long dst = FrameMemory.plane(into, p);
            long src = FrameMemory.plane(to, p);
            int dstStride = FrameMemory.stride(into, p);
            int srcStride = FrameMemory.stride(to, p);
            for (int r = 0; r < rows; r++) {
                long row = dst + (long) r * dstStride;
                if (w - off > 0) Planes.copyRow(row, row + off, w - off, rowA);
                if (off > 0) Planes.copyRow(row + w - off, src + (long) r * srcStride, off, rowB);
            }
        }
    }

    @Override public void close() {
        for (Slot s : slots) {
            if (s.sws != null) sws_freeContext(s.sws);
            if (s.scratch != null) av_frame_free(s.scratch);
            s.src.close();
            s.dst.close();
            s.srcStrides.close();
            s.dstStrides.close();
        }
        slots.clear();
    }
}
