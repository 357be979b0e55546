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
 * own bounded {@link PacketQueue} and drop policy, its own transport and reconnect loop. Nothing here
 * can stall the encoder or another output: {@link #accept} only enqueues.
 *
 * <p>States: {@code IDLE → CONNECTING → LIVE → RECONNECTING → LIVE | FAILED → STOPPED}. A target
 * that cannot be reached at the start fails at once with the reason (as OBS does: a wrong URL or a
 * refused key is not fixed by retrying), except an ingest that says the key is still publishing
 * ({@link ConnectFailure}), which is retried; a connection lost while live is retried with
 * {@link Backoff} until it comes back or {@code maxReconnectAttempts} is reached. A refused TLS
 * certificate fails at once, on a reconnect too: retrying would only offer the key to the same
 * impostor again. {@link #retryNow()} restarts a failed output. A recording (a file target) follows
 * {@link FileRecording} instead: it never reopens a file, it goes on in a new numbered one.
 *
 * <p>Stopping takes at most {@code stopGraceMillis} (plus a moment to abort): a live output sends
 * what is queued and finishes within it; one that is connecting, looking a host up or waiting to
 * retry has nothing to flush and ends at once.
 */
public final class Output {
    private static final Logger LOG = LoggerFactory.getLogger(Output.class);
    /** How long a connection must carry the stream before its loss means "reconnect", not "refused". */
    static final long ESTABLISH_MILLIS = 3_000;
    /** Of the stop grace, kept for the trailer and the close after the queue was sent. */
    static final long FINISH_RESERVE_MILLIS = 100;
    /** After the grace: how long an aborted output thread is waited for before it is left to end on its own. */
    static final long ABORT_WAIT_MILLIS = 200;
    /**
     * The stop grace of a recording: a local file takes milliseconds to finish (trailer, index),
     * but cutting it short loses that, and the last frames x264 flushes at the stop reach the file
     * late on a busy machine. Only a disk that hangs uses it all.
     */
    static final long FILE_STOP_GRACE_MILLIS = 3_000;

    /**
     * Limits of one output.
     *
     * @param openTimeoutMillis the whole connect: name lookup, TCP, RTMP handshake and publish
     * @param stopGraceMillis   how long a live output may take to send what is queued and finish
     */
    public record Config(long dropThresholdMillis, long hardLimitMillis, long maxQueueBytes,
                         long openTimeoutMillis, long writeTimeoutMillis, int maxReconnectAttempts,
                         long stopGraceMillis) {
        public static Config standard() {
            return new Config(1000, 5000, 64L << 20, 10_000, 5_000, 0, 500);
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
    private final HostResolver resolver;
    private volatile ConnectionLocator locator = ConnectionLocator.NONE;
    private volatile int localPort = -1;

    private volatile OutputState state = OutputState.IDLE;
    private volatile String reason = "not started";
    private volatile Transport transport;
    private volatile long currentBytes;
    private volatile int reconnects;
    private volatile int attempt;
    private volatile long retryAtNanos;
    private volatile boolean stopRequested;
    private volatile long stopByNanos;
    private volatile boolean retryRequested;
    /** The last connect failed on the server's certificate: retrying cannot help until the trust changes. */
    private volatile boolean certificateRefused;
    /**
     * Where this output's timeline starts: the decode time, in microseconds of the program's
     * clock, of the first keyframe it ever wrote (Long.MIN_VALUE until then). Every packet is
     * moved back by it, so a recording or stream starts at 0 however long the program ran before;
     * kept across reconnects and the files of a recording, which go on along one timeline.
     * Written by the output thread; read by {@link #status()}.
     */
    private volatile long originMicros = Long.MIN_VALUE;
    /** The latest decode time written, on this output's timeline (a recording's last chapter ends there). */
    private long lastMicros;
    /** A video keyframe has reached the queue (written by the one thread that feeds the output). */
    private volatile boolean keyframeOffered;
    /** About 5 s of AAC at 48 kHz: more sound than that before the first picture means the video is not coming. */
    private static final int MAX_EARLY_PACKETS = 240;

    /** Told of every packet handed to the transport (for latency figures); on the output thread. */
    @FunctionalInterface
    public interface PacketWrittenListener {
        void written(MediaType type, long composedNanos, long writtenNanos);
    }

    public Output(OutputTarget target, List<StreamInfo> streams, Config config, Backoff backoff,
                  PacketWrittenListener writtenListener) {
        this.target = target;
        // its own copies, freed when its thread ends: a thread left blocked after a stop may open a
        // transport after the encoders (and their parameters) are gone
        // (only the streams of its transport: WHIP takes Opus, the others AAC)
        this.streams = Transports.streamsFor(target, streams).stream().map(StreamInfo::copy).toList();
        this.config = config;
        this.backoff = backoff;
        this.writtenListener = writtenListener;
        this.recording = target.network() ? null : new FileRecording(target, this.streams);
        this.queue = new PacketQueue<>(config.dropThresholdMillis(), config.hardLimitMillis(), config.maxQueueBytes(),
                System::nanoTime);
        this.resolver = new HostResolver(target.name());
        this.thread = new Thread(this::run, "castline-output-" + target.name());
        this.thread.setDaemon(true);
    }

    public String name() { return target.name(); }

    /** A recording's chapters, marked on the program's clock from any thread; null for a network output. */
    public Chapters chapters() { return recording == null ? null : recording.chapters(); }
    public OutputTarget target() { return target; }
    public OutputState state() { return state; }

    public void addListener(OutputListener listener) { listeners.add(listener); }

    /** Lets the output say which TCP connection is its own (for OS statistics). Before {@link #start()}. */
    public void setConnectionLocator(ConnectionLocator locator) { this.locator = locator; }

    /** Local port of the current network connection, or -1 when not connected or unknown. */
    public int localPort() { return localPort; }

    /** The connection's own statistics (SRT's), null when its protocol keeps none or it is not open. */
    public LinkStats linkStats() {
        Transport t = transport;
        return t == null ? null : t.linkStats();
    }

    public void start() {
        if (thread.getState() != Thread.State.NEW) throw new IllegalStateException(name() + " already started");
        thread.start();
    }

    /** Enqueues one shared packet (taking a reference of its own). Never blocks. */
    public void accept(EncodedPacket packet) {
        if (streamIndex(packet.type(), packet.codecId()) < 0) return; // another transport's stream (Opus, AAC)
        if (!keyframeOffered) {
            // an output that joins a running encoder (a recording started while live) begins at
            // the next keyframe: the pictures before it were never this output's, so not its drops
            if (packet.isVideo() && !packet.isKey()) return;
            if (packet.isVideoKeyframe()) keyframeOffered = true;
        }
        QueuedPacket p = new QueuedPacket(packet, System.nanoTime());
        if (stopRequested) queue.discard(p); // too late to be sent: counted like any other discard
        else queue.offer(p);
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

    /**
     * Asks the output to send what is queued (within the grace time), finish and stop. Unless it
     * is live it has nothing to flush: a connect, a name lookup or a wait ends at once.
     */
    public void requestStop() {
        long grace = target.network() ? config.stopGraceMillis() : Math.max(config.stopGraceMillis(), FILE_STOP_GRACE_MILLIS);
        if (!stopRequested) stopByNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(grace);
        stopRequested = true;
        if (state != OutputState.LIVE) deadline.abort();
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the thread to end until the grace time (counted from {@link #requestStop()}) is
     * over, then aborts its blocking I/O and waits a moment more. A thread that still does not end
     * is stuck in a call nothing can interrupt; it is left to end on its own (a daemon) rather than
     * holding up the stop.
     */
    public void awaitStop() throws InterruptedException {
        long graceLeft = TimeUnit.NANOSECONDS.toMillis(stopByNanos - System.nanoTime());
        if (graceLeft > 0) thread.join(graceLeft);
        if (thread.isAlive()) {
            deadline.abort();
            thread.join(ABORT_WAIT_MILLIS);
        }
        if (thread.isAlive()) LOG.warn("{}: output thread still blocked after the stop; left to end on its own", name());
    }

    public OutputStatus status() {
        long retryIn = state == OutputState.RECONNECTING
                ? Math.max(0, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime())) : 0;
        return new OutputStatus(name(), target.maskedUrl(), target.network(), state, reason,
                bytesBefore.get() + currentBytes, payloadBytes.get(), queue.ageMillis(), queue.bytes(), queue.droppedVideoFrames(),
                reconnects, state == OutputState.RECONNECTING ? attempt : 0, retryIn, queue.congestionDrops(),
                recording == null ? null : recording.status(), originMicros());
    }

    /**
     * Where this output's timeline starts on the program's clock (microseconds: the decode time of
     * the first keyframe it wrote, which every packet is moved back by), or null until it has
     * written one. Kept across reconnects and a recording's files.
     */
    public Long originMicros() {
        long o = originMicros;
        return o == Long.MIN_VALUE ? null : o;
    }

    // ---- the output thread ------------------------------------------------------------------

    private void run() {
        // a connection counts as established once it has carried the stream for a while: an ingest
        // that refuses a key (nginx-rtmp "deny publish", a wrong key) accepts the connection and
        // publish, then drops it at the first media packet
        boolean established = false;
        // the ingest was busy at the start: backOff() has announced the next attempt, as when reconnecting
        boolean retryingStart = false;
        try {
            while (!stopRequested) {
                // while reconnecting, backOff() has already announced this attempt
                if (!established && !retryingStart) transition(OutputState.CONNECTING, "connecting to " + target.maskedUrl());
                ConnectFailure failure = connect();
                if (failure != null) {
                    reason = failure.reason();
                    if (stopRequested) break; // the stop ended the connect: not a failure of the ingest
                    // a refused certificate and a folder that takes no file are not fixed by waiting
                    boolean permanent = certificateRefused || recording != null && !recording.waitingForRoom();
                    if (!permanent && (established || failure.retryable())) {
                        retryingStart = !established;
                        if (!backOff()) break;
                    } else {
                        waitForRetryAfterFailure();
                    }
                    continue;
                }
                transition(OutputState.LIVE, recording != null ? recording.liveReason()
                        : established ? "reconnected after " + attempt + " attempt(s)" : "publishing to " + target.maskedUrl());
                if (retryingStart) attempt = 0;
                retryingStart = false;
                long connectedAt = System.nanoTime();
                String lost = sendUntilStoppedOrLost();
                if (lost == null || stopRequested) break;
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
                    reason = Transports.forTarget(target).earlyLossHint() + ": " + lost;
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
            closeTransport(false);
            deadline.close();
            if (state != OutputState.FAILED || stopRequested) {
                String why = state == OutputState.FAILED ? reason : "stopped";
                transition(OutputState.STOPPED, recording != null ? recording.stoppedReason(why) : why);
            }
            streams.forEach(StreamInfo::close);
        }
    }

    /** Opens the transport; null when it did, else why not. */
    private ConnectFailure connect() {
        certificateRefused = false;
        deadline.reset();
        // a stop asked just before the reset must still end this connect at once (requestStop sets
        // the flag before it aborts)
        if (stopRequested) deadline.abort();
        deadline.arm(config.openTimeoutMillis());
        try {
            if (target.network()) {
                // looked up here, where a name server that never answers cannot hold the thread
                String address = target.peerHost() == null ? null
                        : resolver.resolve(target.peerHost(), config.openTimeoutMillis(), deadline).getHostAddress();
                ConnectionLocator.Located<Transport> located = openWithinDeadline(address);
                transport = located.value();
                localPort = located.localPort();
            } else {
                transport = recording.open(deadline);
            }
            currentBytes = transport.bytesWritten();
            queue.setConnected(true);
            return null;
        } catch (HostResolver.LookupFailed e) {
            return ConnectFailure.permanent(e.getMessage());
        } catch (InterruptedException e) {
            return ConnectFailure.permanent("stopped while connecting");
        } catch (AvException e) {
            certificateRefused = e instanceof CertificateRefusedException;
            if (certificateRefused) return ConnectFailure.permanent(e.getMessage());
            if (deadline.timedOut()) {
                return ConnectFailure.permanent("cannot connect: no answer within " + config.openTimeoutMillis() / 1000
                        + " s (" + target.peerHost() + ":" + target.peerPort() + ")");
            }
            return ConnectFailure.fromFfmpeg(e.getMessage());
        } catch (Exception e) {
            return ConnectFailure.permanent("cannot connect: " + e.getMessage());
        } finally {
            deadline.disarm();
        }
    }

    /**
     * Opens the network transport, trying again while the TCP connect times out and the open timeout
     * has time left: FFmpeg's tcp protocol gives a connect a fixed 5 s (its own default, which no
     * option reachable through rtmp:// changes), where an output allows {@code openTimeoutMillis}.
     */
    private ConnectionLocator.Located<Transport> openWithinDeadline(String address) throws Exception {
        if (!Transports.forTarget(target).overTcp()) {
            return new ConnectionLocator.Located<>(Transports.open(target, streams, deadline), -1);
        }
        while (true) {
            try {
                return locator.open(address, target.peerPort(), () -> Transports.open(target, streams, deadline));
            } catch (AvException e) {
                boolean connectTimedOut = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("timed out");
                if (!connectTimedOut || deadline.aborted() || deadline.timedOut()) throw e;
            }
        }
    }

    /**
     * Sends queued packets until a stop is requested (then drains and finishes; returns null) or
     * the connection fails (returns the reason).
     */
    private String sendUntilStoppedOrLost() throws InterruptedException {
        boolean awaitingKeyframe = true;
        QueuedPacket inFlight = null;
        // this connection's first picture (program clock, µs). Each connection starts with it, and
        // nothing older follows it: packets go out as they come (not interleaved), and FLV refuses
        // a packet older than the connection's first one ("not in the proper order", EINVAL) — the
        // sound of the moment before a reconnect's keyframe would otherwise fail every attempt
        long startMicros = Long.MIN_VALUE;
        // the sound that reached the queue before this connection's first picture (the video
        // encoder's delay): written after that picture, from its time on
        java.util.ArrayDeque<QueuedPacket> early = new java.util.ArrayDeque<>();
        try {
            while (true) {
                boolean stopping = stopRequested;
                QueuedPacket p = startMicros != Long.MIN_VALUE && !early.isEmpty() ? early.poll()
                        : queue.poll(stopping ? 0 : 100);
                if (p == null) {
                    if (stopping) break;
                    continue;
                }
                if (stopping && millisUntilStopBy() < FINISH_RESERVE_MILLIS) {
                    queue.discard(p); // the rest is let go with the queue
                    break;
                }
                if (awaitingKeyframe && p.type() == MediaType.VIDEO) {
                    if (!p.isKey()) { // cannot happen (the queue resyncs) but never start mid-GOP
                        queue.discard(p);
                        continue;
                    }
                    awaitingKeyframe = false;
                    startMicros = p.dtsMicros();
                    if (originMicros == Long.MIN_VALUE) {
                        originMicros = p.dtsMicros();
                        if (recording != null) recording.chapters().timelineStarts(originMicros);
                    }
                }
                int index = streamIndex(p.type(), p.codecId());
                if (startMicros == Long.MIN_VALUE && hasVideo() && index >= 0) {
                    early.add(p); // no picture on this connection yet: held until it comes
                    if (early.size() > MAX_EARLY_PACKETS) queue.discard(early.poll());
                    continue;
                }
                if (index < 0 || p.dtsMicros() < startMicros) { // before the first picture: a moment nobody sees
                    queue.discard(p);
                    continue;
                }
                int size = p.size();
                deadline.arm(stopping ? Math.min(config.writeTimeoutMillis(), Math.max(1, millisUntilStopBy()))
                        : config.writeTimeoutMillis());
                inFlight = p;
                transport.write(p.takeShiftedBy(originMicros == Long.MIN_VALUE ? 0 : originMicros), index);
                inFlight = null;
                deadline.disarm();
                payloadBytes.addAndGet(size);
                lastMicros = Math.max(lastMicros, p.dtsMicros() - originMicros);
                currentBytes = transport.bytesWritten();
                if (writtenListener != null) writtenListener.written(p.type(), p.composedNanos(), System.nanoTime());
            }
            deadline.arm(Math.max(1, millisUntilStopBy())); // only a stop ends the loop: finish within its grace
            releaseConnection();
            Transport m = transport;
            transport = null;
            try {
                if (recording != null) recording.finishing(m, lastMicros / 1000);
                m.finish();
            } catch (AvException e) {
                LOG.warn("{}: could not finish cleanly: {}", name(), e.getMessage());
            } finally {
                bytesBefore.addAndGet(currentBytes);
                currentBytes = 0;
            }
            return null;
        } catch (AvException e) {
            if (inFlight != null) queue.discard(inFlight); // written into a connection that failed
            String why = deadline.timedOut() ? Transports.forTarget(target).stalledReason(config.writeTimeoutMillis() / 1000)
                    : e.getMessage();
            queue.setConnected(false);
            closeTransport(true);
            return why;
        } finally {
            deadline.disarm();
            early.forEach(queue::discard);
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

    private long millisUntilStopBy() {
        return TimeUnit.NANOSECONDS.toMillis(stopByNanos - System.nanoTime());
    }

    private void releaseConnection() {
        if (localPort >= 0) locator.release(localPort);
        localPort = -1;
    }

    /** The stream of that type and codec (any of that type when the packet does not say its codec), or -1. */
    private int streamIndex(MediaType type, int codecId) {
        for (int i = 0; i < streams.size(); i++) {
            StreamInfo s = streams.get(i);
            if (s.type() == type && (codecId == org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE || s.codecId() == codecId)) {
                return i;
            }
        }
        return -1;
    }

    private boolean hasVideo() { return streamIndex(MediaType.VIDEO, org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE) >= 0; }

    private void closeTransport(boolean broken) {
        releaseConnection();
        Transport m = transport;
        transport = null;
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
