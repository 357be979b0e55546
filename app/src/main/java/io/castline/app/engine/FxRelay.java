package io.castline.app.engine;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest value from any thread to a consumer on the UI thread, coalesced: however fast
 * values are offered, at most one delivery is queued on the UI thread at a time and it carries the
 * newest value; older ones are simply replaced. So a busy UI thread never accumulates a backlog of
 * stale updates, and the producer never blocks.
 */
public final class FxRelay<T> {
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<T> sink;
    private final Executor uiThread;

    /** @param uiThread {@code Platform::runLater} in the studio; a direct executor in tests */
    public FxRelay(Consumer<T> sink, Executor uiThread) {
        this.sink = Objects.requireNonNull(sink);
        this.uiThread = Objects.requireNonNull(uiThread);
    }

    /** Any thread. Never blocks. */
    public void offer(T value) {
        latest.set(Objects.requireNonNull(value));
        if (scheduled.compareAndSet(false, true)) uiThread.execute(this::deliver);
    }

    private void deliver() {
        // clear the flag first: a value offered while the sink runs schedules its own delivery
        scheduled.set(false);
        T value = latest.getAndSet(null);
        if (value != null) sink.accept(value);
    }
}
