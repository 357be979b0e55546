package io.castline.engine;

import io.castline.engine.clock.MediaClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The program's own thread for what happens after the fact: telling its {@link ProgramListener}s
 * (in order, without the program's lock) and taking in a countdown's end once the clock has drawn
 * it. A failure there is kept and reported by {@link Program#failure()}.
 */
final class ProgramEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgramEvents.class);

    private final List<ProgramListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "castline-program-events");
        t.setDaemon(true);
        return t;
    });
    private volatile MediaClock clock;
    private final int fps;
    private volatile Throwable failure;

    ProgramEvents(int fps) {
        this.fps = fps;
    }

    void clockStarted(MediaClock clock) { this.clock = clock; }

    void add(ProgramListener l) { listeners.add(l); }

    void remove(ProgramListener l) { listeners.remove(l); }

    /** Tells every listener, on this thread, after what was told before. */
    void tell(Consumer<ProgramListener> event) {
        run(() -> {
            for (ProgramListener l : listeners) event.accept(l);
        }, 0);
    }

    /**
     * Runs {@code settle} once the clock is due past {@code endFrame}, and again a frame later for
     * as long as it says an end is still to come (the clock may run late).
     */
    void watchEnd(long endFrame, BooleanSupplier settle) {
        MediaClock c = clock;
        long delay = c == null ? 0 : Math.max(0, c.dueNanos(endFrame + 1, fps) - System.nanoTime());
        watch(settle, delay + TimeUnit.MILLISECONDS.toNanos(1));
    }

    private void watch(BooleanSupplier settle, long delayNanos) {
        run(() -> {
            if (settle.getAsBoolean()) watch(settle, 1_000_000_000L / fps); // the clock is late: a frame more
        }, delayNanos);
    }

    Throwable failure() { return failure; }

    private void run(Runnable task, long delayNanos) {
        try {
            thread.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    if (failure == null) failure = e;
                    LOG.error("program event failed: {}", e.getMessage(), e);
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // the program is closed: nothing is told any more
        }
    }

    @Override public void close() {
        thread.shutdownNow();
    }
}
