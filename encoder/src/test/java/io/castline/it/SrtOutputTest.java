package io.castline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputStatus;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.stats.StatsSnapshot;
import io.castline.testing.BundledTools;
import io.castline.testing.Ffprobe;
import io.castline.testing.NetnsLink;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SRT outputs against FFmpeg's own SRT listener (the bundled ffmpeg, {@code mode=listener}): what
 * arrives is decoded with ffprobe; the connection's own counters come from our libsrt socket.
 */
class SrtOutputTest {
    private static final String PASSPHRASE = "castline-srt-passphrase-7q";
    private static final String STREAM_ID = "publish/live/srt-stream-key-41";

    /** FFmpeg listening for one SRT caller, copying what arrives into {@code file}. */
    private static Process listener(List<String> prefix, String host, int port, String passphrase, Path file, Path log) {
        List<String> args = new ArrayList<>(List.of("-loglevel", "debug", "-y", "-i",
                "srt://" + host + ":" + port + "?mode=listener&latency=200000"
                        + (passphrase == null ? "" : "&passphrase=" + passphrase), "-c", "copy", "-f", "mpegts",
                file.toString()));
        if (prefix.isEmpty()) return BundledTools.startFfmpeg(args, log);
        List<String> all = new ArrayList<>(prefix);
        all.add(BundledTools.ffmpeg().toString());
        all.add("-nostdin");
        all.addAll(args);
        ProcessBuilder pb = BundledTools.command(BundledTools.ffmpeg(), List.of()); // the bundled libraries' path
        pb.command(all).redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return pb.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theCliGoesLiveOverSrtWithPassphraseStreamIdAndItsOwnCounters() throws Exception {
        Path dir = TestWorkdir.fresh("srt-cli");
        int port = freeUdpPort();
        Path received = dir.resolve("received.ts");
        Path listenerLog = dir.resolve("listener.log");
        Path stats = dir.resolve("stats.jsonl");
        Process listener = listener(List.of(), "127.0.0.1", port, PASSPHRASE, received, listenerLog);
        try {
            Thread.sleep(500); // the listener binds its UDP port
            String url = "srt://127.0.0.1:" + port + "?streamid=" + STREAM_ID + "&passphrase=" + PASSPHRASE
                    + "&latency=200000";
            Process p = LiveFixture.castline(List.of("live", "--video", "testsrc", "--audio", "sine", "--canvas", "640x360",
                    "--bitrate", "1M", "--gop", "1", "--primary", url, "--duration", "6", "--stats", stats.toString()),
                    dir.resolve("castline.log"), null);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve("castline.log"));
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).contains("primary live").doesNotContain(PASSPHRASE).doesNotContain(STREAM_ID);
            assertThat(listener.waitFor(20, TimeUnit.SECONDS)).as("the listener ends when the caller closes").isTrue();
        } finally {
            listener.destroyForcibly();
        }
        String heard = Files.readString(listenerLog);
        assertThat(heard).as("the listener got the stream id").contains("accept streamid [" + STREAM_ID + "]");

