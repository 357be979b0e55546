package io.castline.engine.video;

import io.castline.engine.clock.MediaClock;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.show.TransitionKind;
import io.castline.engine.source.VideoSource;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.bytedeco.ffmpeg.global.avutil.*;

/**
 * The video clock: one thread that, at exactly the canvas frame rate, renders the program (an
 * immutable {@link RenderPlan} of the scene on air, or a transition between two) into a pooled
 * YUV420P canvas and offers it to the encoder. Edits and scene changes swap the plan through an
 * atomic reference: the clock thread takes no lock anybody else holds. It never waits for the
 * encoder: when no canvas is free or the encoder's queue is full the frame is <em>skipped</em>;
 * when the thread itself wakes later than a whole frame the missed ticks are <em>lagged</em>. Both
 * are counted (OBS's "skipped frames due to encoding lag" and "lagged frames due to rendering lag").
 *
 * <p>The same loop runs for benchmarks without the clock ({@link #startFreeRunning}): each new frame
 * of the program's first source is rendered exactly once, waiting for the encoder instead of skipping.
 */
public final class Compositor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Compositor.class);
    private static final int POOL_SIZE = 3;

    /**
     * A rendered canvas on its way to the encoder; return it with {@link #recycle}, after which it
     * is not to be used (a pool canvas's holder is reused: no object per frame).
     */
    public static final class Canvas {
        private final AVFrame frame;
        private long index;
        private long composedNanos;

        public Canvas(AVFrame frame, long index, long composedNanos) {
            this.frame = frame;
            this.index = index;
            this.composedNanos = composedNanos;
        }

        public AVFrame frame() { return frame; }
        /** The frame's number on the program's clock (its pts). */
        public long index() { return index; }
        /** System.nanoTime() when it was composed. */
        public long composedNanos() { return composedNanos; }

        Canvas at(long i, long nanos) {
            index = i;
            composedNanos = nanos;
            return this;
        }
    }

    /** A cut that happens by itself on frame {@code atIndex} (a countdown's end). */
    private record ScheduledCut(RenderPlan plan, long atIndex) {}

    /** What the program shows: {@code plan}, or the way to it from {@code from} (null when steady). */
    private record Picture(RenderPlan plan, RenderPlan from, TransitionKind kind, int frames, long startIndex) {
        static Picture steady(RenderPlan plan) { return new Picture(plan, null, TransitionKind.CUT, 0, -1); }
    }

    private final int width;
    private final int height;
    private final int fps;
    private final BlockingQueue<AVFrame> free = new ArrayBlockingQueue<>(POOL_SIZE);
    private final BlockingQueue<Canvas> toEncode = new ArrayBlockingQueue<>(POOL_SIZE - 1);
    /** The pool's canvases, by identity, each with its holder (filled in the constructor, read-only afterwards). */
    private final Map<AVFrame, Canvas> pooled = new IdentityHashMap<>();
    private final AtomicReference<Picture> picture;
    /** Each shown source's newest frame (owned here); clock thread only. */
    private final Map<VideoSource, AVFrame> frames = new IdentityHashMap<>();
    private final PlanRenderer renderer;
    /** The next scene of a transition is drawn here, then mixed into the canvas. */
    private final AVFrame transitionCanvas;
    /** The no-signal card of the single-source constructor, freed at close; null otherwise. */
    private final AVFrame ownCard;
    private final Thread thread;
    private final AtomicLong rendered = new AtomicLong();
    private final AtomicLong lagged = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong composed = new AtomicLong();
    private final AtomicLong transitionFrames = new AtomicLong();
    private final AtomicLong renderNanos = new AtomicLong();
    private final AtomicLong convertNanos = new AtomicLong();
    private Picture lastPicture;
    /** In benchmark mode, the source whose frames set the pace: its frames are taken by the pacing, once each. */
    private VideoSource pacedSource;
    private volatile Pacing pacing;
    private final java.util.concurrent.atomic.AtomicReference<ScheduledCut> scheduled = new java.util.concurrent.atomic.AtomicReference<>();
    /** The index of the frame the clock thread renders next. */
    private volatile long nextIndex;
    /** The program's frame now, for a compositor that is not the program's (studio mode's preview); null: its own index. */
    private volatile java.util.function.LongSupplier programFrame;
    private volatile boolean running;
    private volatile PreviewScaler preview;
    private volatile boolean encoding = true;
    private volatile Throwable failure;

    /** A compositor that shows {@code plan} until told otherwise. */
    public Compositor(int width, int height, int fps, RenderPlan plan) throws AvException {
        this(width, height, fps, plan, null);
    }

    /** One source filling the canvas, aspect kept (the benchmarks' and the single-source programs' case). */
    public Compositor(VideoSource source, int width, int height, int fps) throws AvException {
        this(width, height, fps, null, NoSignalCard.render(width, height, source.label()));
        show(new RenderPlan("Main", List.of(new RenderPlan.VideoItem(source,
                Layer.of(source.name(), 0, 0, width, height, Fit.CONTAIN), ownCard))));
    }

    private Compositor(int width, int height, int fps, RenderPlan plan, AVFrame ownCard) throws AvException {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.ownCard = ownCard;
        for (int i = 0; i < POOL_SIZE; i++) free.add(allocCanvas());
        for (AVFrame f : free) pooled.put(f, new Canvas(f, -1, 0));
        this.transitionCanvas = allocCanvas();
        this.renderer = new PlanRenderer(width, height);
        this.picture = new AtomicReference<>(Picture.steady(plan == null ? RenderPlan.empty("") : plan));
        this.thread = new Thread(this::run, "castline-compositor");
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
    }

    public void start(MediaClock clock) {
        pacing = new ClockPacing(clock);
        running = true;
        thread.start();
    }

    /**
     * Benchmark mode: renders exactly {@code frames} frames, one per new frame of the program's
     * first video source, with no clock. Instead of skipping, it waits for the next source frame,
     * for a free canvas and for room in the encoder's queue, so the pipeline runs at the speed of
     * its slowest stage and every frame of the source is encoded. Frame k gets pts k, as on the clock.
     */
    public void startFreeRunning(long frames) {
        pacing = new FreePacing(frames);
        running = true;
        thread.start();
    }

    /** Shows {@code plan} from the next frame on (a cut), ending any transition. */
    public void show(RenderPlan plan) {
        picture.set(Picture.steady(plan));
    }

    /**
     * Changes to {@code plan} over {@code frames} frames; a cut when {@code kind} is CUT or
     * {@code frames} < 1. Every frame of a fade or slide is a mix of both scenes, the share of the
     * new one growing frame by frame. A transition started during another starts from the scene
     * the other was going to.
     */
    public void transition(RenderPlan plan, TransitionKind kind, int frames) {
        if (kind == TransitionKind.CUT || frames < 1) {
            show(plan);
            return;
        }
        picture.updateAndGet(now -> new Picture(plan, now.plan(), kind, frames, -1));
    }

    /**
     * Puts {@code plan} (an edited scene) in place of every plan of the same scene in the
     * program, keeping a transition going.
     */
    public void update(RenderPlan plan) {
        scheduled.updateAndGet(c -> c != null && c.plan().scene().equals(plan.scene()) ? new ScheduledCut(plan, c.atIndex()) : c);
        picture.updateAndGet(p -> {
            RenderPlan target = p.plan().scene().equals(plan.scene()) ? plan : p.plan();
            RenderPlan from = p.from() != null && p.from().scene().equals(plan.scene()) ? plan : p.from();
            return new Picture(target, from, p.kind(), p.frames(), p.startIndex());
        });
    }

    /**
     * Cuts to {@code plan} on frame {@code atIndex} exactly (from the clock's thread, whatever the
     * caller is doing then), replacing any cut scheduled before; a frame already past cuts at once.
     */
    public void scheduleCut(RenderPlan plan, long atIndex) {
        scheduled.set(new ScheduledCut(plan, atIndex));
    }

    /** Takes back the scheduled cut, if it has not happened; true when there was one. */
    public boolean cancelScheduledCut() {
        return scheduled.getAndSet(null) != null;
    }

    /** The scene a scheduled cut goes to, or null when none is waiting. */
    public String scheduledScene() {
        ScheduledCut c = scheduled.get();
        return c == null ? null : c.plan().scene();
    }

    /** The scene on air (during a transition: the one it goes to). */
    public RenderPlan plan() { return picture.get().plan(); }

    public boolean inTransition() { return picture.get().from() != null; }

    /**
     * The frame the clock renders next: what a countdown started now counts from. Before the first
     * tick, 0.
     */
    public long nextIndex() { return nextIndex; }

    /** Makes countdowns show the program's time here (studio mode's preview runs on a clock of its own). */
    public void followProgramFrame(java.util.function.LongSupplier frame) { this.programFrame = frame; }

    private long mediaFrame(long index) {
        java.util.function.LongSupplier p = programFrame;
        return p == null ? index : p.getAsLong();
    }

    /** The scene a transition comes from, or null when none is running. */
    public String fromScene() {
        RenderPlan from = picture.get().from();
        return from == null ? null : from.scene();
    }

    /** The next canvas to encode, waiting up to {@code millis}; null if none. */
    public Canvas nextCanvas(long millis) throws InterruptedException {
        return toEncode.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Gives a canvas back to the pool once the encoder is done with it. */
    public void recycle(Canvas canvas) {
        AVFrame frame = canvas.frame();
        // a passed-through source frame is a reference of its own, never a pool canvas
        if (!pooled.containsKey(frame) || !free.offer(frame)) av_frame_free(frame);
    }

    /**
     * Feeds every rendered canvas to {@code scaler} (on this thread; a swscale to the preview's
     * small size, bounded work) until set to null.
     */
    public void setPreview(PreviewScaler scaler) { this.preview = scaler; }

    /**
     * While false (the studio before Go Live) canvases are rendered for the preview and not
     * handed to an encoder. True by default.
     */
    public void setEncoding(boolean encoding) { this.encoding = encoding; }

    /** Gives back canvases that were rendered but not taken by an encoder that has stopped. */
    public void recyclePending() {
        Canvas pending;
        while ((pending = toEncode.poll()) != null) recycle(pending);
    }

    public int width() { return width; }
    public int height() { return height; }
    public int fps() { return fps; }
    public long rendered() { return rendered.get(); }
    /** Canvases made on the clock, handed to an encoder or not (off air they feed only the preview). */
    public long composed() { return composed.get(); }
    public long lagged() { return lagged.get(); }
    public long skipped() { return skipped.get(); }
    /** Canvases that were a mix of two scenes. */
    public long transitionFrames() { return transitionFrames.get(); }
    /** Total time spent rendering, for the average cost per frame. */
    public long renderNanos() { return renderNanos.get(); }
    /** The part of {@link #renderNanos()} spent in libswscale (scaling and pixel-format conversion). */
    public long convertNanos() { return convertNanos.get(); }
    public Throwable failure() { return failure; }

    // ---- the loop ----

    /** When the loop renders and what it does when the encoder is behind: the clock's way or the benchmark's. */
    private interface Pacing {
        /** Waits for frame {@code index}'s turn; returns the index to render (later after missed ticks), or -1 to end. */
        long awaitTick(long index) throws InterruptedException;

        /** A free canvas, or null to skip this frame. */
        AVFrame freeCanvas() throws InterruptedException;

        /** Hands a canvas to the encoder; false when it was not taken (skipped). */
        boolean hand(Canvas canvas) throws InterruptedException;

        boolean encodes();
    }

    private final class ClockPacing implements Pacing {
        private final MediaClock clock;
        private final long intervalNanos = 1_000_000_000L / fps;

        ClockPacing(MediaClock clock) { this.clock = clock; }

        @Override public long awaitTick(long index) {
            long late = MediaClock.sleepUntil(clock.dueNanos(index, fps));
            if (late >= intervalNanos) {
                long missed = late / intervalNanos;
                lagged.addAndGet(missed);
                index += missed;
            }
            return index;
        }

        @Override public AVFrame freeCanvas() { return free.poll(); }
        @Override public boolean hand(Canvas canvas) { return toEncode.offer(canvas); }
        @Override public boolean encodes() { return encoding; }
    }

    private final class FreePacing implements Pacing {
        private final long frames;

        FreePacing(long frames) { this.frames = frames; }

        @Override public long awaitTick(long index) {
            if (index >= frames) return -1;
            List<VideoSource> sources = picture.get().plan().videoSources();
            if (sources.isEmpty()) return index;
            VideoSource first = sources.get(0);
            pacedSource = first;
            while (running) {
                AVFrame fresh = first.takeLatest();
                if (fresh != null) {
                    adopt(first, fresh);
                    return index;
                }
                LockSupport.parkNanos(200_000);
            }
            return -1;
        }

        @Override public AVFrame freeCanvas() throws InterruptedException {
            AVFrame canvas = null;
            while (canvas == null && running) canvas = free.poll(100, TimeUnit.MILLISECONDS);
            return canvas;
        }

        @Override public boolean hand(Canvas canvas) throws InterruptedException {
            // the encoder is behind: wait for it rather than skip (every frame counts here)
            while (running) if (toEncode.offer(canvas, 100, TimeUnit.MILLISECONDS)) return true;
            return false;
        }

        @Override public boolean encodes() { return true; }
    }

    private void run() {
        Pacing pace = pacing;
        long index = 0;
        try {
            while (running) {
                index = pace.awaitTick(index);
                if (index < 0 || !running) break;
                nextIndex = index;
                long t0 = System.nanoTime();
                ScheduledCut cut = scheduled.get();
                if (cut != null && index >= cut.atIndex() && scheduled.compareAndSet(cut, null)) picture.set(Picture.steady(cut.plan()));
                Picture shown = advance(index);
                renderer.tick(mediaFrame(index));
                takeFrames(shown);
                AVFrame canvas = shown.from() == null ? passThrough(shown.plan()) : null;
                if (canvas == null) {
                    long wait = System.nanoTime();
                    canvas = pace.freeCanvas();
                    t0 += System.nanoTime() - wait; // waiting for the encoder is not rendering
                    if (canvas == null) {
                        if (!running) break;
                        skipped.incrementAndGet();
                        index++;
                        continue;
                    }
                    render(shown, index, canvas);
                }
                canvas.pts(index);
                long composedAt = System.nanoTime();
                renderNanos.addAndGet(composedAt - t0);
                composed.incrementAndGet();
                PreviewScaler p = preview;
                if (p != null) p.accept(canvas);
                Canvas holder = pooled.get(canvas);
                Canvas done = holder != null ? holder.at(index, composedAt) : new Canvas(canvas, index, composedAt);
                if (!pace.encodes()) {
                    recycle(done); // off air: the picture was for the preview only
                } else if (pace.hand(done)) {
                    rendered.incrementAndGet();
                } else {
                    skipped.incrementAndGet();
                    recycle(done);
                }
                index++;
                nextIndex = index;
            }
            // a benchmark's thread stays until close(), so whoever measures the run can still read its CPU time
            while (running) LockSupport.parkNanos(20_000_000);
        } catch (AvException | RuntimeException e) {
            failure = e;
            LOG.error("compositor stopped: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The picture for frame {@code index}: a transition is started at its first frame and ended after its last. */
    private Picture advance(long index) {
        while (true) {
            Picture p = picture.get();
            if (p.from() == null) return p;
            Picture next;
            if (p.startIndex() < 0) next = new Picture(p.plan(), p.from(), p.kind(), p.frames(), index);
            else if (index - p.startIndex() >= p.frames()) next = Picture.steady(p.plan());
            else return p;
            if (picture.compareAndSet(p, next)) return next;
        }
    }

    /** Takes each shown source's newest frame; frees those of sources no longer shown. */
    private void takeFrames(Picture shown) {
        if (shown != lastPicture) {
            dropUnshown(shown);
            lastPicture = shown;
        }
        takeFrames(shown.plan());
        if (shown.from() != null) takeFrames(shown.from());
    }

    private void takeFrames(RenderPlan plan) {
        List<VideoSource> sources = plan.videoSources();
        for (int i = 0; i < sources.size(); i++) {
            VideoSource s = sources.get(i);
            if (s == pacedSource) continue;
            AVFrame fresh = s.takeLatest();
            if (fresh != null) adopt(s, fresh);
        }
    }

    private void adopt(VideoSource source, AVFrame fresh) {
        AVFrame old = frames.put(source, fresh);
        if (old != null) av_frame_free(old);
    }

    private void dropUnshown(Picture shown) {
        for (Iterator<Map.Entry<VideoSource, AVFrame>> it = frames.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<VideoSource, AVFrame> e = it.next();
            boolean used = shown.plan().videoSources().contains(e.getKey())
                    || (shown.from() != null && shown.from().videoSources().contains(e.getKey()));
            if (!used) {
                av_frame_free(e.getValue());
                it.remove();
            }
        }
    }

    /**
     * When the program is one source frame as it is (canvas size, canvas pixel format, one opaque
     * layer filling the canvas), the encoder gets a new reference to it instead of a copy: at 1080p
     * the copy costs about half a millisecond of memory bandwidth per frame. Null when it must be
     * rendered.
     */
    private AVFrame passThrough(RenderPlan plan) {
        VideoSource source = plan.passThroughCandidate(width, height);
        if (source == null || source.problem() != null) return null;
        AVFrame src = frames.get(source);
        if (src == null || src.width() != width || src.height() != height || src.format() != AV_PIX_FMT_YUV420P) return null;
        AVFrame reference = av_frame_clone(src);
        if (reference == null) return null;
        // a decoded frame keeps its old picture type, which libx264 would obey as a forced I or P
        // frame (breaking the regular GOP), and side data meant for its old stream
        reference.pict_type(AV_PICTURE_TYPE_NONE);
        while (reference.nb_side_data() > 0) av_frame_remove_side_data(reference, reference.side_data(0).type());
        return reference;
    }

    private void render(Picture shown, long index, AVFrame canvas) throws AvException {
        // the encoder may still reference this buffer; if so this gives the canvas a fresh one
        AvException.check(av_frame_make_writable(canvas), "canvas writable");
        long convert0 = renderer.convertNanos();
        if (shown.from() == null) {
            renderer.render(shown.plan(), frames, canvas, 0, mediaFrame(index));
        } else {
            renderer.render(shown.from(), frames, canvas, 0, mediaFrame(index));
            AvException.check(av_frame_make_writable(transitionCanvas), "transition canvas writable");
            renderer.render(shown.plan(), frames, transitionCanvas, shown.from().videoItemCount(), mediaFrame(index));
            long k = index - shown.startIndex();
            // frame k of n is (k+1)/(n+1) of the way: never all old, never all new, a new mix every frame
            double t = (k + 1) / (double) (shown.frames() + 1);
            if (shown.kind() == TransitionKind.FADE) renderer.fade(canvas, transitionCanvas, (int) Math.round(t * 256));
            else renderer.slide(canvas, transitionCanvas, ((int) Math.round(t * width)) & ~1);
            transitionFrames.incrementAndGet();
        }
        convertNanos.addAndGet(renderer.convertNanos() - convert0);
    }

    private AVFrame allocCanvas() throws AvException {
        AVFrame f = av_frame_alloc();
        f.format(AV_PIX_FMT_YUV420P);
        f.width(width);
        f.height(height);
        AvException.check(av_frame_get_buffer(f, 32), "canvas buffer");
        Planes.fillBlack(f);
        return f;
    }

    @Override public void close() {
        running = false;
        try {
            if (thread.isAlive()) thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Canvas pending;
        while ((pending = toEncode.poll()) != null) av_frame_free(pending.frame());
        AVFrame f;
        while ((f = free.poll()) != null) av_frame_free(f);
        frames.values().forEach(frame -> av_frame_free(frame));
        frames.clear();
        av_frame_free(transitionCanvas);
        if (ownCard != null) av_frame_free(ownCard);
        renderer.close();
    }
}
