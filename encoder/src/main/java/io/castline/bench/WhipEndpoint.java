package io.castline.bench;

import io.javalin.Javalin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A WHIP endpoint on loopback in front of a real WebRTC stack: a Chromium page
 * (whip-receiver.html, served at {@code /}) whose {@code RTCPeerConnection} answers each offer and
 * decodes what comes. {@code POST /whip/live} with the SDP offer and {@code Authorization: Bearer
 * TOKEN} (401 for any other token); the page fetches the offers itself (a long poll on
 * {@code /pending}), so the endpoint's HTTP threads never drive the browser. The answer keeps only
 * Chromium's 127.0.0.1 UDP host candidates: FFmpeg's muxer sends to the first UDP host candidate it
 * reads, and the media stays on loopback. The bench's WHIP latency and the WHIP tests use it; with
 * {@code ?frames=1} the page also posts each presented frame's RTP time and when it was shown
 * ({@code /frames}).
 */
public final class WhipEndpoint implements AutoCloseable {
    public static final String PATH = "/whip/live";
    private static final long ANSWER_SECONDS = 10;

    /** A frame the page presented: its RTP timestamp (90 kHz) and when it was received and shown (epoch µs). */
    public record PresentedFrame(long rtpTimestamp, long receivedEpochMicros, long presentedEpochMicros) {}

    private final Javalin app;
    private final BlockingQueue<Map<String, String>> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger sessions = new AtomicInteger();
    /** What each POST got: "201", "401 another bearer token" (never the token itself), …. */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private volatile boolean pagePolling;
    private volatile String lastAnswer;
    private volatile String lastOffer;

    /** Starts the endpoint on a free loopback port; {@code frames} is told of each presented frame (may be null). */
    public WhipEndpoint(String token, Consumer<PresentedFrame> frames) {
        String page = resource("whip-receiver.html");
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        app.get("/", ctx -> ctx.html(page));
        app.get("/pending", ctx -> {
            pagePolling = true;
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
        app.post("/frames", ctx -> {
            if (frames != null) ctx.body().lines().map(WhipEndpoint::frame).filter(java.util.Objects::nonNull).forEach(frames);
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
    }

    /** The receiver page's address; {@code reportFrames}: it posts each presented frame. */
    public String pageUrl(boolean reportFrames) {
        return "http://127.0.0.1:" + app.port() + "/" + (reportFrames ? "?frames=1" : "");
    }

    /** The WHIP URL of this endpoint with {@code key} as the destination's token. */
    public String url(String key) {
        return "whip://127.0.0.1:" + app.port() + PATH + "?token=" + key;
    }

    public int port() { return app.port(); }

    /** True once the page asked for an offer (it is ready to answer). */
    public boolean pagePolling() { return pagePolling; }

    /** Makes the page close session {@code id}'s peer connection, as a receiver that goes away does. */
    public void closeSession(String id) {
        pending.add(Map.of("close", id));
    }

    public List<String> requests() { return List.copyOf(requests); }

    public List<String> deleted() { return List.copyOf(deleted); }

    public int sessions() { return sessions.get(); }

    public String lastAnswer() { return lastAnswer; }

    public String lastOffer() { return lastOffer; }

    /** "rtp,receivedMs,presentedMs" (epoch milliseconds with fractions, as the page writes them), or null. */
    private static PresentedFrame frame(String line) {
        String[] f = line.split(",");
        if (f.length != 3) return null;
        try {
            return new PresentedFrame(Long.parseLong(f[0].trim()), Math.round(Double.parseDouble(f[1]) * 1000),
                    Math.round(Double.parseDouble(f[2]) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

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
        boolean any = lines.stream().anyMatch(WhipEndpoint::loopbackUdpHost);
        if (!any) return sdp;
        return lines.stream().filter(l -> !l.startsWith("a=candidate:") || loopbackUdpHost(l))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    private static boolean loopbackUdpHost(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.startsWith("a=candidate:") && l.contains(" udp ") && l.contains(" 127.0.0.1 ") && l.contains("typ host");
    }

    private static String resource(String name) {
        try (InputStream in = WhipEndpoint.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() { app.stop(); }
}
