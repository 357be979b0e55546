package io.castline.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.control.ControlEvents;
import io.castline.control.ControlServer;
import io.castline.control.ControlToken;
import io.castline.control.ProgramShowControl;
import io.castline.engine.Program;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control API against a real running program: every request over real HTTP, bad input refused
 * with the reason and nothing changed, the token required and a wrong one refused and rate-limited,
 * events over a real WebSocket.
 */
class ControlApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Program program;
    private ControlServer server;
    private ControlToken token;
    private ProgramShowControl showControl;

    @BeforeEach
    void start() throws Exception {
        Path dir = TestWorkdir.fresh("control-api");
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "sources": [{"name": "Red", "kind": "color", "color": "#E02020"},
                             {"name": "Card", "kind": "product_card", "qr": false},
                             {"name": "Deal", "kind": "countdown", "duration": 60},
                             {"name": "Flash", "kind": "countdown", "duration": 1, "at_end": "scene", "end_scene": "Intro"}],
                 "scenes": [{"name": "Intro", "layers": [{"source": "Red"}]},
                            {"name": "Sell", "layers": [{"source": "Red"}, {"source": "Card", "y": 120, "height": 60},
                                                        {"source": "Deal", "width": 100, "height": 50},
                                                        {"source": "Flash", "x": 200, "width": 100, "height": 50}]}],
                 "program": "Intro", "recording": {"path": "x.mkv"},
                 "products": [{"sku": "TEE", "title": "Tee", "price": "25.00", "compare_at_price": "35.00", "currency": "USD", "stock": 4},
                              {"sku": "MUG", "title": "Mug", "price": "9.50", "currency": "USD"}],
                 "cues": [{"name": "Welcome", "scene": "Intro"}, {"name": "The tee", "scene": "Sell", "product": "TEE", "countdown": "Deal"}]}
                """);
        Show show = ShowFile.read(file);
        program = Program.start(show, dir);
        ControlEvents events = new ControlEvents();
        token = ControlToken.random();
        showControl = new ProgramShowControl(program, events, ProgramShowControl.alwaysLive(() -> Map.of("fps", 30)));
        server = ControlServer.start(showControl, events, token, 0, false);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (showControl != null) showControl.close();
        if (program != null) program.close();
    }

    private record Answer(int status, JsonNode json) {
        JsonNode data() { return json.get("data"); }
        String error() { return json.path("error").asText(null); }
    }

    private Answer call(String request, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/requests/" + request))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.body()).as("no answer carries the token").doesNotContain(token.reveal());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    private Answer call(String request, String body) throws Exception {
        return call(request, body, token.reveal());
    }

    @Test
    void everyRequestDoesWhatItSaysAndBadInputChangesNothing() throws Exception {
        Answer scenes = call("GetSceneList", null);
        assertThat(scenes.status()).isEqualTo(200);
        assertThat(scenes.data().get("scenes").toString()).isEqualTo("[\"Intro\",\"Sell\"]");
        assertThat(scenes.data().get("program").asText()).isEqualTo("Intro");

        assertThat(call("SetProgramScene", "{\"scene\": \"Sell\"}").status()).isEqualTo(200);
        assertThat(program.programScene()).isEqualTo("Sell");
        Answer fade = call("SetProgramScene", "{\"scene\": \"Intro\", \"transition\": \"fade\", \"duration\": 0.3}");
        assertThat(fade.status()).isEqualTo(200);
        assertThat(program.compositor().inTransition()).isTrue();
        assertBad(call("SetProgramScene", "{\"scene\": \"Nowhere\"}"), "no scene is called 'Nowhere'");
        assertBad(call("SetProgramScene", "{\"scene\": 3}"), "scene: must be text");
        assertBad(call("SetProgramScene", "{\"scene\": \"Sell\", \"colour\": 1}"), "colour: not a field of SetProgramScene");
        assertBad(call("SetProgramScene", "{\"scene\": \"Sell\", \"transition\": \"wipe\"}"), "transition: 'wipe' is not cut, fade or slide");
        assertBad(call("SetProgramScene", "[1, 2]"), "the body must be a JSON object");
        assertBad(call("SetProgramScene", "{not json"), "the body is not JSON");
        assertThat(program.programScene()).as("none of the bad ones changed the scene").isEqualTo("Intro");

        Answer products = call("GetProductList", "{}");
        assertThat(products.data().get("products")).hasSize(2);
        assertThat(products.data().get("products").get(0).get("discount_percent").asInt()).isEqualTo(28);
        Answer pin = call("PinProduct", "{\"sku\": \"TEE\"}");
        assertThat(pin.status()).isEqualTo(200);
        assertThat(pin.data().get("pinned").get("sku").asText()).isEqualTo("TEE");
        assertThat(program.pinned()).hasValueSatisfying(p -> assertThat(p.sku()).isEqualTo("TEE"));
        assertBad(call("PinProduct", "{\"sku\": \"NOPE\"}"), "no product has the SKU 'NOPE'");
        assertBad(call("PinProduct", "{}"), "sku: is required (text)");
        assertThat(program.pinned()).hasValueSatisfying(p -> assertThat(p.sku()).isEqualTo("TEE"));
        assertThat(call("PinNextProduct", null).data().get("pinned").get("sku").asText()).isEqualTo("MUG");
        assertThat(call("PinPreviousProduct", null).data().get("pinned").get("sku").asText()).isEqualTo("TEE");

        Answer price = call("SetProduct", "{\"sku\": \"TEE\", \"price\": \"19.00\", \"stock\": 2}");
        assertThat(price.status()).isEqualTo(200);
        assertThat(program.show().product("TEE").orElseThrow().price()).isEqualTo(new BigDecimal("19.00"));
        assertThat(program.pinned().orElseThrow().stock()).isEqualTo(2);
        assertBad(call("SetProduct", "{\"sku\": \"TEE\", \"price\": \"cheap\"}"), "price: \"cheap\" is not an amount");
        assertBad(call("SetProduct", "{\"sku\": \"TEE\", \"stock\": -3}"), "stock: must be 0 or more");
        assertBad(call("SetProduct", "{\"sku\": \"TEE\"}"), "nothing to change");
        assertThat(program.show().product("TEE").orElseThrow().price()).isEqualTo(new BigDecimal("19.00"));
        assertThat(program.show().product("TEE").orElseThrow().stock()).isEqualTo(2);
        assertThat(call("UnpinProduct", null).status()).isEqualTo(200);
        assertThat(program.pinned()).isEmpty();

        program.cut("Sell"); // the countdown opens with the scene that shows it
        assertThat(call("StartCountdown", "{\"name\": \"Deal\"}").data().get("countdown").get("running").asBoolean()).isTrue();
        assertThat(call("PauseCountdown", "{\"name\": \"Deal\"}").data().get("countdown").get("running").asBoolean()).isFalse();
        assertThat(call("ResetCountdown", "{\"name\": \"Deal\"}").data().get("countdown").get("remaining_frames").asLong())
                .isEqualTo(60 * 30);
        assertThat(call("GetCountdownList", null).data().get("countdowns").has("Deal")).isTrue();
        assertBad(call("StartCountdown", "{\"name\": \"Red\"}"), "no countdown is called 'Red'");

        Answer cues = call("GetCueList", null);
        assertThat(cues.data().get("cues")).hasSize(2);
        assertThat(cues.data().get("next").get("name").asText()).isEqualTo("Welcome");
        call("NextCue", null);
        Answer second = call("NextCue", null);
        assertThat(second.data().get("current").get("name").asText()).isEqualTo("The tee");
        assertThat(program.pinned().orElseThrow().sku()).isEqualTo("TEE");
        assertThat(program.countdownState("Deal").running()).isTrue();
        Answer none = call("NextCue", null);
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.error()).isEqualTo("the run of show has no cue after 'The tee'");

        assertThat(call("GetStreamStatus", null).data().get("live").asBoolean()).isTrue();
        assertThat(call("StartStream", null).status()).isEqualTo(409);
        assertThat(call("GetStats", null).data().get("fps").asInt()).isEqualTo(30);
        Answer unknown = call("Explode", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("no request is called 'Explode'");
    }

    private static void assertBad(Answer a, String reason) {
        assertThat(a.status()).as(a.json().toString()).isEqualTo(400);
        assertThat(a.error()).contains(reason);
    }

    @Test
    void theTokenIsRequiredAndAWrongOneIsRefusedThenRateLimited() throws Exception {
        Answer missing = call("GetSceneList", null, null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.error()).isEqualTo("the token is missing (Authorization: Bearer TOKEN)");
        for (int i = 0; i < 4; i++) {
            Answer wrong = call("PinProduct", "{\"sku\": \"TEE\"}", "guess-" + i);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error()).isEqualTo("wrong token");
        }
        assertThat(program.pinned()).as("a refused request changes nothing").isEmpty();
        // five wrong tokens in a minute: this address is refused for a while, even with the right one
        Answer limited = call("GetSceneList", null, token.reveal());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).startsWith("too many wrong tokens from 127.0.0.1: try again in ");
    }

    @Test
    void eventsArriveOnAnIdentifiedSocketAndAWrongTokenClosesIt() throws Exception {
        Socket good = Socket.open(server.port());
        assertThat(good.next().get("op").asText()).isEqualTo("hello");
        good.send("{\"op\": \"identify\", \"token\": \"" + token.reveal() + "\"}");
        assertThat(good.next().get("op").asText()).isEqualTo("identified");

        assertThat(call("PinProduct", "{\"sku\": \"MUG\"}").status()).isEqualTo(200);
        JsonNode event = good.next();
        assertThat(event.get("op").asText()).isEqualTo("event");
        assertThat(event.get("type").asText()).isEqualTo("ProductPinned");
        assertThat(event.get("data").get("product").get("sku").asText()).isEqualTo("MUG");

        // requests over the socket too
        good.send("{\"op\": \"request\", \"id\": \"7\", \"type\": \"SetProgramScene\", \"data\": {\"scene\": \"Sell\"}}");
        JsonNode first = good.next();
        JsonNode second = good.next();
        JsonNode response = first.get("op").asText().equals("response") ? first : second;
        JsonNode changed = first == response ? second : first;
        assertThat(response.get("id").asText()).isEqualTo("7");
        assertThat(response.get("status").asInt()).isEqualTo(200);
        assertThat(changed.get("type").asText()).isEqualTo("ProgramSceneChanged");

        // a countdown that runs out is told, and so is the scene its end cut to
        assertThat(program.programScene()).as("the socket's request put it on air").isEqualTo("Sell");
        assertThat(call("StartCountdown", "{\"name\": \"Flash\"}").status()).isEqualTo(200);
        JsonNode ended = null;
        for (int i = 0; i < 6 && ended == null; i++) {
            JsonNode e = good.next();
            if (e.path("type").asText().equals("CountdownEnded")) ended = e;
        }
        assertThat(ended).as("CountdownEnded").isNotNull();
        assertThat(ended.get("data").get("name").asText()).isEqualTo("Flash");
        JsonNode scene = good.next();
        assertThat(scene.get("type").asText()).isEqualTo("ProgramSceneChanged");
        assertThat(scene.get("data").get("scene").asText()).isEqualTo("Intro");
        assertThat(program.programScene()).isEqualTo("Intro");

        Socket bad = Socket.open(server.port());
        bad.next(); // hello
        bad.send("{\"op\": \"identify\", \"token\": \"nope\"}");
        assertThat(bad.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4401);
        good.close();
    }

    /** A real WebSocket client (the JDK's). */
    private static final class Socket implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();
        WebSocket ws;

        static Socket open(int port) throws Exception {
            Socket s = new Socket();
            s.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/events"), s).get(10, TimeUnit.SECONDS);
            return s;
        }

        JsonNode next() throws Exception {
            String m = messages.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return JSON.readTree(m);
        }

        void send(String text) throws Exception {
            ws.sendText(text, true).get(5, TimeUnit.SECONDS);
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        @Override public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                messages.add(part.toString());
                part.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
