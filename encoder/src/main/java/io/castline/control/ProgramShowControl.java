package io.castline.control;

import io.castline.engine.CuePlayer;
import io.castline.engine.Program;
import io.castline.engine.Program.Framed;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.commerce.ProductRules;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.settings.Problems;
import io.castline.engine.show.Cue;
import io.castline.engine.show.Scene;
import io.castline.engine.show.Show;
import io.castline.engine.show.TransitionKind;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The producer's actions on a headless program ({@code castline live --show … --control-port}): each
 * goes to the program and, when it changed something, is told as an event. Go live / end live are
 * the live command's own (it is live from start to end unless it gives them).
 */
public final class ProgramShowControl implements ShowControl, AutoCloseable {
    /** Going live and ending it, where the caller can; stats as the caller keeps them. */
    public interface Session {
        boolean live();
        void goLive() throws AvException;
        void endLive();
        Map<String, Object> stats();
    }

    private final Program program;
    private final CuePlayer cues;
    private final ControlEvents events;
    private final Session session;
    /** Watches the running countdowns to tell when each runs out (the clock does not call back). */
    private final java.util.concurrent.ScheduledExecutorService watcher;
    /** The runs already told as ended, by countdown: the frame each ran out on. */
    private final Map<String, Long> ended = new java.util.concurrent.ConcurrentHashMap<>();

