package io.castline.it;

import io.castline.engine.ffmpeg.BundledTools;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution kit end to end on loopback: configs written by distribution/nginx/make-config.sh,
 * an origin and two edges (Debian's nginx-rtmp), `castline live` pushing to the origin. Each edge
 * serves the stream over RTMP and HLS (the bundled FFmpeg reads frames of each); one edge killed,
 * the other goes on serving; the origin restarted, Castline's output reconnects and the edges have
 * the stream again.
 */
class DistributionKitTest {
    private static final Path KIT = Path.of("..", "distribution", "nginx").toAbsolutePath().normalize();
    private final Map<String, Process> servers = new LinkedHashMap<>();
    private Process castline;

    @AfterEach
    void stop() {
        if (castline != null) BundledTools.end(castline, 5);
        servers.values().forEach(p -> p.destroyForcibly());
    }

    @Test
    void anOriginAndTwoEdgesServeTheShowAndSurviveAnEdgeAndTheOriginGoingDown() throws Exception {
        Path dir = TestWorkdir.fresh("distribution-kit");
        int[] ports = freePorts(6);
        int originRtmp = ports[0], originHttp = ports[1];
        int[] edgeRtmp = {ports[2], ports[4]}, edgeHttp = {ports[3], ports[5]};
        makeConfig(dir, "edge", "edge1", edgeRtmp[0], edgeHttp[0]);
        makeConfig(dir, "edge", "edge2", edgeRtmp[1], edgeHttp[1]);
        makeConfig(dir, "origin", "origin", originRtmp, originHttp, "127.0.0.1:" + edgeRtmp[0], "127.0.0.1:" + edgeRtmp[1]);
        for (String s : List.of("edge1", "edge2", "origin")) nginx(dir, s, s.equals("origin") ? originRtmp : s.equals("edge1") ? edgeRtmp[0] : edgeRtmp[1]);

        castline = LiveFixture.castline(List.of("live", "--primary", "rtmp://127.0.0.1:" + originRtmp + "/live/show",
                "--canvas", "640x360", "--bitrate", "800k", "--gop", "1", "--duration", "120",
                "--stats", dir.resolve("stats.jsonl").toString()), dir.resolve("castline.out"), null);
        LiveFixture.await("Castline live on the origin", Duration.ofSeconds(20), () -> live(dir));

        for (int e = 0; e < 2; e++) {
            assertThat(frames("rtmp://127.0.0.1:" + edgeRtmp[e] + "/live/show", 30)).as("edge %d over RTMP", e + 1).isEqualTo(30);
            int edge = e;
            LiveFixture.await("edge " + (e + 1) + "'s HLS playlist", Duration.ofSeconds(15),
                    () -> Files.exists(dir.resolve("edge" + (edge + 1) + "/hls/show.m3u8")));
            assertThat(frames("http://127.0.0.1:" + edgeHttp[e] + "/hls/show.m3u8", 30)).as("edge %d over HLS", e + 1).isEqualTo(30);
        }

        // an edge goes down: the other serves on, and Castline's output stays live
        servers.remove("edge1").destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        assertThat(frames("rtmp://127.0.0.1:" + edgeRtmp[1] + "/live/show", 30)).as("edge 2 with edge 1 gone").isEqualTo(30);
        assertThat(live(dir)).as("the origin and Castline do not mind").isTrue();

        // the origin restarts: Castline reconnects to it and the remaining edge has the stream again
        servers.remove("origin").destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        LiveFixture.await("Castline notices the origin gone", Duration.ofSeconds(15), () -> !live(dir));
        nginx(dir, "origin", originRtmp);
        LiveFixture.await("Castline live on the restarted origin", Duration.ofSeconds(30), () -> live(dir));
        assertThat(frames("rtmp://127.0.0.1:" + edgeRtmp[1] + "/live/show", 30)).as("edge 2 after the origin's restart").isEqualTo(30);
        assertThat(castline.isAlive()).isTrue();
    }

    /** The primary's state in the last line of the stats is LIVE. */
    private static boolean live(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("stats.jsonl"));
            return !lines.isEmpty() && lines.get(lines.size() - 1).contains("\"state\":\"LIVE\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** How many video frames the bundled FFmpeg decodes from {@code url}, asked for {@code wanted} (within 20 s). */
    private static int frames(String url, int wanted) throws Exception {
        Process p = BundledTools.command(BundledTools.ffmpeg(), List.of("-hide_banner", "-nostats", "-rw_timeout", "10000000",
                "-i", url, "-map", "0:v:0", "-frames:v", String.valueOf(wanted), "-f", "null", "-")).redirectErrorStream(true).start();
        String out;
        if (!p.waitFor(25, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("frame=\\s*(\\d+)").matcher(out);
        int n = -1;
        while (m.find()) n = Integer.parseInt(m.group(1));
        if (n < 0) throw new AssertionError("no frames from " + url + ":\n" + out);
        return n;
    }

    private void makeConfig(Path dir, String role, String name, int rtmp, int http, String... edges) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", KIT.resolve("make-config.sh").toString(), role,
                dir.resolve(name).toString(), String.valueOf(rtmp), String.valueOf(http)));
        cmd.addAll(List.of(edges));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LISTEN", "127.0.0.1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private void nginx(Path dir, String name, int rtmpPort) throws Exception {
        Path d = dir.resolve(name);
        Process p = new ProcessBuilder("nginx", "-p", d + "/", "-c", d.resolve("nginx.conf").toString(),
                "-e", d.resolve("logs/error.log").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(d.resolve("logs/nginx.out").toFile())).start();
        servers.put(name, p);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", rtmpPort), 200);
                return;
            } catch (IOException notYet) {
                if (!p.isAlive()) break;
                Thread.sleep(100);
            }
        }
        throw new AssertionError(name + " did not start: " + Files.readString(d.resolve("logs/error.log")));
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) s.close();
        }
    }
}
