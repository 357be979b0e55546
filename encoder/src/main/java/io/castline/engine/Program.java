package io.castline.engine;

import io.castline.engine.clock.MediaClock;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.audio.AudioMixer;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Scene;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowValidator;
import io.castline.engine.show.Shows;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.source.SharedVideoSource;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.source.VideoSource;
import io.castline.engine.video.Compositor;
import io.castline.engine.video.PreviewScaler;
import io.castline.engine.video.RenderPlan;
import io.castline.engine.video.ScenePlanner;
import io.castline.engine.show.TransitionKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The program: a show's sources (each opened once, however many layers use it), the compositor
 * drawing the scene on air and the audio mixer, on one media clock, with or without anyone encoding
 * it. The studio keeps one running from the moment it opens, so the host sees the preview and the
 * meters before going live; a {@link Broadcast} attaches its encoders and outputs to it and
 * detaches them at End Live. The CLI's broadcast makes one of its own.
 *
 * <p>Scene changes ({@link #cut}, {@link #transition}) plan the new scene on the caller's thread and
 * swap it into the compositor; the clock thread never waits for them.
 */
public final class Program implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Program.class);
    /** How long to wait for the first picture of the sources on air before the clock starts anyway. */
    private static final long FIRST_FRAME_WAIT_MILLIS = 3_000;

    private volatile Show show;
    private final Canvas canvas;
    private final Path baseDirectory;
    private final Map<String, OpenedSource> sources;
    private final ScenePlanner planner;
    private final Compositor compositor;
    private final AudioMixer mixer;
    private final Map<String, AudioMixer.Channel> channels = new LinkedHashMap<>();
    private final MediaClock clock;
    private String programScene;
    private boolean closed;
    /** Studio mode's preview of the next scene, or null: its compositor, planner, scene and readers. */
    private Compositor preview;
    private ScenePlanner previewPlanner;
    private String previewScene;
    private final Map<VideoSource, VideoSource> previewReaders = new java.util.IdentityHashMap<>();
    /** The preview's rate: enough to judge a scene, half the cost of the program's. */
    public static final int PREVIEW_FPS = 15;
    private final ProgramPins pins = new ProgramPins(this);
    private final ProgramCountdowns countdowns;
    private final ProgramEvents events;

    private Program(Show show, Path baseDirectory) throws AvException {
        this.show = show;
        this.canvas = show.canvas();
        this.baseDirectory = baseDirectory;
        this.events = new ProgramEvents(canvas.fps());
        SourceKind.Context context = new SourceKind.Context(canvas, baseDirectory);
        this.sources = new LinkedHashMap<>();
        try {
            for (SourceConfig config : needed(show)) sources.put(config.name(), shareable(SourceKinds.open(config, context)));
            planner = new ScenePlanner(canvas.width(), canvas.height());
            programScene = show.program();
            compositor = new Compositor(canvas.width(), canvas.height(), canvas.fps(), plan(programScene));
        } catch (AvException | RuntimeException e) {
            sources.values().forEach(OpenedSource::close);
            events.close();
            throw e;
        }
        compositor.setEncoding(false);
        List<AudioMixer.Channel> list = new ArrayList<>();
        for (OpenedSource s : sources.values()) {
            if (s.audio() == null) continue;
            AudioMixer.Channel c = new AudioMixer.Channel(s.audio());
            channels.put(s.config().name(), c);
            list.add(c);
        }
        mixer = list.isEmpty() ? null : new AudioMixer(list);
        countdowns = new ProgramCountdowns(this, compositor);
        sources.values().forEach(pins::attachCard);
        updateOnAir();
        sources.values().forEach(OpenedSource::start);
        awaitFirstPictures();
        clock = MediaClock.startingNow();
        events.clockStarted(clock);
        compositor.start(clock);
        if (mixer != null) mixer.start(clock);
    }

    /** Opens the show's sources and starts the clock (after waiting up to 3 s for the first pictures on air). */
    public static Program start(Show show, Path baseDirectory) throws AvException {
        FFmpegLog.install();
        ShowValidator.validatedPicture(show, baseDirectory);
        return new Program(show, baseDirectory);
    }

    /**
     * One source filling the canvas, with {@code audio} in the mix (the CLI's flags and the studio
     * of one source). Only the canvas size and frame rate of {@code canvas} are used here.
     */
    public static Program start(EncoderSettings canvas, SourceSpec video, SourceSpec audio) throws AvException {
        return start(Shows.singleSource(canvas, video, audio), null);
    }

    /** True when a broadcast with these settings can use this program (same canvas and frame rate). */
    public boolean fits(EncoderSettings s) {
        return s.width() == canvas.width() && s.height() == canvas.height() && s.fps() == canvas.fps();
    }

    public Show show() { return show; }
    public int width() { return canvas.width(); }
    public int height() { return canvas.height(); }
    public int fps() { return canvas.fps(); }
    public MediaClock clock() { return clock; }
    public Compositor compositor() { return compositor; }
    /** Null when the program has no sound. */
    public AudioMixer mixer() { return mixer; }
    /** The mixer channel of each source with sound, by source name. */
    public synchronized Map<String, AudioMixer.Channel> channels() { return Map.copyOf(channels); }

    /** The scene on air (during a transition, the one it goes to). */
    public synchronized String programScene() {
        adoptScheduledCut();
        return programScene;
    }

    /** A countdown's end cut to its scene on the clock's thread: the program takes it as its scene. */
    private void adoptScheduledCut() {
        if (!countdowns.endCutTaken()) return;
        programScene = compositor.plan().scene();
        updateOnAir();
    }

    /** Puts {@code scene} on air from the next frame. */
    public synchronized void cut(String scene) throws AvException {
        compositor.show(plan(scene));
        programScene = scene;
        updateOnAir();
    }

    /** Changes to {@code scene} with a fade or slide of {@code duration} (a cut for CUT or zero). */
    public synchronized void transition(String scene, TransitionKind kind, Duration duration) throws AvException {
        int frames = (int) Math.round(duration.toMillis() * canvas.fps() / 1000.0);
        compositor.transition(plan(scene), kind, frames);
        programScene = scene;
        updateOnAir();
    }

    /**
     * The first source of the scene on air that shows pictures (the one-source program's only
     * one); null when the scene shows none.
     */
    public synchronized VideoSource videoSource() {
        List<VideoSource> shown = compositor.plan().videoSources();
        if (!shown.isEmpty()) return shown.get(0);
        return sources.values().stream().map(OpenedSource::video).filter(v -> v != null).findFirst().orElse(null);
    }

    /**
     * Plays an edited show from the next frame on: a source whose settings changed is opened anew,
     * a new one opened, one no longer needed closed (after the compositor has left it), the mixer
     * given the new set of sound sources, and the scene on air (same name, else the show's program)
     * planned again and swapped in. The canvas is the program's for its life: a show with another
     * canvas needs a new program.
     */
    public synchronized void apply(Show next) throws AvException { applyWithFrame(next); }

    /**
     * {@link #apply}; returns the program frame the edited show took effect on: the first that can
     * show it, a pinned product's new price or stock on its card included (see {@link Framed}).
     */
    public synchronized long applyWithFrame(Show next) throws AvException {
        if (closed) throw new IllegalStateException("the program is closed");
        if (!next.canvas().equals(canvas)) {
            throw new IllegalArgumentException("the program runs at " + canvas + "; a show at " + next.canvas()
                    + " needs a new program");
        }
        ShowValidator.validatedPicture(next, baseDirectory);
        SourceKind.Context context = new SourceKind.Context(canvas, baseDirectory);
        List<OpenedSource> retired = new ArrayList<>();
        Map<String, OpenedSource> opened = new LinkedHashMap<>();
        List<SourceConfig> wanted = needed(next);
        boolean sound = wanted.stream().anyMatch(SourceKinds::hasAudio);
        if (sound && mixer == null) {
            throw new IllegalArgumentException("this program was started without sound; a show with sound needs a new program");
        }
        try {
            for (SourceConfig config : wanted) {
                OpenedSource old = sources.get(config.name());
                if (old != null && old.config().equals(config)) continue;
                OpenedSource fresh = shareable(SourceKinds.open(config, context));
                opened.put(config.name(), fresh);
            }
        } catch (AvException | RuntimeException e) {
            opened.values().forEach(OpenedSource::close);
            throw e;
        }
        // everything is made first against the next set of sources; nothing changes until it all worked
        Map<String, OpenedSource> nextSources = new LinkedHashMap<>(); // the show's order: the mixer's strips
        for (SourceConfig c : wanted) nextSources.put(c.name(), opened.containsKey(c.name()) ? opened.get(c.name()) : sources.get(c.name()));
        for (Map.Entry<String, OpenedSource> e : sources.entrySet()) {
            if (nextSources.get(e.getKey()) != e.getValue()) retired.add(e.getValue());
        }
        String nextProgram = next.scene(programScene).isPresent() ? programScene : next.program();
        RenderPlan onAir;
        try {
            onAir = planner.plan(next.scene(nextProgram).orElseThrow(), name -> {
                OpenedSource o = nextSources.get(name);
                return o == null ? null : o.video();
            });
        } catch (AvException | RuntimeException e) {
            opened.values().forEach(OpenedSource::close);
            throw e;
        }
        boolean sameScene = compositor.plan().scene().equals(nextProgram);
        sources.clear();
        sources.putAll(nextSources);
        show = next;
        programScene = nextProgram;
        if (sameScene) compositor.update(onAir);
        else compositor.show(onAir);
        updateChannels();
        updateOnAir();
        opened.values().forEach(pins::attachCard);
        pins.showOnCards(); // the pinned product's new price or stock, or no pin when it left the catalogue
        long frame = pins.shownFrom();
        if (preview != null) replanPreview();
        // the compositors take the new plans at their next tick; what they held of the old sources goes then
        if (!retired.isEmpty()) {
            sleep(3 * 1000L / (preview != null ? PREVIEW_FPS : canvas.fps()));
            for (OpenedSource s : retired) {
                if (s.video() != null) {
                    planner.forget(s.video());
                    VideoSource reader = previewReaders.remove(s.video());
                    if (reader != null && previewPlanner != null) previewPlanner.forget(reader);
                }
                s.close();
            }
        }
        // started only now: a device opened anew with other settings is free once its old source is closed
        opened.values().forEach(OpenedSource::start);
        return frame;
    }

    // ---- the pinned product (ProgramPins) ----

    /**
     * What a pin or an edit did, and the program frame it took effect on: the first frame that can
     * show it (the compositor's next index right after the new plan went in). The clock shows it on
     * that frame, or on the one after when it was drawing that frame right then; the same frame
     * {@link ProgramListener#productPinned} is told.
     */
    public record Framed<T>(T value, long frame) {}

    /** Pins the product with {@code sku} on the program's product cards from the next frame; returns it. */
    public synchronized Product pin(String sku) throws AvException { return pinWithFrame(sku).value(); }

    /** {@link #pin}, with the frame the cards show it from. */
    public synchronized Framed<Product> pinWithFrame(String sku) throws AvException {
        return new Framed<>(pins.pin(sku), pins.shownFrom());
    }

    /** Takes the pinned product off the cards (nothing pinned: nothing happens). */
    public synchronized void unpin() throws AvException { unpinWithFrame(); }

    /** {@link #unpin}; returns the frame the cards are empty from. */
    public synchronized long unpinWithFrame() throws AvException {
        pins.unpin();
        return pins.shownFrom();
    }

    /** Pins the product after the pinned one in the catalogue (the first when none is, after the last the first again). */
    public synchronized Product pinNext() throws AvException { return pinStepWithFrame(1).value(); }

    /** Pins the product before the pinned one in the catalogue (the last when none is). */
    public synchronized Product pinPrevious() throws AvException { return pinStepWithFrame(-1).value(); }

    /** {@link #pinNext} (step 1) or {@link #pinPrevious} (-1), with the frame the cards show it from. */
    public synchronized Framed<Product> pinStepWithFrame(int step) throws AvException {
        if (step != 1 && step != -1) throw new IllegalArgumentException("step: 1 or -1");
        return new Framed<>(pins.step(step), pins.shownFrom());
    }

    /** The pinned product as the show now has it. */
    public synchronized Optional<Product> pinned() { return pins.pinned(); }

    /** Plans again the scenes the program and the preview show now (a drawn still changed). */
    void replanOnScreen() throws AvException {
        compositor.update(plan(programScene));
        String from = compositor.fromScene();
        if (from != null && !from.equals(programScene) && show.scene(from).isPresent()) compositor.update(plan(from));
        if (preview != null) replanPreview();
    }

    // ---- countdowns (ProgramCountdowns) ----

    /**
     * Starts (or resumes) the countdown source {@code name} from the next frame; returns its state.
     * No re-planning: the compositor reads the state each frame.
     */
    public synchronized Countdown startCountdown(String name) throws AvException { return countdowns.start(name); }

    /** Pauses the countdown {@code name} at what it shows now. */
    public synchronized Countdown pauseCountdown(String name) { return countdowns.pause(name); }

    /** Sets the countdown {@code name} back to its whole duration, stopped. */
    public synchronized Countdown resetCountdown(String name) { return countdowns.reset(name); }

    /** The state of the countdown {@code name}. */
    public synchronized Countdown countdownState(String name) { return countdowns.state(name); }

    /** The state of each countdown source the scenes show (the open ones), in the show's order. */
    public synchronized Map<String, Countdown> countdownStates() { return countdowns.states(show.sources()); }

    /** Hears the pins and the catalogue changes the program makes (see {@link ProgramListener}). */
    public void addListener(ProgramListener listener) { events.add(listener); }

    public void removeListener(ProgramListener listener) { events.remove(listener); }

    /** Tells {@code listener} alone (on the events thread, after what is queued) the product pinned now, if any. */
    synchronized void tellPinned(ProgramListener listener) {
        long frame = compositor.nextIndex();
        Optional<Product> pinned = pins.pinned();
        pinned.ifPresent(p -> events.tell(l -> {
            if (l == listener) l.productPinned(p, frame);
        }));
    }

    // ---- for the collaborators (called with this program's lock held) ----

    Iterable<OpenedSource> openedSources() { return sources.values(); }

    OpenedSource openedSource(String name) { return sources.get(name); }

    boolean isClosed() { return closed; }

    ProgramEvents events() { return events; }

    String pinnedSku() { return pins.pinnedSku(); }

    void showOnCards() throws AvException { pins.showOnCards(); }

    ProgramCountdowns.CardFace cardFace(io.castline.engine.commerce.Product product) { return countdowns.face(product); }

    /**
     * A countdown ended {@code sold_out} on {@code frame}: the product's stock is 0 in the show from
     * now on, as after a sale; the listeners hear it (whoever keeps the show must take it in).
     */
    void sellOut(String sku, long frame) {
        Product product = show.product(sku).orElse(null);
        if (product == null) return; // left the catalogue meanwhile: nothing to sell out
        Product sold = product.withStock(0);
        List<Product> products = new ArrayList<>(show.products());
        products.set(products.indexOf(product), sold);
        show = show.withProducts(products);
        events.tell(l -> l.productChanged(sold, frame));
    }

    /** The sources a show needs open: those some scene shows, and those with sound. */
    private static List<SourceConfig> needed(Show show) {
        Set<String> used = show.scenes().stream().flatMap(s -> s.layers().stream()).map(Layer::source)
                .collect(Collectors.toSet());
        List<SourceConfig> needed = new ArrayList<>();
        for (SourceConfig config : show.sources()) {
            // a source no scene shows and without sound would only hold a device
            if (used.contains(config.name()) || SourceKinds.hasAudio(config)) needed.add(config);
        }
        return needed;
    }

    /** The mixer's channels for the sources with sound now: a source kept keeps its strip (gain, mute). */
    private void updateChannels() {
        if (mixer == null) return;
        Map<String, AudioMixer.Channel> next = new LinkedHashMap<>();
        for (OpenedSource s : sources.values()) {
            if (s.audio() == null) continue;
            AudioMixer.Channel old = channels.get(s.config().name());
            if (old != null && old.source() == s.audio()) {
                next.put(s.config().name(), old);
                continue;
            }
            AudioMixer.Channel fresh = new AudioMixer.Channel(s.audio());
            if (old != null) { // the same source opened anew: its strip's settings stay (a muted mic stays muted)
                fresh.setGain(old.gain());
                fresh.setMuted(old.muted());
            }
            next.put(s.config().name(), fresh);
        }
        channels.clear();
        channels.putAll(next);
        mixer.setChannels(new ArrayList<>(next.values()));
    }

    /**
     * Studio mode: renders {@code scene} (the next one, being edited) into {@code scaler} at
     * {@value #PREVIEW_FPS} fps on a compositor of its own, from the same opened sources as the
     * program, which still gets every frame (each source is read through a {@link SharedVideoSource}).
     * Called again, it shows another scene or scaler. Nothing here touches the program or the stream.
     */
    public synchronized void showPreview(String scene, PreviewScaler scaler) throws AvException {
        if (closed) throw new IllegalStateException("the program is closed");
        if (show.scene(scene).isEmpty()) throw new IllegalArgumentException("no scene " + scene);
        previewScene = scene;
        if (preview == null) {
            previewPlanner = new ScenePlanner(canvas.width(), canvas.height());
            preview = new Compositor(canvas.width(), canvas.height(), PREVIEW_FPS, previewPlan(scene));
            preview.setEncoding(false);
            preview.followProgramFrame(compositor::nextIndex);
            preview.setPreview(scaler);
            preview.start(MediaClock.startingNow());
        } else {
            preview.setPreview(scaler);
            replanPreview();
        }
    }

    /** The scene studio mode's preview shows, or null when it is off. */
    public synchronized String previewScene() { return previewScene; }

    /** Ends studio mode's preview: its compositor stops, its readers and stills go. */
    public synchronized void stopPreview() {
        Compositor c = preview;
        preview = null;
        previewScene = null;
        if (c != null) {
            c.setPreview(null);
            c.close();
        }
        previewReaders.clear();
        if (previewPlanner != null) previewPlanner.close();
        previewPlanner = null;
    }

    /** The preview after an edit: its scene again (the show's program when it was removed). */
    private void replanPreview() throws AvException {
        if (show.scene(previewScene).isEmpty()) previewScene = programScene;
        preview.show(previewPlan(previewScene));
    }

    private RenderPlan previewPlan(String sceneName) throws AvException {
        Scene scene = show.scene(sceneName).orElseThrow(() -> new IllegalArgumentException("no scene " + sceneName));
        return previewPlanner.plan(scene, name -> {
            OpenedSource s = sources.get(name);
            if (s == null || s.video() == null) return null;
            if (!(s.video() instanceof SharedVideoSource.Reader owner)) return s.video(); // drawn, not read: shared as it is
            return previewReaders.computeIfAbsent(s.video(), v -> owner.shared().reader());
        });
    }

    /** A live picture source read through a {@link SharedVideoSource}, so studio mode's preview can read it too. */
    private static OpenedSource shareable(OpenedSource o) {
        if (o.video() == null || !o.video().hasFrames()) return o;
        return new OpenedSource(o.config(), new SharedVideoSource(o.video()).owner(), o.audio());
    }

    /** Why each source gives nothing ("no signal: …"), by name; only those that have a problem. */
    public synchronized Map<String, String> sourceProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (OpenedSource s : sources.values()) {
            String p = s.video() != null ? s.video().problem() : null;
            if (p == null && s.audio() != null) p = s.audio().problem();
            if (p != null) problems.put(s.config().name(), p);
        }
        return problems;
    }

    /** Why the first sound source gives no samples ("no signal: …"), or null while it does or when there is none. */
    public synchronized String audioProblem() {
        return channels.values().stream().findFirst().map(c -> c.source().problem()).orElse(null);
    }

    /** The first failure of the compositor or mixer threads, or null. */
    public Throwable failure() {
        if (compositor.failure() != null) return compositor.failure();
        if (events.failure() != null) return events.failure();
        return mixer == null ? null : mixer.failure();
    }

    RenderPlan plan(String sceneName) throws AvException {
        Scene scene = show.scene(sceneName).orElseThrow(() -> new IllegalArgumentException("no scene " + sceneName));
        return planner.plan(scene, name -> {
            OpenedSource s = sources.get(name);
            return s == null ? null : s.video();
        });
    }

    /** A source with pictures and sound is heard only while a visible layer of the scene on air shows it. */
    private void updateOnAir() {
        Scene scene = show.scene(programScene).orElse(null);
        for (Map.Entry<String, AudioMixer.Channel> e : channels.entrySet()) {
            OpenedSource s = sources.get(e.getKey());
            boolean onAir = s.video() == null || (scene != null && scene.layers().stream()
                    .anyMatch(l -> l.visible() && l.source().equals(e.getKey())));
            e.getValue().setOnAir(onAir);
        }
    }

    private void awaitFirstPictures() {
        long waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIRST_FRAME_WAIT_MILLIS);
        List<VideoSource> onAir = compositor.plan().videoSources();
        while (System.nanoTime() < waitUntil && onAir.stream().anyMatch(v -> v.problem() != null)) sleep(20);
        for (VideoSource v : onAir) {
            if (v.problem() != null) LOG.warn("{}: {}; showing the no-signal picture", v.name(), v.problem());
        }
    }

    /** Stops the clock and closes the sources. Idempotent. */
    @Override public synchronized void close() {
        if (closed) return;
        closed = true;
        events.close();
        stopPreview();
        compositor.close();
        if (mixer != null) mixer.close();
        sources.values().forEach(OpenedSource::close);
        planner.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
