package io.castline.bench;

import io.castline.engine.AudioEncodes;
import io.castline.engine.clock.MediaClock;
import io.castline.engine.audio.AudioMixer;
import io.castline.engine.destination.Destination;
import io.castline.engine.encode.EncodedPacket;
import io.castline.engine.encode.MediaType;
import io.castline.engine.encode.StreamInfo;
import io.castline.engine.encode.VideoEncoder;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.output.Backoff;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.CaptureInput;
import io.castline.engine.source.GrabberAudioSource;
import io.castline.engine.source.GrabberVideoSource;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.video.Compositor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The pipeline as it runs live, at real-time pace on the media clock: the live test source
 * (testsrc2 played at its own rate) and, unless told otherwise, the sine tone through the audio
 * mixer; a primary and a backup RTMP output to a local ingest on loopback, and an MKV recording
 * (the set-up the memory target names). Measures, per video packet, the time from its frame
 * being composed to the packet being read back from behind the primary ingest (an upper bound of
 * "handed to the socket": it adds the ingest's relay on loopback), and, from the outputs' own
 * hook, to the packet being handed to the muxer (a lower bound: the muxer may still hold it to
 * interleave it with audio). Samples the process's resident memory once a second.
 */
final class LiveRun {
    private static final List<String> KEYS = List.of("bench-primary", "bench-backup");
    /**
     * SRT's latency of the SRT output and its listener (µs, FFmpeg's unit): the receiver hands a
     * packet on this long after it was sent (TSBPD), by design; on loopback 20 ms covers any resend.
     */
    static final int SRT_LATENCY_MICROS = 20_000;
    /** The WHIP output's bearer token at the bench's own endpoint. */
    private static final String WHIP_TOKEN = "bench";

    /** One output kind's latency: composed → read by its receiver. */
    record KindLatency(String kind, String measuredTo, long[] nanos) {
        double ms(double percentile) { return Percentiles.of(nanos, percentile) / 1e6; }
    }

    record Result(String receiver, String tune, int bframes, boolean audio, double seconds, long[] latencyNanos,
                  long[] toMuxerNanos, List<Double> rssMb, long rendered, long lagged, long skipped, long droppedFrames,
                  int outputs, double cpuCores, double otherCores, double ingestCores, List<KindLatency> kinds) {
        double latencyMs(double percentile) { return Percentiles.of(latencyNanos, percentile) / 1e6; }
        double toMuxerMs(double percentile) { return Percentiles.of(toMuxerNanos, percentile) / 1e6; }
        /** Steady state: the median of the second half of the run (the first minute or so still grows). */
        Double rssMedianMb() { return rssMb.isEmpty() ? null : Percentiles.median(secondHalf()); }
        /** Growth over the second half of the run: flat is 0. */
        Double rssGrowthMb() {
            List<Double> half = secondHalf();
            return half.size() < 2 ? null : half.get(half.size() - 1) - half.get(0);
        }
        Double rssFirstMb() { return rssMb.isEmpty() ? null : rssMb.get(0); }
        Double rssMaxMb() { return rssMb.stream().max(Double::compare).orElse(null); }
        private List<Double> secondHalf() { return rssMb.subList(rssMb.size() / 2, rssMb.size()); }
    }

    private LiveRun() {}

    static Result run(EncoderSettings s, int sourceWidth, int sourceHeight, double seconds, boolean withAudio,
                      boolean withSrt, boolean withWhip, String receiverChoice, Path dir) throws BenchException {
        // the first moments (encoder start, TCP slow start, JIT) are not the steady state
        long warmupNanos = (long) (Math.min(2.0, seconds / 3) * 1e9);
        List<AutoCloseable> toClose = new ArrayList<>();
        List<Output> outputs = new ArrayList<>();
        LatencyRecorder toMuxer = new LatencyRecorder();
        LatencyRecorder readBack = new LatencyRecorder();
        ComposeRing composed = new ComposeRing();
        ArrivalReader reader = null;
        ArrivalReader srtReader = null;
        LatencyRecorder srtLatency = new LatencyRecorder();
        LatencyRecorder whipShown = new LatencyRecorder();
        LatencyRecorder whipReceived = new LatencyRecorder();
        String whipNotMeasured = null;
        ChromiumProcess browser = null;
        List<Double> rss = new ArrayList<>();
        Compositor compositor = null;
        EncodeLoop loop = null;
        AudioMixer mixer = null;
        try (RtmpReceiver receiver = RtmpReceiver.start(dir, KEYS, receiverChoice)) {
            // the live test source (played at its own rate), at the benchmark's source size
            GrabberVideoSource video = new GrabberVideoSource("video", new CaptureInput("lavfi",
                    BenchVideoSource.lavfiGraph(sourceWidth, sourceHeight, s.fps()), java.util.Map.of(), true, false));
            toClose.add(video);
            Path chromium = withWhip ? ChromiumProcess.find() : null;
            if (withWhip && chromium == null) whipNotMeasured = "not measured: no Chromium (chromium on the PATH, or CASTLINE_CHROMIUM)";
            // the packets to every output, and each video packet's compose time for the readers
            Consumer<EncodedPacket> fanOut = p -> {
                if (p.isVideo()) composed.put(p.pts(), p.composedNanos());
                Output.fanOut(p, outputs);
            };
            GrabberAudioSource audio = null;
            AudioEncodes audioEncodes = null;
            if (withAudio) {
                audio = new GrabberAudioSource("audio", CaptureInput.forAudio(new SourceSpec(SourceSpec.Kind.SINE, null, null)));
                toClose.add(audio);
                audioEncodes = new AudioEncodes(s.audioBitrateKbps(), fanOut);
                toClose.add(audioEncodes);
            }
            VideoEncoder encoder = PipelineParts.openEncoder(s);
            toClose.add(encoder);
            List<StreamInfo> streams = new ArrayList<>(List.of(encoder.streamInfo()));
            if (audioEncodes != null) {
                streams.add(audioEncodes.aacStream());
                // WebRTC takes Opus: encoded beside AAC, as a broadcast with a WHIP output does
                if (chromium != null) streams.add(audioEncodes.startOpus());
            }

            List<String> urls = receiver.urls();
            for (int i = 0; i < urls.size(); i++) {
                String name = i == 0 ? "primary" : "backup";
                OutputTarget target = OutputTarget.network(Destination.parse(name, urls.get(i)));
                outputs.add(new Output(target, streams, Output.Config.standard(), Backoff.standard(), toMuxer.forVideo()));
            }
            outputs.add(new Output(OutputTarget.recording("recording", dir.resolve("live.mkv")), streams,
                    Output.Config.standard(), Backoff.standard(), null));
            if (withSrt) {
                // the same packets over SRT to FFmpeg's listener, which reads them as they are handed on
                int port;
                try {
                    port = RtmpReceiver.freeLoopbackPort();
                } catch (java.io.IOException e) {
                    throw new BenchException("no free port for SRT: " + e.getMessage(), e);
                }
                String latency = "latency=" + SRT_LATENCY_MICROS;
                Output srt = new Output(OutputTarget.network(Destination.parse("srt", "srt://127.0.0.1:" + port + "?" + latency)),
                        streams, Output.Config.standard(), Backoff.standard(), null);
                outputs.add(srt);
                srtReader = new ArrivalReader(ArrivalReader.Endpoint.srtListener("srt://127.0.0.1:" + port + "?mode=listener&"
                        + latency + "&listen_timeout=20000000"), s.fps(), () -> originShiftMillis(srt), composed::get,
                        srtLatency::addIfCounted);
            }

            if (chromium != null) {
                // the same packets over WebRTC to a Chromium page behind a WHIP endpoint of the bench's
                // own: each frame it presents is told with its RTP time, mapped back to its frame
                Output[] whipOutput = new Output[1];
                WhipFrames frames = new WhipFrames(s.fps(), composed::get, () -> originShiftMillis(whipOutput[0]),
                        whipReceived::addIfCounted, whipShown::addIfCounted);
                WhipEndpoint endpoint = new WhipEndpoint(WHIP_TOKEN, frames::accept);
                toClose.add(endpoint);
                try {
                    browser = ChromiumProcess.open(chromium, dir.resolve("chromium"), endpoint.pageUrl(true));
                    toClose.add(browser);
                } catch (java.io.IOException e) {
                    throw new BenchException("cannot start Chromium (" + chromium + "): " + e.getMessage(), e);
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!endpoint.pagePolling()) {
                    if (System.nanoTime() > until) {
                        throw new BenchException("Chromium did not open the WHIP receiver page within 30 s (see "
                                + dir.resolve("chromium").resolve("chromium.log") + ")");
                    }
                    sleep(50);
                }
                whipOutput[0] = new Output(OutputTarget.network(Destination.parse("whip", endpoint.url(WHIP_TOKEN))), streams,
                        Output.Config.standard(), Backoff.standard(), null);
                outputs.add(whipOutput[0]);
            }

            compositor = new Compositor(video, s.width(), s.height(), s.fps());
            if (audioEncodes != null) {
                mixer = new AudioMixer(List.of(new AudioMixer.Channel(audio)));
                mixer.setSink(audioEncodes.sink());
            }
            loop = new EncodeLoop(compositor, encoder, fanOut, -1, null);

            // what arrives at t was program time t + origin (the output moves its timeline back by the
            // decode time of the first keyframe it wrote): the reader's shift is minus that origin
            Output primary = outputs.get(0);
            reader = new ArrivalReader(receiver.readBack(), s.fps(), () -> originShiftMillis(primary), composed::get,
                    readBack::addIfCounted);
            reader.start();
            if (srtReader != null) srtReader.start();
            video.start();
            if (audio != null) audio.start();
            outputs.forEach(Output::start);
            awaitReady(video, outputs);

            long busy0 = MachineLoad.busyNanos();
            long cpu0 = ProcessStats.cpuNanos();
            // the receivers' CPU (nginx or FFmpeg, Chromium) is the run's, not another process's load
            long ingest0 = receiver.cpuNanos() + (browser == null ? 0 : browser.cpuNanos());
            MediaClock clock = MediaClock.startingNow();
            toMuxer.countFrom(clock.startNanos() + warmupNanos);
            readBack.countFrom(clock.startNanos() + warmupNanos);
            srtLatency.countFrom(clock.startNanos() + warmupNanos);
            whipShown.countFrom(clock.startNanos() + warmupNanos);
            whipReceived.countFrom(clock.startNanos() + warmupNanos);
            loop.start();
            compositor.start(clock);
            if (mixer != null) mixer.start(clock);

            long end = clock.startNanos() + (long) (seconds * 1e9);
            long nextSample = clock.startNanos() + warmupNanos;
            while (System.nanoTime() < end) {
                MediaClock.sleepUntil(Math.min(end, nextSample));
                if (System.nanoTime() >= nextSample) {
                    Double mb = ProcessStats.rssMb();
                    if (mb != null) rss.add(mb);
                    nextSample += 1_000_000_000L;
                }
                checkHealthy(compositor, loop, mixer, outputs);
            }
            checkHealthy(compositor, loop, mixer, outputs);
            if (reader.problem() != null) throw new BenchException(reader.problem());
            if (reader.packets() == 0) throw new BenchException("nothing came back from the " + receiver.kind() + " ingest");
            if (srtReader != null && srtReader.problem() != null) throw new BenchException("SRT: " + srtReader.problem());
            if (srtReader != null && srtReader.packets() == 0) throw new BenchException("nothing reached FFmpeg's SRT listener");
            long cpu1 = ProcessStats.cpuNanos();
            long busy1 = MachineLoad.busyNanos();
            long ingest = receiver.cpuNanos() + (browser == null ? 0 : browser.cpuNanos()) - ingest0;
            long wall = System.nanoTime() - clock.startNanos();
            long dropped = outputs.stream().mapToLong(o -> o.status().droppedFrames()).sum();
            long rendered = compositor.rendered();
            long lagged = compositor.lagged();
            long skipped = compositor.skipped();

            compositor.close();
            compositor = null;
            loop.stop();
            loop = null;
            if (mixer != null) mixer.close();
            mixer = null;
            Output.stopAll(outputs);
            reader.close();
            List<KindLatency> kinds = new ArrayList<>();
            kinds.add(new KindLatency("rtmp", "read back behind the primary ingest (" + receiver.kind() + ")", readBack.values()));
            if (srtReader != null) {
                srtReader.close();
                kinds.add(new KindLatency("srt", "read by FFmpeg's SRT listener (SRT latency "
                        + SRT_LATENCY_MICROS / 1000 + " ms)", srtLatency.values()));
            }
            if (chromium != null) {
                if (whipShown.values().length == 0) throw new BenchException("Chromium presented no frame of the WHIP output");
                kinds.add(new KindLatency("whip", "decoded and shown by Chromium's WebRTC (WHIP)", whipShown.values()));
                kinds.add(new KindLatency("whip_received", "received by Chromium (the frame's last RTP packet)",
                        whipReceived.values()));
            } else if (whipNotMeasured != null) {
                kinds.add(new KindLatency("whip", whipNotMeasured, new long[0]));
            }
            return new Result(receiver.kind(), s.tune(), s.effectiveBframes(), withAudio, seconds, readBack.values(),
                    toMuxer.values(), rss, rendered, lagged, skipped, dropped, outputs.size(), (cpu1 - cpu0) / (double) wall,
                    MachineLoad.otherCores(busy0, busy1, cpu1 - cpu0 + ingest, wall), ingest / (double) wall, List.copyOf(kinds));
        } catch (AvException e) {
            throw new BenchException("cannot set up the live pipeline: " + e.getMessage(), e);
        } finally {
            if (compositor != null) compositor.close();
            if (loop != null) loop.stop();
            if (mixer != null) mixer.close();
            Output.stopAll(outputs);
            if (reader != null) reader.close();
            if (srtReader != null) srtReader.close();
            for (int i = toClose.size() - 1; i >= 0; i--) {
                try {
                    toClose.get(i).close();
                } catch (Exception ignored) {
                    // closing what is left after a failure
                }
            }
        }
    }

    /**
     * What arrives at t was program time t + origin (the output moves its timeline back by the
     * decode time of the first keyframe it wrote): a reader's shift is minus that origin.
     */
    private static long originShiftMillis(Output output) {
        Long origin = output.status().originMicros();
        return origin == null ? 0 : -Math.round(origin / 1000.0);
    }

    /** Waits for the first picture and for every output to be connected, so the clock starts on a running pipeline. */
    private static void awaitReady(GrabberVideoSource video, List<Output> outputs) throws BenchException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (video.problem() != null || outputs.stream().anyMatch(o -> o.state() != OutputState.LIVE)) {
            for (Output o : outputs) {
                if (o.state() == OutputState.FAILED) throw new BenchException(o.name() + " failed: " + o.status().reason());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException(video.problem() != null ? "video: " + video.problem()
                        : "outputs not connected within 10 s: " + outputs.stream().map(o -> o.name() + " " + o.state()).toList());
            }
            sleep(10);
        }
    }

    private static void checkHealthy(Compositor compositor, EncodeLoop loop, AudioMixer mixer, List<Output> outputs)
            throws BenchException {
        if (compositor.failure() != null) throw new BenchException("compositor: " + compositor.failure().getMessage());
        if (loop.failure() != null) throw new BenchException("encoder: " + loop.failure().getMessage());
        if (mixer != null && mixer.failure() != null) throw new BenchException("audio: " + mixer.failure().getMessage());
        for (Output o : outputs) {
            if (o.state() != OutputState.LIVE) {
                throw new BenchException(o.name() + " left LIVE during the run: " + o.state() + " (" + o.status().reason() + ")");
            }
        }
    }

    /** Latencies of video packets whose frames were composed after the warm-up. */
    private static final class LatencyRecorder {
        private long[] values = new long[4096];
        private int count;
        private volatile long fromNanos = Long.MAX_VALUE;

        void countFrom(long nanos) { fromNanos = nanos; }

        /** The outputs' hook: composed → handed to the muxer. */
        Output.PacketWrittenListener forVideo() {
            return (type, composedNanos, writtenNanos) -> {
                if (type == MediaType.VIDEO && composedNanos >= fromNanos) add(writtenNanos - composedNanos);
            };
        }

        /** The reader: latency of a packet, counted if its frame came after the warm-up. */
        void addIfCounted(long composedNanos, long latencyNanos) {
            if (composedNanos >= fromNanos) add(latencyNanos);
        }

        private synchronized void add(long nanos) {
            if (count == values.length) values = Arrays.copyOf(values, count * 2);
            values[count++] = nanos;
        }

        synchronized long[] values() { return Arrays.copyOf(values, count); }
    }

    /** Compose time by frame index, written by the encoder thread, read by the reader thread. */
    private static final class ComposeRing {
        private static final int SLOTS = 1024;
        private final java.util.concurrent.atomic.AtomicLongArray index = new java.util.concurrent.atomic.AtomicLongArray(SLOTS);
        private final java.util.concurrent.atomic.AtomicLongArray nanos = new java.util.concurrent.atomic.AtomicLongArray(SLOTS);

        void put(long frameIndex, long composedNanos) {
            int slot = (int) Math.floorMod(frameIndex, (long) SLOTS);
            nanos.set(slot, composedNanos);
            index.set(slot, frameIndex + 1); // 0 = empty
        }

        long get(long frameIndex) {
            int slot = (int) Math.floorMod(frameIndex, (long) SLOTS);
            return index.get(slot) == frameIndex + 1 ? nanos.get(slot) : 0;
        }
    }

    private static void sleep(long millis) throws BenchException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
