package io.castline.it;

import io.castline.engine.ffmpeg.BundledTools;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution kit end to end on loopback: configs written by distribution/nginx/make-config.sh,
 * an origin and two edges (Debian's nginx-rtmp; edge 1 a push edge, edge 2 a pull edge), an HTTP-FLV
 * server beside each (distribution/flv/edge-flv.js, node-media-server), `castline live` pushing to
 * the origin. From each edge the bundled FFmpeg decodes frames over RTMP, HTTP-FLV and HLS, at the
 * canvas size; how far behind the origin each delivery is gets measured (each decoded frame's arrival
 * against the same frame's arrival from the origin, matched by timestamp; and for HLS when each new
 * segment appears in the playlist) and printed. The origin restarted, Castline's output reconnects
 * and every delivery of both edges resumes; one edge killed, the other goes on serving all three and
 * Castline stays live.
 */
class DistributionKitTest {
    private static final Path KIT = Path.of("..", "distribution", "nginx").toAbsolutePath().normalize();
    private static final Path FLV = Path.of("..", "distribution", "flv").toAbsolutePath().normalize();
    private static final String CANVAS = "640x360";
    /** How long the deliveries are watched side by side for the delay figures. */
    private static final Duration MEASURE = Duration.ofSeconds(20);
    /** A reader's first seconds are left out: FFmpeg probes the input and then hands on what it buffered at once. */
    private static final Duration WARM_UP = Duration.ofSeconds(4);
    /**
     * nginx-rtmp's HLS writes each timestamp 700 ms later in its MPEG-TS than in RTMP
     * (NGX_RTMP_HLS_DELAY, 63000 at 90 kHz, "PCR delay"); taken off again to find the same frame.
     * The test checks it: with it, the keyframes of HLS land on the origin's keyframes (the GOP is 1 s).
     */
    private static final long HLS_PTS_OFFSET_MS = 700;

    private final Map<String, Process> servers = new LinkedHashMap<>();
    private final List<Reader> readers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process castline;

    @AfterEach
    void stop() {
        readers.forEach(Reader::stop);
        if (castline != null) BundledTools.end(castline, 5);
        servers.values().forEach(Process::destroyForcibly);
    }

    @Test
    void anOriginAPushEdgeAndAPullEdgeServeRtmpHttpFlvAndHlsAndSurviveTheOriginAndAnEdgeGoingDown() throws Exception {
        assertThat(FLV.resolve("node_modules/node-media-server")).as("node-media-server: run 'npm ci' in " + FLV).isDirectory();
        Path dir = TestWorkdir.fresh("distribution-kit");
        int[] ports = freePorts(8);
        int originRtmp = ports[0], originHttp = ports[1];
        Edge[] edges = {new Edge(1, ports[2], ports[3], ports[4], false), new Edge(2, ports[5], ports[6], ports[7], true)};
        makeConfig(dir, "edge", "edge1", edges[0].rtmp(), edges[0].http());
        makeConfig(dir, "edge", "edge2", edges[1].rtmp(), edges[1].http(), "--pull", "127.0.0.1:" + originRtmp);
        // the origin pushes to the push edge only; the pull edge fetches what its players ask for
        makeConfig(dir, "origin", "origin", originRtmp, originHttp, "127.0.0.1:" + edges[0].rtmp());
        assertThat(Files.readString(dir.resolve("edge2/nginx.conf"))).contains("pull rtmp://127.0.0.1:" + originRtmp + "/live;");
        assertThat(Files.readString(dir.resolve("origin/nginx.conf"))).contains("push rtmp://127.0.0.1:" + edges[0].rtmp() + "/live;")
                .doesNotContain(":" + edges[1].rtmp() + "/");
        for (Edge e : edges) {
            nginx(dir, e.name(), e.rtmp());
            edgeFlv(dir, e);
        }
        nginx(dir, "origin", originRtmp);

        castline = LiveFixture.castline(List.of("live", "--primary", "rtmp://127.0.0.1:" + originRtmp + "/live/show",
                "--canvas", CANVAS, "--bitrate", "800k", "--gop", "1", "--duration", "240",
                "--stats", dir.resolve("stats.jsonl").toString()), dir.resolve("castline.out"), null);
        LiveFixture.await("Castline live on the origin", Duration.ofSeconds(30), () -> live(dir));

        for (Edge e : edges) for (String url : e.urls()) decodes(url, 30, e.label() + " before the measurement");
        // HLS for caches: the playlist never kept, a fragment (which does not change) kept briefly
        HttpResponse<String> playlist = http.send(HttpRequest.newBuilder(URI.create(edges[0].hlsUrl())).build(), HttpResponse.BodyHandlers.ofString());
        String fragment = playlist.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).reduce((x, y) -> y).orElseThrow();
        HttpResponse<Void> ts = http.send(HttpRequest.newBuilder(URI.create(edges[0].hlsUrl()).resolve(fragment)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(playlist.headers().firstValue("Cache-Control")).as("the playlist's Cache-Control").contains("no-cache");
        assertThat(ts.statusCode()).as("the newest fragment, " + fragment).isEqualTo(200);
        assertThat(ts.headers().firstValue("Cache-Control")).as("a fragment's Cache-Control").hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
        // an edge's HTTP-FLV server only plays: node-media-server would take a publish over HTTP POST
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(edges[0].flvUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("FLV")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("a publish to the HTTP-FLV server").isEqualTo(405);
        // … or over WebSocket (the "post" subprotocol), while a WebSocket player is let in
        URI ws = URI.create(edges[0].flvUrl().replace("http:", "ws:"));
        assertThat(http.newWebSocketBuilder().subprotocols("post").buildAsync(ws, new WebSocket.Listener() {})
                .handle((socket, failure) -> failure != null).get(10, TimeUnit.SECONDS)).as("a WebSocket publish refused").isTrue();
        WebSocket player = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
        player.abort();

        // how far behind the origin each delivery is: all of them read at once, for MEASURE
        Reader origin = reader("origin RTMP", "rtmp://127.0.0.1:" + originRtmp + "/live/show", 0, false);
        Map<String, Reader> deliveries = new LinkedHashMap<>();
        for (Edge e : edges) {
            deliveries.put(e.label() + " RTMP", reader(e.label() + " RTMP", e.rtmpUrl(), 0, false));
            deliveries.put(e.label() + " HTTP-FLV", reader(e.label() + " HTTP-FLV", e.flvUrl(), 0, false));
            // HLS played as a player does: from FFmpeg's default start (3 segments back from the
            // newest) at the stream's own pace, so the figure includes the player's buffer
            deliveries.put(e.label() + " HLS", reader(e.label() + " HLS", e.hlsUrl(), HLS_PTS_OFFSET_MS, true));
        }
        List<HlsWatch> playlists = new ArrayList<>();
        for (Edge e : edges) playlists.add(new HlsWatch(e.label() + " HLS segments", e.hlsUrl()));
        long end = System.nanoTime() + MEASURE.toNanos();
        while (System.nanoTime() < end) {
            for (HlsWatch w : playlists) w.poll();
            Thread.sleep(100);
        }
        readers.forEach(Reader::stop);

        StringBuilder report = new StringBuilder("Delay behind the origin (ms; origin RTMP read by the same FFmpeg decode, frames matched by timestamp;"
                + " HLS played at its own pace from 3 segments back, as a player starts):\n");
        report.append(String.format(Locale.ROOT, "  %-24s %7s %7s %7s %7s %7s%n", "delivery", "frames", "matched", "p50", "p90", "max"));
        for (Map.Entry<String, Reader> d : deliveries.entrySet()) {
            Reader r = d.getValue();
            List<Long> delays = r.delaysBehind(origin);
            report.append(String.format(Locale.ROOT, "  %-24s %7d %7d %7s %7s %7s%n", d.getKey(), r.frames, delays.size(),
                    ms(percentile(delays, 50)), ms(percentile(delays, 90)), ms(percentile(delays, 100))));
        }
        for (HlsWatch w : playlists) {
            List<Long> delays = w.delaysBehind(origin);
            report.append(String.format(Locale.ROOT, "  %-24s %7d %7d %7s %7s %7s   (a new segment in the playlist vs its last frame at the origin)%n",
                    w.name, w.segments, delays.size(), ms(percentile(delays, 50)), ms(percentile(delays, 90)), ms(percentile(delays, 100))));
        }
        System.out.print(report);
        Files.writeString(dir.resolve("delays.txt"), report);

        int expected = (int) ((MEASURE.toSeconds() - WARM_UP.toSeconds()) * 30 / 2); // half the frames of the measured span, at 30 fps
        assertThat(origin.frames).as("frames from the origin").isGreaterThan(expected);
        assertThat(origin.sizes).as("the origin's picture").containsExactly(CANVAS);
        for (Map.Entry<String, Reader> d : deliveries.entrySet()) {
            Reader r = d.getValue();
            assertThat(r.sizes).as("%s: the picture size", d.getKey()).containsExactly(CANVAS);
            assertThat(r.frames).as("%s: frames decoded", d.getKey()).isGreaterThan(expected);
            List<Long> delays = r.delaysBehind(origin);
            // the delivery carries the origin's frames (the same timestamps), not something else
            assertThat(delays.size()).as("%s: frames also seen from the origin", d.getKey()).isGreaterThan(expected / 2);
            // sanity bounds only (a loaded CI machine): RTMP and HTTP-FLV are live, HLS is a few segments behind
            long bound = d.getKey().endsWith("HLS") ? 20_000 : 5_000;
            assertThat(percentile(delays, 50)).as("%s: median delay behind the origin, ms", d.getKey()).isBetween(-1_000L, bound);
        }
        for (HlsWatch w : playlists) {
            assertThat(w.segments).as("%s: new segments while watched", w.name).isGreaterThan((int) MEASURE.toSeconds() / 4);
            assertThat(w.delaysBehind(origin)).as("%s: segments matched to the origin's frames", w.name).isNotEmpty();
        }
        for (Edge e : edges) {
            Reader hls = deliveries.get(e.label() + " HLS");
            long from = origin.arrivals.keySet().stream().min(Long::compare).orElseThrow();
            List<Long> both = hls.keyframes.stream().filter(k -> k >= from).sorted().toList(); // those the origin's reader also saw
            List<Long> aligned = both.stream().filter(k -> origin.keyframeAt(k) != null).toList();
            assertThat(both).as("%s: keyframes while the origin was read", e.label() + " HLS").hasSizeGreaterThan(3);
            assertThat(aligned).as("%s: keyframes at the origin's keyframes once nginx-rtmp's %d ms are taken off (of %s; origin's %s)",
                    e.label() + " HLS", HLS_PTS_OFFSET_MS, both, origin.keyframes).hasSizeGreaterThan(both.size() / 2);
        }

        // the origin restarts: Castline reconnects to it and every delivery of both edges has the stream again
        // (edge 1: the origin pushes again, and its players, the HTTP-FLV server among them, stay
        // connected; edge 2: its players are dropped with its pull, and the HTTP-FLV server reconnects)
        servers.remove("origin").destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        LiveFixture.await("Castline notices the origin gone", Duration.ofSeconds(20), () -> !live(dir));
        nginx(dir, "origin", originRtmp);
        LiveFixture.await("Castline live on the restarted origin", Duration.ofSeconds(40), () -> live(dir));
        for (Edge e : edges) resumes(e, e.label() + " after the origin's restart");

        // an edge goes down (nginx and its HTTP-FLV server): the other serves on, and Castline's output stays live
        servers.remove("edge1").destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        servers.remove("flv1").destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        resumes(edges[1], "edge 2 with edge 1 gone");
        assertThat(live(dir)).as("the origin and Castline do not mind").isTrue();
        assertThat(castline.isAlive()).isTrue();
    }

    private record Edge(int n, int rtmp, int http, int flv, boolean pull) {
        String name() { return "edge" + n; }
        String label() { return "edge " + n + (pull ? " (pull)" : " (push)"); }
        String rtmpUrl() { return "rtmp://127.0.0.1:" + rtmp + "/live/show"; }
        String flvUrl() { return "http://127.0.0.1:" + flv + "/live/show.flv"; }
        String hlsUrl() { return "http://127.0.0.1:" + http + "/hls/show.m3u8"; }
        List<String> urls() { return List.of(rtmpUrl(), flvUrl(), hlsUrl()); }
    }

    /**
     * Each delivery of {@code e} carries the live stream, not what it kept from before: 90 frames
     * (3 s; node-media-server caches one GOP, 1 s) over RTMP and HTTP-FLV, and for HLS a segment newer
     * than the playlist's newest when asked (a stopped stream's playlist and segments can linger), then 90 frames.
     */
    private void resumes(Edge e, String what) throws Exception {
        decodes(e.rtmpUrl(), 90, what);
        decodes(e.flvUrl(), 90, what);
        HlsWatch w = new HlsWatch(e.label() + " HLS", e.hlsUrl());
        LiveFixture.await(what + ": a new HLS segment", Duration.ofSeconds(60), () -> {
            w.poll();
            return w.segments > 0;
        });
        decodes(e.hlsUrl(), 90, what);
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

    /**
     * The bundled FFmpeg decodes {@code wanted} video frames of {@code url} at the canvas size; tried
     * again for up to 60 s, since a server that just came up (or a relay being re-established) may
     * not have the stream yet.
     */
    private static void decodes(String url, int wanted, String what) throws Exception {
        long start = System.nanoTime(), end = start + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            Process p = BundledTools.command(BundledTools.ffmpeg(), List.of("-nostats", "-rw_timeout", "10000000",
                    "-i", url, "-map", "0:v:0", "-frames:v", String.valueOf(wanted), "-f", "null", "-")).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            last = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("frame=\\s*(\\d+)").matcher(last);
            int n = -1;
            while (m.find()) n = Integer.parseInt(m.group(1));
            if (n == wanted && last.contains(", " + CANVAS)) {
                System.out.printf(Locale.ROOT, "%s: %d frames at %s from %s, %.1f s after asking%n", what, n, CANVAS, url, (System.nanoTime() - start) / 1e9);
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(what + ": no " + wanted + " frames at " + CANVAS + " from " + url + " within 60 s; last try:\n" + last);
    }

    /** A decoding FFmpeg reading {@code url} that notes when each frame (by timestamp) arrives. */
    private Reader reader(String name, String url, long ptsOffsetMs, boolean realtime) throws IOException {
        Reader r = new Reader(name, url, ptsOffsetMs, realtime);
        readers.add(r);
        return r;
    }

    private static final class Reader {
        private static final Pattern FRAME = Pattern.compile("pts_time:(-?[0-9.]+)\\s.*?\\bs:(\\d+x\\d+).*?\\biskey:(\\d)");
        final String name;
        final Process process;
        final long started = System.nanoTime();
        /** timestamp (ms) → arrival (System.nanoTime) */
        final Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        final Set<String> sizes = ConcurrentHashMap.newKeySet();
        /** timestamps (ms) of the keyframes seen after the warm-up */
        final Set<Long> keyframes = ConcurrentHashMap.newKeySet();
        volatile int frames;
        private final Thread pump;

        Reader(String name, String url, long ptsOffsetMs, boolean realtime) throws IOException {
            this.name = name;
            // -copyts: the stream's own timestamps, the same from every server; one decoding thread so
            // that every reader adds the same decode delay; showinfo prints each frame as it is decoded
            // (stderr is not buffered, unlike ffprobe's stdout into a pipe)
            List<String> args = new ArrayList<>(List.of("-nostats", "-loglevel", "info",
                    "-rw_timeout", "10000000", "-fflags", "nobuffer", "-threads", "1", "-copyts"));
            if (realtime) args.add("-re");
            args.addAll(List.of("-i", url, "-map", "0:v:0", "-vf", "showinfo", "-f", "null", "-"));
            process = BundledTools.command(BundledTools.ffmpeg(), args).redirectErrorStream(true).start();
            pump = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        long now = System.nanoTime();
                        Matcher m = FRAME.matcher(line);
                        if (!m.find()) continue;
                        frames++;
                        sizes.add(m.group(2));
                        if (now - started > WARM_UP.toNanos()) {
                            long pts = Math.round(Double.parseDouble(m.group(1)) * 1000) - ptsOffsetMs;
                            arrivals.putIfAbsent(pts, now);
                            if (m.group(3).equals("1")) keyframes.add(pts);
                        }
                    }
                } catch (IOException ended) {
                    // the process was stopped
                }
            }, "reader " + name);
            pump.setDaemon(true);
            pump.start();
        }

        /** For each frame both saw: how much later it arrived here than from {@code origin}, ms. */
        List<Long> delaysBehind(Reader origin) {
            List<Long> out = new ArrayList<>();
            for (Map.Entry<Long, Long> a : arrivals.entrySet()) {
                Long o = origin.at(a.getKey());
                if (o != null) out.add((a.getValue() - o) / 1_000_000);
            }
            return out;
        }

        /** When the frame with timestamp {@code ms} arrived (MPEG-TS rounding may put it 1 ms off). */
        Long at(long ms) {
            Long t = arrivals.get(ms);
            if (t == null) t = arrivals.get(ms - 1);
            if (t == null) t = arrivals.get(ms + 1);
            return t;
        }

        /** A keyframe of this reader at {@code ms} (±1 ms), or null. */
        Long keyframeAt(long ms) {
            for (long d = -1; d <= 1; d++) if (keyframes.contains(ms + d)) return ms + d;
            return null;
        }

        void stop() {
            if (process.isAlive()) BundledTools.end(process, 3);
            try {
                pump.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * An edge's HLS playlist polled every 100 ms: when a new segment appears, it is fetched and its
     * last picture's timestamp read, so that the segment's availability can be set against the
     * moment the origin had that picture.
     */
    private final class HlsWatch {
        final String name;
        final String url;
        final Map<Long, Long> appeared = new LinkedHashMap<>();
        String newest;
        int segments;

        HlsWatch(String name, String url) {
            this.name = name;
            this.url = url;
        }

        void poll() {
            try {
                long now = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) return;
                String last = null;
                for (String line : r.body().split("\n")) if (!line.isBlank() && !line.startsWith("#")) last = line.trim();
                if (last == null || last.equals(newest)) return;
                boolean first = newest == null;
                newest = last;
                if (first) return; // already there when watching began: its appearance was not seen
                byte[] ts = http.send(HttpRequest.newBuilder(URI.create(url).resolve(last)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                long pts = lastVideoPts(ts);
                segments++;
                if (pts >= 0) appeared.put(Math.round(pts / 90.0) - HLS_PTS_OFFSET_MS, now);
            } catch (IOException e) {
                // the edge is busy or between playlists: the next poll tries again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<Long> delaysBehind(Reader origin) {
            List<Long> out = new ArrayList<>();
            for (Map.Entry<Long, Long> a : appeared.entrySet()) {
                Long o = origin.at(a.getKey());
                if (o != null) out.add((a.getValue() - o) / 1_000_000);
            }
            return out;
        }
    }

    /** The largest PTS (90 kHz) of a video PES in an MPEG-TS segment, or -1. */
    static long lastVideoPts(byte[] ts) {
        long max = -1;
        for (int off = 0; off + 188 <= ts.length; off += 188) {
            if (ts[off] != 0x47 || (ts[off + 1] & 0x40) == 0) continue; // sync byte; a PES starts here
            int afc = (ts[off + 3] >> 4) & 0x3;
            int p = off + 4;
            if (afc == 2) continue; // adaptation field only
            if (afc == 3) p += 1 + (ts[p] & 0xff);
            if (p + 14 > off + 188) continue;
            if (ts[p] != 0 || ts[p + 1] != 0 || ts[p + 2] != 1) continue;
            int streamId = ts[p + 3] & 0xff;
            if (streamId < 0xE0 || streamId > 0xEF) continue; // video streams only
            if ((ts[p + 7] & 0x80) == 0) continue; // no PTS
            int b = p + 9;
            long pts = ((long) (ts[b] & 0x0e) << 29) | ((ts[b + 1] & 0xffL) << 22) | ((ts[b + 2] & 0xfeL) << 14)
                    | ((ts[b + 3] & 0xffL) << 7) | ((ts[b + 4] & 0xfeL) >> 1);
            max = Math.max(max, pts);
        }
        return max;
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) return Long.MIN_VALUE;
        List<Long> s = new ArrayList<>(values);
        s.sort(null);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    private static String ms(long v) {
        return v == Long.MIN_VALUE ? "-" : String.valueOf(v);
    }

    private void makeConfig(Path dir, String role, String name, int rtmp, int http, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", KIT.resolve("make-config.sh").toString(), role,
                dir.resolve(name).toString(), String.valueOf(rtmp), String.valueOf(http)));
        cmd.addAll(List.of(more));
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
        awaitPort(name, p, rtmpPort, d.resolve("logs/error.log"));
    }

    /** The edge's HTTP-FLV server, keeping "show" pulled from the edge (so the pull edge has it for HLS too). */
    private void edgeFlv(Path dir, Edge e) throws Exception {
        Path d = dir.resolve("flv" + e.n());
        Files.createDirectories(d);
        Process p = new ProcessBuilder("node", FLV.resolve("edge-flv.js").toString(),
                "--source", "rtmp://127.0.0.1:" + e.rtmp() + "/live", "--http-port", String.valueOf(e.flv()),
                "--bind", "127.0.0.1", "--data", d.toString(), "--key", "show").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(d.resolve("edge-flv.log").toFile())).start();
        servers.put("flv" + e.n(), p);
        awaitPort("flv" + e.n(), p, e.flv(), d.resolve("edge-flv.log"));
    }

    private static void awaitPort(String name, Process p, int port, Path log) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!p.isAlive()) break;
                Thread.sleep(100);
            }
        }
        throw new AssertionError(name + " did not start: " + (Files.exists(log) ? Files.readString(log) : "(no log)"));
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
