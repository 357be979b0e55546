package io.castline.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.engine.ffmpeg.AvException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The producer's remote control: HTTP requests and a WebSocket of events (Javalin on Jetty), modelled
 * on obs-websocket v5's request/event split.
 *
 * <ul>
 *   <li>{@code POST /api/v1/requests/NAME} with a JSON object of the request's fields and
 *       {@code Authorization: Bearer TOKEN}: 200 {@code {"request": NAME, "data": {…}}}, or
 *       {@code {"request": NAME, "error": "…"}} with 400 (bad input, nothing changed), 401 (no or a
 *       wrong token), 404 (no such request), 409 (not now), 429 (too many wrong tokens).</li>
 *   <li>{@code GET /api/v1/events} upgraded to a WebSocket: the server says {@code {"op": "hello"}},
 *       the client answers {@code {"op": "identify", "token": …}} within 5 s, then gets
 *       {@code {"op": "event", "type": …, "data": …}} and may send {@code {"op": "request", "id": …,
 *       "type": NAME, "data": {…}}}, answered by {@code {"op": "response", "id": …, …}}.</li>
 * </ul>
 * {@code GET /} is the web remote for a phone or tablet, which uses the socket. Loopback only unless
 * LAN access is turned on. The token never appears in a log or an answer.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long IDENTIFY_SECONDS = 5;
    static final int CLOSE_NOT_IDENTIFIED = 4009;
    static final int CLOSE_WRONG_TOKEN = 4401;
    static final int CLOSE_TOO_MANY = 4429;

    private final ShowControl show;
    private final ControlEvents events;
    private final ControlToken token;
    private final WrongTokenLimiter limiter = new WrongTokenLimiter(System::nanoTime);
    private final Set<WsContext> identified = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> named(r, "castline-control-events"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> named(r, "castline-control-timer"));
    private final BiConsumer<String, Map<String, Object>> forward = this::broadcast;
    private final Javalin app;

    /**
     * Starts the server on {@code port} (0: any free one) of the loopback address, or of every
     * address when {@code lan} is true.
     */
    public static ControlServer start(ShowControl show, ControlEvents events, ControlToken token, int port, boolean lan) {
        return new ControlServer(show, events, token, port, lan);
    }

    private ControlServer(ShowControl show, ControlEvents events, ControlToken token, int port, boolean lan) {
        this.show = show;
        this.events = events;
        this.token = token;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 64 * 1024L;
            config.startupWatcherEnabled = false;
            // the web remote: a page with no secret in it; the token comes from the link's #fragment or is typed
            config.staticFiles.add("/io/castline/control/remote", io.javalin.http.staticfiles.Location.CLASSPATH);
        });
        app.post("/api/v1/requests/{name}", this::request);
        app.ws("/api/v1/events", ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
                send(ctx, ControlRequests.map("op", "hello", "api", "castline-control/1",
                        "requests", ControlRequests.names()));
                timers.schedule(() -> {
                    if (!identified.contains(ctx) && ctx.session.isOpen()) {
                        ctx.closeSession(CLOSE_NOT_IDENTIFIED, "not identified within " + IDENTIFY_SECONDS + " s");
                    }
                }, IDENTIFY_SECONDS, TimeUnit.SECONDS);
            });
            ws.onMessage(ctx -> socketMessage(ctx, ctx.message()));
            ws.onClose(identified::remove);
            ws.onError(identified::remove);
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("control request failed: {}", e.toString());
            answer(ctx, 500, ctx.pathParamMap().getOrDefault("name", ""), null, "the studio failed: " + e.getMessage());
        });
        events.listen(forward);
        try {
            app.start(lan ? "0.0.0.0" : "127.0.0.1", port);
        } catch (RuntimeException e) {
            // the port is taken, say: nothing of this server stays behind (the studio tries again with another)
            close();
            throw e;
        }
        LOG.info("control API on {}:{} ({})", lan ? "every address" : "127.0.0.1", port(), lan ? "LAN" : "loopback only");
    }

    public int port() { return app.port(); }

    // ---- HTTP ----

    private void request(Context ctx) {
        String name = ctx.pathParam("name");
        String address = ctx.ip();
        long blocked = limiter.blockedSeconds(address);
        if (blocked > 0) {
            ctx.header("Retry-After", String.valueOf(blocked));
            answer(ctx, 429, name, null, "too many wrong tokens from " + address + ": try again in " + blocked + " s");
            return;
        }
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7) : null;
        if (!token.matches(given)) {
            limiter.failed(address);
            ctx.header("WWW-Authenticate", "Bearer");
            answer(ctx, 401, name, null, given == null ? "the token is missing (Authorization: Bearer TOKEN)" : "wrong token");
            return;
        }
        JsonNode body;
        try {
            String text = ctx.body();
            body = text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            answer(ctx, 400, name, null, "the body is not JSON");
            return;
        }
        Outcome o = run(name, body);
        answer(ctx, o.status(), name, o.data(), o.error());
    }

    private record Outcome(int status, Map<String, Object> data, String error) {}

    private Outcome run(String name, JsonNode body) {
        try {
            return new Outcome(200, ControlRequests.run(name, show, body), null);
        } catch (ControlRequests.UnknownRequest e) {
            return new Outcome(404, null, e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Outcome(400, null, e.getMessage());
        } catch (IllegalStateException e) {
            return new Outcome(409, null, e.getMessage());
        } catch (AvException | RuntimeException e) {
            LOG.warn("control request {} failed: {}", name, e.toString());
            return new Outcome(500, null, "the show failed: " + e.getMessage());
        }
    }

    private static void answer(Context ctx, int status, String name, Map<String, Object> data, String error) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", name);
        if (error == null) out.put("data", data);
        else out.put("error", error);
        ctx.status(status).contentType("application/json").result(write(out));
    }

    // ---- WebSocket ----

    private void socketMessage(WsContext ctx, String text) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (IOException e) {
            send(ctx, ControlRequests.map("op", "error", "error", "not JSON"));
            return;
        }
        String op = msg.path("op").asText("");
        if (!identified.contains(ctx)) {
            String address = ctx.session.getRemoteAddress() == null ? "?" : ctx.session.getRemoteAddress().toString()
                    .replaceFirst(":\\d+$", "").replaceFirst("^/", "");
            if (limiter.blockedSeconds(address) > 0) {
                ctx.closeSession(CLOSE_TOO_MANY, "too many wrong tokens");
            } else if (!op.equals("identify")) {
                ctx.closeSession(CLOSE_NOT_IDENTIFIED, "identify first: {\"op\": \"identify\", \"token\": …}");
            } else if (!token.matches(msg.path("token").asText(null))) {
                limiter.failed(address);
                ctx.closeSession(CLOSE_WRONG_TOKEN, "wrong token");
            } else {
                identified.add(ctx);
                send(ctx, ControlRequests.map("op", "identified"));
            }
            return;
        }
        if (op.equals("request")) {
            String type = msg.path("type").asText("");
            Outcome o = run(type, msg.get("data"));
            send(ctx, ControlRequests.map("op", "response", "id", msg.path("id").isMissingNode() ? null : msg.get("id").asText(),
                    "type", type, "status", o.status(), "data", o.data(), "error", o.error()));
        } else {
            send(ctx, ControlRequests.map("op", "error", "error", "unknown op '" + op + "' (request)"));
        }
    }

    private void broadcast(String type, Map<String, Object> data) {
        Map<String, Object> msg = ControlRequests.map("op", "event", "type", type, "data", data);
        for (WsContext ctx : identified) send(ctx, msg);
    }

    /** Queued on the sender's thread: a slow remote never holds up the show. */
    private void send(WsContext ctx, Map<String, Object> msg) {
        String text = write(msg);
        if (sender.isShutdown()) return; // closing: an event told meanwhile goes nowhere
        try {
            sender.execute(() -> {
                try {
                    if (ctx.session.isOpen()) ctx.send(text);
                } catch (RuntimeException e) {
                    identified.remove(ctx);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed between the check and the hand-over: the same
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override public void close() {
        events.unlisten(forward);
        app.stop();
        sender.shutdownNow();
        timers.shutdownNow();
    }
}
