package io.castline.engine;

import io.castline.engine.clock.MediaClock;
import io.castline.engine.audio.AudioMixer;
import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.HardwareEncoders;
import io.castline.engine.encode.StreamInfo;
import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.ffmpeg.FFmpegLog;
import io.castline.engine.output.Backoff;
import io.castline.engine.output.ConnectionLocator;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputListener;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.show.Show;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.stats.StatsSnapshot;
import io.castline.engine.uplink.BitrateController;
import io.castline.engine.uplink.TcpConnectionLocator;
import io.castline.engine.uplink.TcpStatsReader;
import io.castline.engine.uplink.UplinkMonitor;
import io.castline.engine.video.Compositor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One live broadcast: sources → compositor → one video and one audio encoder (AAC; and Opus too
 * while a WHIP output needs it: each codec encoded once) → to every output the packets of the
 * streams its transport carries. Built and started by {@link #start}; {@link #stop} finishes every output
 * cleanly. Publishes a {@link StatsSnapshot} every second to its stats listeners (on the
 * "castline-stats" thread; a UI must move it onto its own thread).
 */
public final class Broadcast implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broadcast.class);

    /**
     * What to broadcast and where. {@code show} (null: one source from {@code video} and
     * {@code audio}, of kind NONE for a video-only stream) is what the program draws and mixes;
     * {@code baseDirectory} is where its relative paths are read from.
     *
     * @param dynamicBitrate lower the encoder's bitrate while the primary is congested (off for the
     *                       bandwidth test, which sets the rate itself)
     */
    public record Config(EncoderSettings settings, SourceSpec video, SourceSpec audio, List<OutputTarget> targets,
                         Output.Config outputConfig, boolean dynamicBitrate, Show show, Path baseDirectory) {
        public Config {
            targets = List.copyOf(targets);
        }

        public Config(EncoderSettings settings, SourceSpec video, SourceSpec audio, List<OutputTarget> targets,
                      Output.Config outputConfig, boolean dynamicBitrate) {
            this(settings, video, audio, targets, outputConfig, dynamicBitrate, null, null);
        }

        public Config(EncoderSettings settings, SourceSpec video, SourceSpec audio, List<OutputTarget> targets,
                      Output.Config outputConfig) {
            this(settings, video, audio, targets, outputConfig, true);
        }

        /** A produced show to {@code targets}, at the show's own encoder settings. */
        public static Config ofShow(Show show, Path baseDirectory, List<OutputTarget> targets, Output.Config outputConfig) {
            return new Config(show.encoderSettings(), null, null, targets, outputConfig, true, show, baseDirectory);
        }

        /** The same with other targets (the bandwidth test's). */
        public Config withTargets(List<OutputTarget> t, boolean dynamic) {
            return new Config(settings, video, audio, t, outputConfig, dynamic, show, baseDirectory);
        }
    }

    private final Config config;
    private final Program program;
    /** True when this broadcast made its program and closes it at the end (the CLI). */
    private final boolean ownsProgram;
    private final VideoEncoder videoEncoder;
    /** AAC, and Opus once a WHIP output asks for it; null without sound. */
    private final AudioEncodes audio;
    private final Compositor compositor;
    private final AudioMixer mixer;
    /** Read for every packet (fan-out) and every second (stats); changed by {@link #addOutput}/{@link #removeOutput}. */
    private final List<Output> outputs = new CopyOnWriteArrayList<>();
    /** Each recording's chapter marks, fed by the program's pins (removed with the recording). */
    private final java.util.Map<Output, ChapterMarks> chapterMarks = new java.util.concurrent.ConcurrentHashMap<>();
    /** The encoded streams (video, AAC, and Opus once a WHIP output asked for it); replaced, never changed. */
    private volatile List<StreamInfo> streams;
    private final ConnectionLocator locator;
    private final Thread encodeThread;
    private final StatsCollector statsCollector;
    private final UplinkMonitor uplinkMonitor;
    private final BitrateController bitrateController;
    private final List<Consumer<StatsSnapshot>> statsListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService statsExecutor;
    private final AtomicLong encodedFrames = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();
    private volatile boolean encoding;
    private volatile Throwable encodeFailure;
    private volatile StatsSnapshot lastSnapshot;
    private boolean stopped;

    private Broadcast(Config config, Program program, boolean ownsProgram) throws AvException {
        this.config = config;
        this.program = program;
        this.ownsProgram = ownsProgram;
        EncoderSettings s = config.settings();
        videoEncoder = new VideoEncoder(s);
        List<StreamInfo> encoded = new ArrayList<>();
        encoded.add(videoEncoder.streamInfo());
        AudioEncodes a = null;
        try {
            a = program.mixer() == null ? null : new AudioEncodes(s.audioBitrateKbps(), this::fanOut);
            if (a != null) encoded.add(a.aacStream());
            if (a != null && config.targets().stream().anyMatch(AudioEncodes::takesOpus)) encoded.add(a.startOpus());
        } catch (AvException e) {
            videoEncoder.close();
            if (a != null) a.close();
            throw e;
        }
        audio = a;
        streams = List.copyOf(encoded);
        TcpStatsReader tcp = TcpStatsReader.forThisPlatform();
        locator = new TcpConnectionLocator(tcp);
        for (OutputTarget t : config.targets()) outputs.add(newOutput(t));
        uplinkMonitor = new UplinkMonitor(tcp);
        bitrateController = config.dynamicBitrate() ? new BitrateController(s.bitrateKbps()) : null;
        compositor = program.compositor();
        mixer = program.mixer();
        encodeThread = new Thread(this::encodeLoop, "castline-video-encoder");
        encodeThread.setDaemon(true);
        statsCollector = new StatsCollector(this);
        statsExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "castline-stats");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Validates the settings (throws {@link InvalidSettingsException} naming the field), opens the
     * sources and starts the clock (a program of its own, closed at the end), opens the encoders,
     * and starts the outputs connecting.
     */
    public static Broadcast start(Config config, OutputListener outputListener) throws AvException {
        validate(config);
        Program program = config.show() != null ? Program.start(config.show(), config.baseDirectory())
                : Program.start(config.settings(), config.video(), config.audio());
        try {
            return start(config, outputListener, program, true);
        } catch (AvException | RuntimeException e) {
            program.close();
            throw e;
        }
    }

    /**
     * Goes live on a program that is already running (the studio's, with its preview); at
     * {@link #stop()} the encoders and outputs go and the program goes on. Its sources are the
     * program's; {@code config.video()/audio()/show()} are not used.
     */
    public static Broadcast start(Config config, OutputListener outputListener, Program program) throws AvException {
        validate(config);
        if (!program.fits(config.settings())) {
            throw new InvalidSettingsException("canvas", "the program runs at " + program.width() + "x" + program.height()
                    + "@" + program.fps() + "; restart it with the new canvas before going live");
        }
        return start(config, outputListener, program, false);
    }

    private static Broadcast start(Config config, OutputListener outputListener, Program program, boolean owns)
            throws AvException {
        Broadcast b = new Broadcast(config, program, owns);
        if (outputListener != null) b.outputs.forEach(o -> o.addListener(outputListener));
        b.begin();
        return b;
    }

    private static void validate(Config config) {
        FFmpegLog.install();
        EncoderSettings s = config.settings().validated();
        if (s.codec().hardware() && !HardwareEncoders.isAvailable(s.codec())) {
            throw new InvalidSettingsException("codec", s.codec().id() + " is not available on this machine (no working "
                    + s.codec().encoderName() + "); available: " + HardwareEncoders.available());
        }
        if (config.targets().isEmpty()) {
            throw new InvalidSettingsException("outputs", "nothing to send to: give a primary, backup or recording");
        }
        config.targets().stream().filter(AudioEncodes::takesOpus).findFirst().ifPresent(t -> {
            List<io.castline.engine.settings.SettingsProblem> p = s.webRtcProblems("'" + t.name() + "' is WebRTC (WHIP), which");
            if (!p.isEmpty()) throw new InvalidSettingsException(p);
        });
    }

    private void begin() {
        outputs.forEach(this::markChapters);
        outputs.forEach(Output::start);
        encoding = true;
        encodeThread.start();
        // timestamps stay on the program's clock: the first frame encoded is a keyframe at index k
        compositor.setEncoding(true);
        if (mixer != null) mixer.setSink(audio.sink());
        statsExecutor.scheduleAtFixedRate(this::publishStats, 1, 1, TimeUnit.SECONDS);
        LOG.info("live: {} {}x{}@{} {} kbps to {} output(s)", config.settings().codec().id(), config.settings().width(),
                config.settings().height(), config.settings().fps(), config.settings().bitrateKbps(), outputs.size());
    }

    private void encodeLoop() {
        try {
            while (encoding) {
                Compositor.Canvas canvas = compositor.nextCanvas(100);
                if (canvas == null) continue;
                long t0 = System.nanoTime();
                try {
                    videoEncoder.encode(canvas.frame(), canvas.composedNanos(), this::fanOut);
                } finally {
                    compositor.recycle(canvas);
                }
                encodeNanos.addAndGet(System.nanoTime() - t0);
                encodedFrames.incrementAndGet();
            }
            videoEncoder.flush(this::fanOut);
        } catch (AvException | RuntimeException e) {
            encodeFailure = e;
            LOG.error("video encoder stopped: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Output newOutput(OutputTarget t) {
        Output o = new Output(t, streams, config.outputConfig(), Backoff.standard(), null);
        o.setConnectionLocator(locator);
        return o;
    }

    /**
     * Adds an output to the running broadcast (the studio's recording started while live, or Go
     * Live while recording): the same packets from the next one on, written from the next
     * keyframe (within one keyframe interval), its timeline starting at 0. Refused for a name
     * already used or once stopped.
     */
    public synchronized Output addOutput(OutputTarget target, OutputListener listener) {
        if (stopped) throw new IllegalStateException("the broadcast has ended");
        if (outputs.stream().anyMatch(o -> o.name().equals(target.name()))) {
            throw new IllegalArgumentException("an output named " + target.name() + " is running already");
        }
        if (audio != null && !audio.opusRunning() && AudioEncodes.takesOpus(target)) {
            // the first WHIP output of a running broadcast: the second audio encode starts now (the
            // mixer swaps sinks between ticks, so no tick is encoded half one way)
            try {
                List<StreamInfo> s = new ArrayList<>(streams);
                s.add(audio.startOpus());
                streams = List.copyOf(s);
            } catch (AvException e) {
                throw new IllegalStateException(target.name() + ": " + e.getMessage(), e);
            }
            mixer.setSink(audio.sink());
        }
        Output o = newOutput(target);
        if (listener != null) o.addListener(listener);
        markChapters(o);
        o.start();
        outputs.add(o);
        LOG.info("output {} added ({} now)", target.name(), outputs.size());
        return o;
    }

    /**
     * Takes an output out of the running broadcast: it gets no packet more, sends what it holds
     * (within its stop grace) and finishes (a recording's file is closed and playable); the others
     * go on. Returns the output once it has finished (its last status says what it did), or null
     * when there was none of that name.
     */
    public Output removeOutput(String name) {
        Output o;
        synchronized (this) {
            if (stopped) return null;
            o = outputs.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (o == null) return null;
            outputs.remove(o);
        }
        unmarkChapters(o);
        Output.stopAll(List.of(o));
        LOG.info("output {} removed ({} left)", name, outputs.size());
        return o;
    }

    /** A recording gets a chapter per pin of the program. */
    private void markChapters(Output o) {
        if (o.chapters() != null) chapterMarks.put(o, ChapterMarks.attach(program, o.chapters()));
    }

    private void unmarkChapters(Output o) {
        ChapterMarks marks = chapterMarks.remove(o);
        if (marks != null) program.removeListener(marks);
    }

    /** True until {@link #stop()}. */
    public synchronized boolean running() { return !stopped; }

    /** Encode once, fan out: every output takes its own reference; the encoder's is freed here. */
    private void fanOut(EncodedPacket packet) {
        Output.fanOut(packet, outputs);
    }

    private void publishStats() {
        try {
            StatsSnapshot s = statsCollector.next();
            lastSnapshot = s;
            for (Consumer<StatsSnapshot> l : statsListeners) l.accept(s);
        } catch (RuntimeException e) {
            LOG.warn("stats failed", e);
        }
    }

    public void addStatsListener(Consumer<StatsSnapshot> listener) { statsListeners.add(listener); }

    public List<Output> outputs() { return List.copyOf(outputs); }

    public Output output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no output " + name));
    }

    public Config config() { return config; }
    public UplinkMonitor uplinkMonitor() { return uplinkMonitor; }
    /** Null when dynamic bitrate is off. */
    public BitrateController bitrateController() { return bitrateController; }
    public VideoEncoder videoEncoder() { return videoEncoder; }
    public MediaClock clock() { return program.clock(); }
    public Program program() { return program; }
    public Compositor compositor() { return compositor; }
    public AudioMixer mixer() { return mixer; }
    public long encodedFrames() { return encodedFrames.get(); }
    public long encodeNanos() { return encodeNanos.get(); }
    public StatsSnapshot lastSnapshot() { return lastSnapshot; }

    /** The first failure of the compositor, encoder or mixer threads, or null. */
    public Throwable pipelineFailure() {
        if (encodeFailure != null) return encodeFailure;
        if (compositor.failure() != null) return compositor.failure();
        return mixer == null ? null : mixer.failure();
    }

    /** True when no output is connecting, live or reconnecting and at least one has failed. */
    public boolean allOutputsFailed() {
        return outputs.stream().noneMatch(o -> o.state().isActive() || o.state() == OutputState.IDLE)
                && outputs.stream().anyMatch(o -> o.state() == OutputState.FAILED);
    }

    /**
     * Detaches the encoders from the program, flushes them into the outputs, finishes every output,
     * and closes the program if this broadcast made it. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) return;
        stopped = true;
        statsExecutor.shutdownNow();
        compositor.setEncoding(false);
        encoding = false;
        // the sound ends with the last picture: left attached while x264 flushes its lookahead, the
        // mixer went on encoding, and every output ended with 0.2 s (seconds when overloaded) of
        // sound after the last frame
        if (mixer != null) mixer.setSink(null); // returns once no tick is encoding any more
        try {
            encodeThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        compositor.recyclePending();
        if (mixer != null) {
            try {
                audio.flush();
            } catch (AvException e) {
                LOG.warn("audio flush failed: {}", e.getMessage());
            }
        }
        outputs.forEach(this::unmarkChapters);
        Output.stopAll(outputs);
        if (ownsProgram) program.close();
        videoEncoder.close();
        if (audio != null) audio.close();
        LOG.info("stopped after {} frames", encodedFrames.get());
    }

    @Override public void close() { stop(); }

}
