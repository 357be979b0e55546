package io.castline.testing;

import io.javalin.Javalin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A WebRTC receiver for tests: a small WHIP endpoint ({@code POST /whip/live} with the SDP offer,
 * {@code Authorization: Bearer TOKEN}; 401 for any other token) in front of a real WebRTC stack, a
 * headless Chromium page whose {@code RTCPeerConnection} answers each offer and decodes what comes
 * (whip-receiver.html). The page fetches the offers itself (a long poll on {@code /pending}), so the
 * endpoint's HTTP threads never drive the browser; the test reads the page's {@link #report} through
 * Selenium. The answer keeps only Chromium's 127.0.0.1 UDP host candidates: FFmpeg's muxer sends
 * to the first UDP host candidate it reads, and the test's media stays on loopback.
 */
public final class WhipReceiver implements AutoCloseable {
    public static final String PATH = "/whip/live";
    private static final long ANSWER_SECONDS = 10;

    private final String token;
    private final Javalin app;
    private final HeadlessChromium browser;
    private final BlockingQueue<Map<String, String>> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    /** What each POST got: "201", "401 Bearer ••" (never the token itself), …. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private volatile String lastAnswer;
    private volatile String lastOffer;

    public WhipReceiver(Path dir, String token) {
        this.token = token;
        String page = resource("whip-receiver.html");
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        app.get("/", ctx -> ctx.html(page));
        app.get("/pending", ctx -> {
            Map<String, String> job;
            try {
                job = pending.poll(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) { // the endpoint is stopping
                ctx.status(204);
                return;
            }
            if (job == null) ctx.status(204);
            else ctx.json(job);
        });
        app.post("/answer/{id}", ctx -> {
            CompletableFuture<String> f = answers.get(ctx.pathParam("id"));
            if (f != null) f.complete(ctx.body());
            ctx.status(204);
        });
        app.post(PATH, ctx -> {
            String auth = ctx.header("Authorization");
            if (!("Bearer " + token).equals(auth)) {
                requests.add("401 " + (auth == null ? "no Authorization" : auth.startsWith("Bearer ") ? "another bearer token" : "not bearer"));
                ctx.status(401).result("unauthorised");
                return;
            }
            lastOffer = ctx.body();
            String id = "s" + sessions.incrementAndGet();
            CompletableFuture<String> answer = new CompletableFuture<>();
            answers.put(id, answer);
            pending.add(Map.of("id", id, "sdp", withRtxSsrcDeclared(ctx.body())));
            String sdp = answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (sdp.startsWith("ERROR")) {
                requests.add("400 " + sdp);
                ctx.status(400).result(sdp);
                return;
            }
            lastAnswer = loopbackOnly(sdp);
            requests.add("201");
            ctx.status(201).contentType("application/sdp").header("Location", "/whip/resource/" + id).result(lastAnswer);
        });
        app.delete("/whip/resource/{id}", ctx -> {
            deleted.add(ctx.pathParam("id"));
            pending.add(Map.of("close", ctx.pathParam("id")));
            ctx.status(200);
        });
        app.start("127.0.0.1", 0);
        browser = new HeadlessChromium(dir, "--allow-loopback-in-peer-connection",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
                // a page with media permission may use every interface, not only the default route's
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
        browser.open("http://127.0.0.1:" + app.port() + "/");
    }

    /** The WHIP URL of this endpoint with {@code key} as the destination's token. */
    public String url(String key) {
        return "whip://127.0.0.1:" + app.port() + PATH + "?token=" + key;
    }

    public int port() { return app.port(); }

    /** What the page received in the latest session (or the one given): see whip-receiver.html. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> report(String sessionId) {
        Object r = browser.executeAsync("const done = arguments[arguments.length - 1];"
                + "window.report(arguments[0]).then(done, e => done({error: String(e)}));", sessionId);
        return (Map<String, Object>) r;
    }

    /** Makes the page close session {@code id}'s peer connection, as a receiver that goes away does. */
    public void closeSession(String id) {
        pending.add(Map.of("close", id));
    }

    public List<String> requests() { return List.copyOf(requests); }

    public List<String> deleted() { return List.copyOf(deleted); }

    public int sessions() { return sessions.get(); }

    public String lastAnswer() { return lastAnswer; }

    public String lastOffer() { return lastOffer; }

    /**
     * FFmpeg 8.1's offer groups the video SSRC with its RTX SSRC ({@code a=ssrc-group:FID V R}) but
     * declares only V ({@code a=ssrc:V …}); Chromium then refuses the whole offer ("Failed to add
     * remote stream ssrc: V": every SSRC of a group must belong to the stream). The endpoint declares
     * R the way V is, as a WHIP server that hands offers to browsers would have to; pion-based
     * servers accept the offer as it is.
     */
    static String withRtxSsrcDeclared(String sdp) {
        List<String> lines = new java.util.ArrayList<>(sdp.lines().toList());
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("a=ssrc-group:FID ")) continue;
            String[] ssrcs = l.substring("a=ssrc-group:FID ".length()).trim().split(" ");
            if (ssrcs.length != 2 || lines.stream().anyMatch(x -> x.startsWith("a=ssrc:" + ssrcs[1] + " "))) continue;
            List<String> declared = lines.stream().filter(x -> x.startsWith("a=ssrc:" + ssrcs[0] + " "))
                    .map(x -> "a=ssrc:" + ssrcs[1] + x.substring(("a=ssrc:" + ssrcs[0]).length())).toList();
            int last = i;
            for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("m="); j++) {
                if (lines.get(j).startsWith("a=ssrc:")) last = j;
            }
            lines.addAll(last + 1, declared);
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The answer with only its 127.0.0.1 UDP host candidates (all of them when it has none). */
    static String loopbackOnly(String sdp) {
        List<String> lines = sdp.lines().toList();
        boolean any = lines.stream().anyMatch(WhipReceiver::loopbackUdpHost);
        if (!any) return sdp;
        return lines.stream().filter(l -> !l.startsWith("a=candidate:") || loopbackUdpHost(l))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    private static boolean loopbackUdpHost(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.startsWith("a=candidate:") && l.contains(" udp ") && l.contains(" 127.0.0.1 ") && l.contains("typ host");
    }

    private static String resource(String name) {
        try (InputStream in = WhipReceiver.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() {
        try {
            browser.close();
        } finally {
            app.stop();
        }
    }
}
