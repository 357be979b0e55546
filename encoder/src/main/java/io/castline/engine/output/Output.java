package io.castline.engine.output;

import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.MediaType;
import io.castline.engine.encode.StreamInfo;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.Interrupts;
import io.castline.engine.tls.CertificateRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One destination of the shared encoded stream (the "output" role of libobs): its own thread, its
 * own bounded {@link PacketQueue} and drop policy, its own muxer and reconnect loop. Nothing here
 * can stall the encoder or another output: {@link #accept} only enqueues.
 *
 * <p>States: {@code IDLE → CONNECTING → LIVE → RECONNECTING → LIVE | FAILED → STOPPED}. A target
 * that cannot be reached at the start fails at once with the reason (as OBS does: a wrong URL or a
 * refused key is not fixed by retrying); a connection lost while live is retried with
 * {@link Backoff} until it comes back or {@code maxReconnectAttempts} is reached. A refused TLS
 * certificate fails at once, on a reconnect too: retrying would only offer the key to the same
 * impostor again. {@link #retryNow()} restarts a failed output. A recording (a file target) follows
 * {@link FileRecording} instead: it never reopens a file, it goes on in a new numbered one.
 */
public final class Output {
    private static final Logger LOG = LoggerFactory.getLogger(Output.class);
    /** How long a connection must carry the stream before its loss means "reconnect", not "refused". */
    static final long ESTABLISH_MILLIS = 3_000;

    /** Limits of one output. */
    public record Config(long dropThresholdMillis, long hardLimitMillis, long maxQueueBytes,
                         long openTimeoutMillis, long writeTimeoutMillis, int maxReconnectAttempts,
                         long stopGraceMillis) {
        public static Config standard() {
            return new Config(1000, 5000, 64L << 20, 10_000, 5_000, 0, 3_000);
        }
    }

    private final OutputTarget target;
    private final List<StreamInfo> streams;
    private final Config config;
    private final Backoff backoff;
    private final PacketQueue<QueuedPacket> queue;
    private final List<OutputListener> listeners = new CopyOnWriteArrayList<>();
    private final Interrupts.Deadline deadline = new Interrupts.Deadline();
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong bytesBefore = new AtomicLong();
    private final AtomicLong payloadBytes = new AtomicLong();
    private final PacketWrittenListener writtenListener;
    /** The policy of a file target (null for a network one). */
    private final FileRecording recording;
    private volatile ConnectionLocator locator = ConnectionLocator.NONE;
    private volatile int localPort = -1;

    private volatile OutputState state = OutputState.IDLE;
    private volatile String reason = "not started";
    private volatile Muxer muxer;
    private volatile long currentBytes;
    private volatile int reconnects;
    private volatile int attempt;
    private volatile long retryAtNanos;
    private volatile boolean stopRequested;
    private volatile boolean retryRequested;
    /** The last connect failed on the server's certificate: retrying cannot help until the trust changes. */
    private volatile boolean certificateRefused;

    /** Told of every packet handed to the muxer (for latency figures); on the output thread. */
    @FunctionalInterface
    public interface PacketWrittenListener {
        void written(MediaType type, long composedNanos, long writtenNanos);
    }

    public Output(OutputTarget target, List<StreamInfo> streams, Config config, Backoff backoff,
                  PacketWrittenListener writtenListener) {
        this.target = target;
        this.streams = List.copyOf(streams);
        this.config = config;
        this.backoff = backoff;
        this.writtenListener = writtenListener;
        this.recording = target.network() ? null : new FileRecording(target, this.streams);
        this.queue = new PacketQueue<>(config.dropThresholdMillis(), config.hardLimitMillis(), config.maxQueueBytes(),
                System::nanoTime);
        this.thread = new Thread(this::run, "castline-output-" + target.name());
        this.thread.setDaemon(true);
    }

    public String name() { return target.name(); }
    public OutputTarget target() { return target; }
    public OutputState state() { return state; }

    public void addListener(OutputListener listener) { listeners.add(listener); }

    /** Lets the output say which TCP connection is its own (for OS statistics). Before {@link #start()}. */
    public void setConnectionLocator(ConnectionLocator locator) { this.locator = locator; }

    /** Local port of the current network connection, or -1 when not connected or unknown. */
    public int localPort() { return localPort; }

    public void start() {
        if (thread.getState() != Thread.State.NEW) throw new IllegalStateException(name() + " already started");
        thread.start();
    }

    /** Enqueues one shared packet (taking a reference of its own). Never blocks. */
    public void accept(EncodedPacket packet) {
        if (stopRequested) return;
        queue.offer(new QueuedPacket(packet, System.nanoTime()));
    }

    /** Ends a backoff wait at once, or restarts a failed output. */
    public void retryNow() {
        lock.lock();
        try {
            retryRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Encode once, fan out: every output takes its own reference; the encoder's is freed here. */
    public static void fanOut(EncodedPacket packet, List<Output> outputs) {
        try {
            for (Output o : outputs) o.accept(packet);
        } finally {
            packet.close();
        }
    }

    /** Asks every output to finish what it has queued (all at once, so their grace times overlap) and waits for them. */
    public static void stopAll(List<Output> outputs) {
        outputs.forEach(Output::requestStop);
        for (Output o : outputs) {
            try {
                o.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the output to send what is queued (within the grace time), finish and stop. */
    public void requestStop() {
        stopRequested = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the thread to end; aborts blocking I/O after the grace time. */
    public void awaitStop() throws InterruptedException {
        thread.join(config.stopGraceMillis());
        if (thread.isAlive()) {
            deadline.abort();
            thread.join(5_000);
        }
        if (thread.isAlive()) LOG.warn("{}: output thread did not end", name());
    }

    public OutputStatus status() {
        long retryIn = state == OutputState.RECONNECTING
                ? Math.max(0, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime())) : 0;
        return new OutputStatus(name(), target.maskedUrl(), target.network(), state, reason,
                bytesBefore.get() + currentBytes, payloadBytes.get(), queue.ageMillis(), queue.bytes(), queue.droppedVideoFrames(),
                reconnects, state == OutputState.RECONNECTING ? attempt : 0, retryIn,
                recording == null ? null : recording.status());
    }

    // ---- the output thread ------------------------------------------------------------------

    private void run() {
        // a connection counts as established once it has carried the stream for a while: an ingest
        // that refuses a key (nginx-rtmp "deny publish", a wrong key) accepts the connection and
        // publish, then drops it at the first media packet
        boolean established = false;
        try {
            while (!stopRequested) {
                // while reconnecting, backOff() has already announced this attempt
                if (!established) transition(OutputState.CONNECTING, "connecting to " + target.maskedUrl());
                if (!connect()) {
                    if (!established || certificateRefused || recording != null && !recording.waitingForRoom()) {
                        waitForRetryAfterFailure();
                        continue;
                    }
                    if (!backOff()) break;
                    continue;
                }
                transition(OutputState.LIVE, recording != null ? recording.liveReason()
                        : established ? "reconnected after " + attempt + " attempt(s)" : "publishing to " + target.maskedUrl());
                long connectedAt = System.nanoTime();
                String lost = sendUntilStoppedOrLost();
                if (lost == null) break;
                if (recording != null) { // a file is never reopened: keep it, go on in a new one
                    established = true;
                    reconnects++;
                    attempt = 0;
                    LOG.warn("{}: {}", name(), lost);
                    reason = recording.lost(lost);
                    if (!backOff()) break;
                    continue;
                }
                boolean shortLived = System.nanoTime() - connectedAt < TimeUnit.MILLISECONDS.toNanos(ESTABLISH_MILLIS);
                if (!established && shortLived) {
                    reason = "the server dropped the stream right after it was published (stream key or "
                            + "application refused?): " + lost;
                    waitForRetryAfterFailure();
                    continue;
                }
                if (!shortLived) {
                    established = true;
                    reconnects++;
                    attempt = 0;
                    LOG.warn("{}: connection lost: {}", name(), lost);
                }
                reason = lost;
                if (!backOff()) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: output thread failed", name(), e);
            transition(OutputState.FAILED, "internal error: " + e);
        } finally {
            queue.clear();
            closeMuxer(false);
            deadline.close();
            if (state != OutputState.FAILED || stopRequested) {
                String why = state == OutputState.FAILED ? reason : "stopped";
                transition(OutputState.STOPPED, recording != null ? recording.stoppedReason(why) : why);
            }
        }
    }

    /** Opens the muxer; false (with {@link #reason} set) when it could not. */
    private boolean connect() {
        certificateRefused = false;
        deadline.reset();
        deadline.arm(config.openTimeoutMillis());
        try {
            if (target.network()) {
                ConnectionLocator.Located<Muxer> located = locator.open(target.peerHost(), target.peerPort(),
                        () -> Muxer.open(target, streams, deadline));
                muxer = located.value();
                localPort = located.localPort();
            } else {
                muxer = recording.open(deadline);
            }
            currentBytes = muxer.bytesWritten();
            queue.setConnected(true);
            return true;
        } catch (AvException e) {
            certificateRefused = e instanceof CertificateRefusedException;
            reason = deadline.timedOut() && !certificateRefused ? "no answer within " + config.openTimeoutMillis() / 1000 + " s ("
                    + e.getMessage() + ")" : e.getMessage();
            return false;
        } catch (Exception e) {
            reason = "cannot connect: " + e.getMessage();
            return false;
        } finally {
            deadline.disarm();
        }
    }

    /**
     * Sends queued packets until a stop is requested (then drains and finishes; returns null) or
     * the connection fails (returns the reason).
     */
    private String sendUntilStoppedOrLost() throws InterruptedException {
        boolean awaitingKeyframe = true;
        long stopDeadline = 0;
        try {
            while (true) {
                if (stopRequested && stopDeadline == 0) stopDeadline = System.nanoTime()
                        + TimeUnit.MILLISECONDS.toNanos(config.stopGraceMillis() / 2);
                QueuedPacket p = queue.poll(stopRequested ? 0 : 100);
                if (p == null) {
                    if (stopRequested) break;
                    continue;
                }
                if (stopDeadline != 0 && System.nanoTime() > stopDeadline) {
                    p.release();
                    break;
                }
                if (awaitingKeyframe && p.type() == MediaType.VIDEO) {
                    if (!p.isKey()) { // cannot happen (the queue resyncs) but never start mid-GOP
                        p.release();
                        continue;
                    }
                    awaitingKeyframe = false;
                }
                int index = streamIndex(p.type());
                if (index < 0) {
                    p.release();
                    continue;
                }
                int size = p.size();
                deadline.arm(config.writeTimeoutMillis());
                muxer.write(p.take(), index);
                deadline.disarm();
                payloadBytes.addAndGet(size);
                currentBytes = muxer.bytesWritten();
                if (writtenListener != null) writtenListener.written(p.type(), p.composedNanos(), System.nanoTime());
            }
            deadline.arm(config.stopGraceMillis());
            releaseConnection();
            Muxer m = muxer;
            muxer = null;
            try {
                m.finish();
            } catch (AvException e) {
                LOG.warn("{}: could not finish cleanly: {}", name(), e.getMessage());
            } finally {
                bytesBefore.addAndGet(currentBytes);
                currentBytes = 0;
            }
            return null;
        } catch (AvException e) {
            String why = deadline.timedOut() ? "send stalled for " + config.writeTimeoutMillis() / 1000 + " s" : e.getMessage();
            queue.setConnected(false);
            closeMuxer(true);
            return why;
        } finally {
            deadline.disarm();
        }
    }

    /** Waits the next backoff delay; false if the output should give up or stop. */
    private boolean backOff() throws InterruptedException {
        attempt++;
        if (config.maxReconnectAttempts() > 0 && attempt > config.maxReconnectAttempts()) {
            transition(OutputState.FAILED, "gave up after " + config.maxReconnectAttempts() + " attempts: " + reason);
            waitForRetryAfterFailure();
            attempt = 0;
            return !stopRequested;
        }
        long delay = backoff.delayMillis(attempt);
        retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        transition(OutputState.RECONNECTING, String.format(Locale.ROOT, "%s; retry in %.1f s (attempt %d)",
                baseReason(reason), delay / 1000.0, attempt));
        awaitWake(delay);
        return !stopRequested;
    }

    /** FAILED: stays so, with its reason, until {@link #retryNow()} or a stop. */
    private void waitForRetryAfterFailure() throws InterruptedException {
        lock.lock();
        try {
            retryRequested = false; // a press from before the failure is not one for it
        } finally {
            lock.unlock();
        }
        transition(OutputState.FAILED, baseReason(reason));
        queue.setConnected(false);
        lock.lock();
        try {
            // not awaitWake(): it clears the request that woke it, so this loop never saw Retry now
            while (!stopRequested && !retryRequested) wake.await(1, TimeUnit.SECONDS);
            retryRequested = false;
        } finally {
            lock.unlock();
        }
    }

    private void awaitWake(long millis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            retryRequested = false;
            while (remaining > 0 && !stopRequested && !retryRequested) remaining = wake.awaitNanos(remaining);
            retryRequested = false;
        } finally {
            lock.unlock();
        }
    }

    private void releaseConnection() {
        if (localPort >= 0) locator.release(localPort);
        localPort = -1;
    }

    private int streamIndex(MediaType type) {
        for (int i = 0; i < streams.size(); i++) if (streams.get(i).type() == type) return i;
        return -1;
    }

    private void closeMuxer(boolean broken) {
        releaseConnection();
        Muxer m = muxer;
        muxer = null;
        if (m == null) return;
        if (broken) deadline.arm(1_000); // closing a dead RTMP connection must not hang
        m.close();
        deadline.disarm();
        bytesBefore.addAndGet(currentBytes);
        currentBytes = 0;
    }

    private static String baseReason(String reason) {
        int i = reason == null ? -1 : reason.indexOf("; retry in ");
        return i < 0 ? reason : reason.substring(0, i);
    }

    private void transition(OutputState to, String why) {
        OutputState from = state;
        reason = why;
        state = to;
        if (from == to && to != OutputState.RECONNECTING) return;
        LOG.info("{}: {} -> {} ({})", name(), from, to, why);
        for (OutputListener l : listeners) {
            try {
                l.stateChanged(name(), from, to, why);
            } catch (RuntimeException e) {
                LOG.warn("{}: listener failed", name(), e);
            }
        }
    }
}
