package io.castline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceSpec;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import io.castline.testing.WhipReceiver;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WHIP outputs against a real WebRTC stack: headless Chromium behind a small WHIP endpoint
 * ({@link WhipReceiver}) answers FFmpeg's offer, and its {@code RTCPeerConnection} decodes the
 * H.264 and Opus that arrive; the test reads what it decoded (getStats) and what it shows (the
 * video's pixels drawn on a canvas).
 */
class WhipOutputTest {
    private static final String TOKEN = "whip-bearer-token-5k2q9";
    private static final String RTMP_KEY = "rtmp-key-beside-whip-77";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** H.264 main without B-frames: what WebRTC takes. */
    static EncoderSettings webRtc(int kbps) {
        EncoderSettings.Builder b = LiveFixture.small(kbps).toBuilder();
        b.bframes = 0;
        b.profile = "main";
        return b.build().validated();
    }

    static long number(Map<String, Object> report, String key) {
        Object v = report.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    static double decimal(Map<String, Object> report, String key) {
        Object v = report.get(key);
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    /** The page's report once it has decoded {@code frames} frames of the latest session (fails after 20 s). */
    static Map<String, Object> awaitDecoded(WhipReceiver receiver, String session, long frames) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Object> r = receiver.report(session);
        while (number(r, "framesDecoded") < frames) {
            if (System.nanoTime() > end) throw new AssertionError("Chromium decoded too little: " + r);
            Thread.sleep(250);
            r = receiver.report(session);
        }
        return r;
    }

    /** What a receiver that decodes the stream must have seen: the canvas's size, Opus, a picture that is not black. */
    static void assertDecodedPicture(Map<String, Object> r) {
        assertThat(r.get("videoCodec")).as(r.toString()).isEqualTo("video/H264");
        assertThat(number(r, "width")).as("decoded width").isEqualTo(640);
        assertThat(number(r, "height")).as("decoded height").isEqualTo(360);
        assertThat(number(r, "videoElementWidth")).as("the <video> shows it").isEqualTo(640);
        assertThat(number(r, "audioPackets")).as("Opus packets received: " + r).isGreaterThan(50);
        assertThat(String.valueOf(r.get("audioCodec")).toLowerCase(Locale.ROOT)).isEqualTo("audio/opus");
        // testsrc: colour bars and a gradient, never black
        assertThat(decimal(r, "meanLuma")).as("mean luma of the shown picture").isGreaterThan(60);
        assertThat(number(r, "colours")).as("distinct colours of the shown picture").isGreaterThan(20);
    }

    @Test
    void theCliSendsWebRtcToChromiumAndRecordsAacBesideIt() throws Exception {
        Path dir = TestWorkdir.fresh("whip-cli");
        Path stats = dir.resolve("stats.jsonl");
        Path recording = dir.resolve("rec.mkv");
        Path log = dir.resolve("castline.log");
        try (WhipReceiver receiver = new WhipReceiver(dir, TOKEN)) {
            Process p = LiveFixture.castline(List.of("live", "--video", "testsrc", "--audio", "sine", "--canvas", "640x360",
                    "--bitrate", "800k", "--bframes", "0", "--codec-profile", "main", "--primary", receiver.url(TOKEN),
                    "--record", recording.toString(), "--duration", "10", "--stats", stats.toString()), log, null);
            Map<String, Object> r;
            try {
                r = awaitDecoded(receiver, "s1", 150);
            } finally {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();
            System.out.printf(Locale.ROOT, "FIGURES whip cli: %s%n", r);
            assertDecodedPicture(r);
            assertThat(receiver.lastAnswer().lines().filter(l -> l.startsWith("a=candidate:")))
                    .as("the media went over loopback").isNotEmpty().allMatch(l -> l.contains(" 127.0.0.1 "));
            assertThat(receiver.requests()).containsExactly("201");
            LiveFixture.await("the session was deleted at the end", Duration.ofSeconds(5), () -> receiver.deleted().contains("s1"));

            assertThat(out).contains("primary live").doesNotContain(TOKEN);
            String statsText = Files.readString(stats);
            assertThat(statsText).doesNotContain(TOKEN);
            List<String> lines = Files.readAllLines(stats);
            JsonNode last = JSON.readTree(lines.get(lines.size() - 2));
            JsonNode primary = last.get("outputs").get(0);
            assertThat(primary.get("state").asText()).isEqualTo("LIVE");
            assertThat(primary.get("url").asText()).contains("token=").doesNotContain(TOKEN);
            assertThat(primary.get("kbps").asDouble()).as("what the WHIP output sends").isGreaterThan(300);

            Ffprobe.Probe rec = Ffprobe.probe(recording);
            assertThat(rec.video().codecName()).isEqualTo("h264");
            assertThat(rec.audio().codecName()).as("the recording keeps AAC").isEqualTo("aac");
            assertThat(rec.videoFrameCount()).as("about 10 s at 30 fps").isGreaterThan(250);
        }
    }

    @Test
    void aWrongTokenFailsTheWhipOutputInWordsAndRtmpGoesOn() throws Exception {
        Path dir = TestWorkdir.fresh("whip-wrong-token");
        Path stats = dir.resolve("stats.jsonl");
        Path log = dir.resolve("castline.log");
        String wrong = "not-the-whip-token-3x8";
        try (WhipReceiver receiver = new WhipReceiver(dir, TOKEN); NginxRtmp rtmp = NginxRtmp.start(dir.resolve("nginx"))) {
            Process p = LiveFixture.castline(List.of("live", "--video", "testsrc", "--audio", "sine", "--canvas", "640x360",
                    "--bitrate", "800k", "--bframes", "0", "--codec-profile", "baseline", "--primary", receiver.url(wrong),
                    "--backup", rtmp.url(NginxRtmp.LIVE, RTMP_KEY), "--duration", "6", "--stats", stats.toString()), log, null);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(receiver.requests()).as("the endpoint saw a bearer token, not ours").isNotEmpty()
                    .allMatch(x -> x.equals("401 another bearer token"));
            assertThat(receiver.sessions()).as("no offer reached the browser").isZero();
            assertThat(out).contains("refused the token (HTTP 401 Unauthorized)").doesNotContain(wrong).doesNotContain(RTMP_KEY);
            String statsText = Files.readString(stats);
            assertThat(statsText).doesNotContain(wrong).doesNotContain(RTMP_KEY);
            List<String> lines = Files.readAllLines(stats);
            JsonNode last = JSON.readTree(lines.get(lines.size() - 2));
            JsonNode whip = last.get("outputs").get(0);
            JsonNode backup = last.get("outputs").get(1);
            assertThat(whip.get("state").asText()).isEqualTo("FAILED");
            assertThat(whip.get("reason").asText()).contains("401").contains("token");
            assertThat(backup.get("state").asText()).as("the RTMP output goes on").isEqualTo("LIVE");
            rtmp.awaitPublishesFinished(NginxRtmp.LIVE, RTMP_KEY, 1, Duration.ofSeconds(10));
            Ffprobe.Probe got = Ffprobe.probe(rtmp.recordings(RTMP_KEY).get(0));
            assertThat(got.audio().codecName()).as("RTMP carries AAC, not the Opus made for WHIP").isEqualTo("aac");
            assertThat(got.videoFrameCount()).as("about 6 s at 30 fps").isGreaterThan(140);
        }
    }

    @Test
    void bFramesAndTheHighProfileAreRefusedForWhipWithTheirFields() throws Exception {
        Path dir = TestWorkdir.fresh("whip-refused-settings");
        Path log = dir.resolve("castline.log");
        Process p = LiveFixture.castline(List.of("live", "--canvas", "640x360", "--primary",
                "whip://127.0.0.1:9/whip/live?token=" + TOKEN, "--duration", "2"), log, null);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("encoder.bframes").contains("takes no B-frames")
                .contains("encoder.profile").contains("baseline or main").doesNotContain(TOKEN);
    }

    @Test
    void aWhipOutputAddedToARunningBroadcastStartsTheOpusEncode() throws Exception {
        Path dir = TestWorkdir.fresh("whip-added");
        try (WhipReceiver receiver = new WhipReceiver(dir, TOKEN)) {
            Path recording = dir.resolve("rec.mkv");
            // the studio's Record, then Go Live: the broadcast starts with AAC only
            Broadcast b = Broadcast.start(new Broadcast.Config(webRtc(800), SourceSpec.parseVideo("testsrc", null),
                    SourceSpec.parseAudio("sine", null), List.of(OutputTarget.recording("recording", recording)),
                    Output.Config.standard()), null);
            try {
                LiveFixture.sleepSeconds(2);
                b.addOutput(OutputTarget.network(Destination.parse("web", receiver.url(TOKEN))), null);
                Map<String, Object> r = awaitDecoded(receiver, "s1", 90);
                System.out.printf(Locale.ROOT, "FIGURES whip added while recording: %s%n", r);
                assertDecodedPicture(r);
                assertThat(b.output("recording").status().state()).isEqualTo(OutputState.LIVE);
            } finally {
                b.stop();
            }
            Ffprobe.Probe rec = Ffprobe.probe(recording);
            assertThat(rec.audio().codecName()).isEqualTo("aac");
            double[] pts = rec.audioPackets().stream().mapToDouble(Ffprobe.Packet::ptsTime).sorted().toArray();
            double gap = 0;
            for (int i = 1; i < pts.length; i++) gap = Math.max(gap, pts[i] - pts[i - 1]);
            assertThat(gap).as("the recording's sound went on while Opus started (an AAC frame is 21 ms)").isLessThan(0.03);
        }
    }

    @Test
    void anEndpointThatIsNotThereIsSaidInWordsOverHttpAndHttps() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        for (String scheme : List.of("whip", "whips")) {
            Destination d = Destination.parse("web", scheme + "://127.0.0.1:" + closed + "/whip/live?token=" + TOKEN);
            Broadcast b = Broadcast.start(new Broadcast.Config(webRtc(600), SourceSpec.parseVideo("testsrc", null),
                    SourceSpec.parseAudio("sine", null), List.of(OutputTarget.network(d)), Output.Config.standard()), null);
            try {
                LiveFixture.await(scheme + " failed", Duration.ofSeconds(20), () -> b.outputs().get(0).state() == OutputState.FAILED);
                assertThat(b.outputs().get(0).status().reason()).as(scheme)
                        .isEqualTo("cannot reach the WHIP endpoint: Connection refused (127.0.0.1:" + closed + ")");
            } finally {
                b.stop();
            }
        }
    }

    @Test
    void aReceiverThatGoesAwayIsReconnectedLikeAnyOutput() throws Exception {
        Path dir = TestWorkdir.fresh("whip-reconnect");
        try (WhipReceiver receiver = new WhipReceiver(dir, TOKEN)) {
            Destination d = Destination.parse("web", receiver.url(TOKEN));
            Path recording = dir.resolve("rec.mkv");
            LiveFixture.Transitions t = new LiveFixture.Transitions();
            Broadcast b = Broadcast.start(new Broadcast.Config(webRtc(800), SourceSpec.parseVideo("testsrc", null),
                    SourceSpec.parseAudio("sine", null), List.of(OutputTarget.network(d), OutputTarget.recording("recording", recording)),
                    Output.Config.standard()), t::record);
            try {
                // past the output's 3 s: a connection lost sooner counts as refused, not as lost
                Map<String, Object> first = awaitDecoded(receiver, "s1", 150);
                System.out.printf(Locale.ROOT, "FIGURES whip before the receiver left: %s%n", first);
                receiver.closeSession("s1");
                LiveFixture.await("a second session", Duration.ofSeconds(60), () -> receiver.sessions() >= 2);
                Map<String, Object> second = awaitDecoded(receiver, "s2", 60);
                System.out.printf(Locale.ROOT, "FIGURES whip after reconnecting: %s; transitions %s%n", second, t.events);
                assertDecodedPicture(second);
                assertThat(t.events).anyMatch(e -> e.startsWith("web:RECONNECTING:the WebRTC receiver"));
                assertThat(b.output("web").status().reconnects()).isGreaterThanOrEqualTo(1);
                assertThat(b.output("recording").status().state()).isEqualTo(OutputState.LIVE);
            } finally {
                b.stop();
            }
            assertThat(Ffprobe.probe(recording).audio().codecName()).isEqualTo("aac");
        }
    }
}
