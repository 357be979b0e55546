package io.castline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code castline live} as a user runs it: a separate JVM, real servers, exit codes, the --stats
 * JSON Lines contract, and the stream key in none of what it prints or writes.
 */
class CliLiveTest {
    private static final String KEY = "live_0123456789_SECRET";

    private static Process castline(Path dir, List<String> args) throws Exception {
        return LiveFixture.castline(args, dir.resolve("castline.log"), null);
    }

    /**
     * B-frames arrive out of order (decode time before presentation time). With tune zerolatency
     * there are none, although bframes keeps its default of 2; without the tune there are.
     */
    @Test
    void tuneZerolatencyMeansNoBFrames() throws Exception {
        Path dir = TestWorkdir.fresh("cli-zerolatency");
        assertThat(reorderedFrames(dir, "zerolatency")).isZero();
        assertThat(reorderedFrames(dir, null)).isPositive();
    }

    private static long reorderedFrames(Path dir, String tune) throws Exception {
        Path recording = dir.resolve((tune == null ? "default" : tune) + ".mp4");
        List<String> args = new java.util.ArrayList<>(List.of("live", "--video", "testsrc", "--audio", "none",
                "--canvas", "320x180", "--bitrate", "500k", "--record", recording.toString(), "--duration", "3"));
        if (tune != null) args.addAll(List.of("--tune", tune));
        Process p = castline(dir, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("castline.log"))).isZero();
        List<Ffprobe.Packet> video = Ffprobe.probe(recording).videoPackets();
        assertThat(video).hasSizeGreaterThan(60);
        return video.stream().filter(v -> Math.abs(v.ptsTime() - v.dtsTime()) > 1e-6).count();
    }

    @Test
    void liveWritesStatsEverySecondAndNeverPrintsTheKey() throws Exception {
        Path dir = TestWorkdir.fresh("cli-live");
        Path stats = dir.resolve("stats.jsonl");
        Path recording = dir.resolve("rec.mp4");
        try (NginxRtmp primary = NginxRtmp.start(dir.resolve("primary"));
             NginxRtmp backup = NginxRtmp.start(dir.resolve("backup"))) {
            Process p = castline(dir, List.of("live", "--video", "testsrc", "--audio", "sine", "--canvas", "640x360",
                    "--bitrate", "1M", "--gop", "1", "--primary", primary.url(NginxRtmp.LIVE, KEY),
                    "--backup", backup.url(NginxRtmp.LIVE, KEY), "--record", recording.toString(),
                    "--duration", "6", "--stats", stats.toString()));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve("castline.log"));
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).doesNotContain(KEY).contains("primary live");

            List<String> lines = Files.readAllLines(stats);
            assertThat(lines).hasSizeBetween(4, 7);
            ObjectMapper json = new ObjectMapper();
            JsonNode last = json.readTree(lines.get(lines.size() - 1));
            for (String field : List.of("t", "fps", "frames", "outputs", "uplink")) assertThat(last.has(field)).as(field).isTrue();
            for (String field : List.of("rendered", "lagged", "skipped")) assertThat(last.get("frames").has(field)).isTrue();
            assertThat(last.get("fps").asDouble()).isBetween(29.0, 31.0);
            assertThat(last.get("outputs")).hasSize(3);
            for (JsonNode o : last.get("outputs")) {
                for (String field : List.of("name", "url", "state", "kbps", "bytes", "queue_ms", "dropped_frames", "reconnects")) {
                    assertThat(o.has(field)).as(o.get("name") + "." + field).isTrue();
                }
                assertThat(o.get("state").asText()).isEqualTo("LIVE");
                assertThat(o.get("bytes").asLong()).isPositive();
            }
            JsonNode primaryStats = last.get("outputs").get(0);
            assertThat(primaryStats.get("name").asText()).isEqualTo("primary");
            assertThat(primaryStats.get("kbps").asDouble()).isBetween(800.0, 1400.0);
            JsonNode uplink = last.get("uplink");
            for (String field : List.of("required_kbps", "capacity_kbps", "headroom_pct", "utilization_pct", "retrans_pct", "verdict")) {
                assertThat(uplink.has(field)).as("uplink." + field).isTrue();
            }
            assertThat(uplink.get("verdict").asText()).isEqualTo("unknown");
            assertThat(uplink.get("capacity_kbps").isNull()).isTrue();
            // 2 network outputs × (1000 + 128) kbps × measured overhead (a few percent)
            assertThat(uplink.get("required_kbps").asDouble()).isBetween(2 * 1128.0, 2 * 1128.0 * 1.1);
            assertThat(Files.readString(stats)).doesNotContain(KEY);

            Ffprobe.Probe r = Ffprobe.probe(recording);
            assertThat(r.video().width()).isEqualTo(640);
            assertThat(r.keyframeIntervals()).allSatisfy(g -> assertThat(g).isBetween(29, 31));
            assertThat(r.durationSeconds()).isGreaterThan(4.5);
        }
        assertThat(noFileContains(dir, KEY)).isTrue();
    }

    @Test
    void exitCodeThreeWhenEveryOutputFailed() throws Exception {
        Path dir = TestWorkdir.fresh("cli-all-failed");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Process p = castline(dir, List.of("live", "--canvas", "320x180", "--primary",
                "rtmp://127.0.0.1:" + closed + "/live/" + KEY, "--duration", "30"));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("gives up without waiting for the duration").isTrue();
        String log = Files.readString(dir.resolve("castline.log"));
        assertThat(p.exitValue()).as(log).isEqualTo(3);
        assertThat(log).contains("primary failed").containsIgnoringCase("connection refused").doesNotContain(KEY);
    }

    @Test
    void badProfileNamesTheFieldAndExitsTwo() throws Exception {
        Path dir = TestWorkdir.fresh("cli-bad-profile");
        Path profile = dir.resolve("profile.json");
        Files.writeString(profile, "{\"version\": 1, \"bitrate\": \"2500k\", \"gopp\": 2}");
        Process p = castline(dir, List.of("live", "--profile", profile.toString(), "--record", dir.resolve("x.mkv").toString()));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("castline.log"));
        assertThat(p.exitValue()).as(log).isEqualTo(2);
        assertThat(log).contains("gopp");
        assertThat(Files.readString(profile)).as("the profile is left as it was").contains("gopp");
        assertThat(dir.resolve("x.mkv")).doesNotExist();
    }

    private static boolean noFileContains(Path dir, String secret) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = f.getFileName().toString();
                // nginx's own logs and recordings name the stream; those are the server's, not ours
                if (f.toString().contains(File.separator + "primary" + File.separator)
                        || f.toString().contains(File.separator + "backup" + File.separator)) continue;
                if (name.endsWith(".mp4") || name.endsWith(".mkv")) continue;
                if (Files.readString(f).contains(secret)) return false;
            }
        }
        return true;
    }
}