    public ProgramShowControl(Program program, ControlEvents events, Session session) {
        this.program = program;
        this.cues = new CuePlayer(program, TransitionKind.CUT, Duration.ZERO);
        this.events = events;
        this.session = session;
        this.lastScene = program.programScene();
        this.watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "castline-control-countdowns");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::announceEnded, 50, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        program.addListener(catalogue);
    }

    /** The program's own changes of the catalogue (a countdown that ends sold out), told as the producer's edits are. */
    private final io.castline.engine.ProgramListener catalogue = new io.castline.engine.ProgramListener() {
        @Override public void productChanged(Product product, long frame) {
            events.publish("ProductChanged", Map.of("product", ControlJson.product(product), "frame", frame));
        }
    };

    /** Tells CountdownEnded once for each run that has run out (and the scene change its end made). */
    private void announceEnded() {
        try {
            long now = program.compositor().nextIndex();
            for (Map.Entry<String, Countdown> e : countdowns().entrySet()) {
                Countdown c = e.getValue();
                long end = c.endFrame();
                if (!c.running() || end < 0 || end > now) continue;
                Long told = ended.put(e.getKey(), end);
                if (told != null && told == end) continue;
                events.publish("CountdownEnded", Map.of("name", e.getKey(), "end_frame", end));
            }
            // a countdown's end cuts on the clock's thread: the scene is told when the program has it
            sceneIs(program.programScene());
        } catch (RuntimeException e) {
            // the program is closing; the next run of the watcher, if any, sees it again
        }
    }

    private String lastScene;

    /** Tells ProgramSceneChanged when the scene on air is not the one told last. */
    private synchronized void sceneIs(String scene) {
        if (scene.equals(lastScene)) return;
        lastScene = scene;
        events.publish("ProgramSceneChanged", Map.of("scene", scene));
    }

    @Override public void close() {
        program.removeListener(catalogue);
        watcher.shutdownNow();
    }

    public CuePlayer cuePlayer() { return cues; }

    @Override public List<String> scenes() { return program.show().scenes().stream().map(Scene::name).toList(); }

    @Override public String programScene() { return program.programScene(); }

    @Override public void setProgramScene(String scene, TransitionKind kind, Duration duration) throws AvException {
        if (program.show().scene(scene).isEmpty()) throw new IllegalArgumentException("no scene is called '" + scene + "'");
        // no transition asked: a cut (headless there is no producer's choice); Program.transition cuts for CUT or zero itself
        if (kind == null || duration == null) program.cut(scene);
        else program.transition(scene, kind, duration);
        sceneIs(scene);
    }

    @Override public List<Product> products() { return program.show().products(); }

    @Override public Optional<Product> pinned() { return program.pinned(); }

    @Override public Product pin(String sku) throws AvException { return pinWithFrame(sku).value(); }

    @Override public Framed<Product> pinWithFrame(String sku) throws AvException { return pinned(program.pinWithFrame(sku)); }

    @Override public void unpin() throws AvException { unpinWithFrame(); }

    @Override public long unpinWithFrame() throws AvException {
        boolean was = program.pinned().isPresent();
        long frame = program.unpinWithFrame();
        if (was) events.publish("ProductUnpinned", Map.of());
        return frame;
    }

    @Override public Product pinNext() throws AvException { return pinNextWithFrame().value(); }

    @Override public Product pinPrevious() throws AvException { return pinPreviousWithFrame().value(); }

    @Override public Framed<Product> pinNextWithFrame() throws AvException { return pinned(program.pinStepWithFrame(1)); }

    @Override public Framed<Product> pinPreviousWithFrame() throws AvException { return pinned(program.pinStepWithFrame(-1)); }

    private Framed<Product> pinned(Framed<Product> p) {
        events.publish("ProductPinned", Map.of("product", ControlJson.product(p.value())));
        return p;
    }

    @Override public Product editProduct(String sku, BigDecimal price, BigDecimal compareAtPrice, Integer stock) throws AvException {
        return editProductWithFrame(sku, price, compareAtPrice, stock).value();
    }

    @Override public synchronized Framed<Product> editProductWithFrame(String sku, BigDecimal price, BigDecimal compareAtPrice,
                                                                       Integer stock) throws AvException {
        Show show = program.show();
        Product old = show.product(sku).orElseThrow(() -> new IllegalArgumentException("no product has the SKU '" + sku + "'"));
        Product edited = old;
        if (price != null) edited = edited.withPrice(price);
        if (compareAtPrice != null) edited = edited.withCompareAtPrice(compareAtPrice.signum() == 0 ? null : compareAtPrice);
        if (stock != null) edited = edited.withStock(stock);
        Problems problems = new Problems();
        ProductRules.check(edited, problems);
        problems.throwIfAny();
        List<Product> products = new ArrayList<>(show.products());
        products.set(products.indexOf(old), edited);
        long frame = program.applyWithFrame(show.withProducts(products));
        events.publish("ProductChanged", Map.of("product", ControlJson.product(edited)));
        return new Framed<>(edited, frame);
    }

    @Override public Countdown startCountdown(String name) throws AvException {
        Countdown c = program.startCountdown(name);
        events.publish("CountdownStarted", Map.of("name", name, "countdown", ControlJson.countdown(c)));
        return c;
    }

    @Override public Countdown pauseCountdown(String name) {
        Countdown c = program.pauseCountdown(name);
        events.publish("CountdownPaused", Map.of("name", name, "countdown", ControlJson.countdown(c)));
        return c;
    }

    @Override public Countdown resetCountdown(String name) {
        Countdown c = program.resetCountdown(name);
        events.publish("CountdownReset", Map.of("name", name, "countdown", ControlJson.countdown(c)));
        return c;
    }

    @Override public Map<String, Countdown> countdowns() { return program.countdownStates(); }

    @Override public List<Cue> cues() { return program.show().cues(); }

    @Override public Cue currentCue() { return cues.current(); }

    @Override public Cue upcomingCue() { return cues.upcoming(); }

    @Override public Cue nextCue() throws AvException {
        String before = program.pinned().map(Product::sku).orElse(null);
        Cue cue = cues.next();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cue", ControlJson.cue(cue));
        data.put("index", cues.currentIndex());
        Cue upcoming = cues.upcoming();
        data.put("next", upcoming == null ? null : ControlJson.cue(upcoming));
        events.publish("CueChanged", data);
        sceneIs(cue.scene());
        if (cue.product() != null && !cue.product().equals(before)) {
            events.publish("ProductPinned", Map.of("product", ControlJson.product(program.pinned().orElseThrow())));
        }
        if (cue.countdown() != null) {
            events.publish("CountdownStarted", Map.of("name", cue.countdown(),
                    "countdown", ControlJson.countdown(program.countdownState(cue.countdown()))));
        }
        return cue;
    }

    @Override public boolean live() { return session.live(); }

    @Override public void goLive() throws AvException {
        session.goLive();
        events.publish("StreamStateChanged", Map.of("live", true));
    }

    @Override public void endLive() {
        session.endLive();
        events.publish("StreamStateChanged", Map.of("live", false));
    }

    @Override public Map<String, Object> stats() { return session.stats(); }

    /** A session that is live from start to end (the CLI without go-live control). */
    public static Session alwaysLive(Supplier<Map<String, Object>> stats) {
        return new Session() {
            @Override public boolean live() { return true; }
            @Override public void goLive() { throw new IllegalStateException("this castline live session is already live"); }
            @Override public void endLive() { throw new IllegalStateException("end it with Ctrl-C or its --duration"); }
            @Override public Map<String, Object> stats() { return stats.get(); }
        };
    }
}