        List<String> lines = Files.readAllLines(stats);
        assertThat(String.join("\n", lines)).doesNotContain(PASSPHRASE).doesNotContain(STREAM_ID);
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 2)); // the last one may be the stop's
        JsonNode primary = last.get("outputs").get(0);
        assertThat(primary.get("state").asText()).isEqualTo("LIVE");
        JsonNode srt = primary.get("srt");
        assertThat(srt).as("SRT's own counters in the stats: " + primary).isNotNull();
        assertThat(srt.get("packets_sent").asLong()).as("packets").isGreaterThan(300);
        assertThat(srt.get("latency_ms").asInt()).isEqualTo(200);
        assertThat(primary.get("rtt_ms").isNull()).as("SRT's RTT").isFalse();
        assertThat(primary.get("retrans_pct").isNull()).as("SRT's retransmission share").isFalse();
        System.out.printf(Locale.ROOT, "FIGURES srt loopback: %s, rtt %.2f ms%n", srt, primary.get("rtt_ms").asDouble());

        Ffprobe.Probe r = Ffprobe.probe(received);
        assertThat(r.video().codecName()).isEqualTo("h264");
        assertThat(r.video().width()).isEqualTo(640);
        assertThat(r.audio()).as("audio arrived too").isNotNull();
        assertThat(r.videoFrameCount()).as("about 6 s at 30 fps").isGreaterThan(150);
        assertThat(r.maxVideoGapSeconds()).isLessThan(0.2);
    }

    @Test
    void aWrongPassphraseFailsThatOutputInWordsAndTheRecordingGoesOn() throws Exception {
        Path dir = TestWorkdir.fresh("srt-refused");
        int port = freeUdpPort();
        Process listener = listener(List.of(), "127.0.0.1", port, PASSPHRASE, dir.resolve("never.ts"), dir.resolve("listener.log"));
        String wrong = "not-the-passphrase-9x";
        try {
            Thread.sleep(500);
            Destination d = Destination.parse("primary", "srt://127.0.0.1:" + port + "?passphrase=" + wrong);
            Path recording = dir.resolve("rec.mkv");
            Broadcast b = Broadcast.start(LiveFixture.config(LiveFixture.small(600), "testsrc", null, "sine",
                    OutputTarget.network(d), OutputTarget.recording("recording", recording)), null);
            try {
                LiveFixture.await("the SRT output failed", Duration.ofSeconds(20),
                        () -> b.outputs().get(0).status().state() == OutputState.FAILED);
                OutputStatus failed = b.outputs().get(0).status();
                assertThat(failed.reason()).contains("wrong passphrase").doesNotContain(wrong);
                assertThat(failed.url()).doesNotContain(wrong);
                LiveFixture.sleepSeconds(2);
                assertThat(b.outputs().get(1).status().state()).as("the recording").isEqualTo(OutputState.LIVE);
            } finally {
                b.stop();
            }
            assertThat(Ffprobe.probe(recording).videoFrameCount()).isGreaterThan(30);
        } finally {
            listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void lossOnTheLinkShowsInSrtsCountersAndTheVerdictWarns() throws Exception {
        String unavailable = NetnsLink.unavailableReason();
        if (System.getenv("CI") != null) assertThat(unavailable).as("CI must be able to run the netns test").isNull();
        Assumptions.assumeTrue(unavailable == null, () -> "SRT loss test skipped: " + unavailable);

        Path dir = TestWorkdir.fresh("srt-loss");
        try (NetnsLink link = NetnsLink.create()) {
            int port = freeUdpPort();
            Process listener = listener(List.of("ip", "netns", "exec", link.namespace()), link.innerAddress(), port, null,
                    dir.resolve("received.ts"), dir.resolve("listener.log"));
            try {
                Thread.sleep(500);
                Destination d = Destination.parse("primary", "srt://" + link.innerAddress() + ":" + port + "?latency=400000");
                List<StatsSnapshot> seen = new CopyOnWriteArrayList<>();
                Broadcast b = Broadcast.start(LiveFixture.config(LiveFixture.reference720p(), "testsrc", null, "sine",
                        OutputTarget.network(d)), null);
                b.addStatsListener(seen::add);
                b.addStatsListener(s -> System.out.printf(Locale.ROOT, "srt-loss: t=%.0f rtt=%s retrans=%s%% srt=%s verdict=%s: %s%n",
                        s.t(), s.outputs().get(0).rttMs(), s.outputs().get(0).retransPct(), s.outputs().get(0).srt(),
                        s.uplink().verdict(), s.uplink().reason()));
                try {
                    LiveFixture.await("SRT live", Duration.ofSeconds(20),
                            () -> b.outputs().get(0).status().state() == OutputState.LIVE);
                    LiveFixture.sleepSeconds(8); // calm seconds: the retransmission baseline
                    StatsSnapshot.Srt clean = b.lastSnapshot().outputs().get(0).srt();
                    assertThat(clean).isNotNull();
                    double cleanRetrans = seen.stream().skip(2).mapToDouble(s -> s.outputs().get(0).retransPct() == null ? 0
                            : s.outputs().get(0).retransPct()).max().orElseThrow();

                    link.setLossPercent(5);
                    LiveFixture.await("SRT's retransmissions warn", Duration.ofSeconds(20), () -> {
                        StatsSnapshot s = b.lastSnapshot();
                        return s.uplink().verdict().equals("warn") && s.uplink().reason().contains("retransmitted");
                    });
                    int warnedAt = seen.size();
                    LiveFixture.sleepSeconds(3);
                    StatsSnapshot lossy = b.lastSnapshot();
                    StatsSnapshot.Srt after = lossy.outputs().get(0).srt();
                    double lossyRetrans = seen.stream().skip(warnedAt - 1).mapToDouble(x -> x.outputs().get(0).retransPct())
                            .max().orElseThrow();
                    System.out.printf(Locale.ROOT, "FIGURES srt retransmissions: %.1f%% before, up to %.1f%% with 5%% loss; "
                                    + "lost %d -> %d, retransmitted %d -> %d packets; verdict %s: %s%n",
                            cleanRetrans, lossyRetrans, clean.packetsLost(), after.packetsLost(), clean.packetsRetransmitted(),
                            after.packetsRetransmitted(), lossy.uplink().verdict(), lossy.uplink().reason());
                    assertThat(after.packetsLost()).as("losses SRT was told of").isGreaterThan(clean.packetsLost() + 10);
                    assertThat(after.packetsRetransmitted()).isGreaterThan(clean.packetsRetransmitted() + 10);
                    assertThat(lossyRetrans).isGreaterThan(2.0).isGreaterThan(cleanRetrans);
                    assertThat(b.outputs().get(0).status().state()).as("SRT rides out the loss").isEqualTo(OutputState.LIVE);
                } finally {
                    b.stop();
                }
            } finally {
                listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
