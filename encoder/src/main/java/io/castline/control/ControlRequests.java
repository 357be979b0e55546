package io.castline.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.castline.engine.Program.Framed;
import io.castline.engine.commerce.Amounts;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.show.Cue;
import io.castline.engine.show.TransitionKind;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The control API's requests by name (obs-websocket v5's request half): each reads its fields from
 * the request's JSON object and returns its answer's data. A field that is missing or of the wrong
 * type is an {@link IllegalArgumentException} naming it, before anything is done.
 */
final class ControlRequests {
    interface Request {
        Map<String, Object> handle(ShowControl show, JsonNode body) throws AvException;
    }

    private record Entry(Set<String> fields, Request request) {}

    private static final Map<String, Entry> REQUESTS = new TreeMap<>();

    static {
        add("GetSceneList", Set.of(), (s, b) -> map("scenes", s.scenes(), "program", s.programScene()));
        add("SetProgramScene", Set.of("scene", "transition", "duration"), (s, b) -> {
            String kind = optionalText(b, "transition");
            TransitionKind k = kind == null ? null : TransitionKind.byId(kind)
                    .orElseThrow(() -> new IllegalArgumentException("transition: '" + kind + "' is not cut, fade or slide"));
            Double seconds = optionalNumber(b, "duration");
            if (seconds != null && (seconds < 0 || seconds > 10)) throw new IllegalArgumentException("duration: must be between 0 and 10 seconds");
            s.setProgramScene(text(b, "scene"), k, seconds == null ? null : Duration.ofMillis(Math.round(seconds * 1000)));
            return map("program", s.programScene());
        });
        add("GetProductList", Set.of(), (s, b) -> map("products", s.products().stream().map(ControlJson::product).toList(),
                "pinned", s.pinned().map(Product::sku).orElse(null)));
        add("PinProduct", Set.of("sku"), (s, b) -> pinned(s.pinWithFrame(text(b, "sku"))));
        add("UnpinProduct", Set.of(), (s, b) -> framed(map("pinned", null), s.unpinWithFrame()));
        add("PinNextProduct", Set.of(), (s, b) -> pinned(s.pinNextWithFrame()));
        add("PinPreviousProduct", Set.of(), (s, b) -> pinned(s.pinPreviousWithFrame()));
        add("SetProduct", Set.of("sku", "price", "compare_at_price", "stock"), (s, b) -> {
            String sku = text(b, "sku");
            BigDecimal price = amount(b, "price");
            BigDecimal compareAt = amount(b, "compare_at_price");
            Integer stock = whole(b, "stock");
            if (price == null && compareAt == null && stock == null) {
                throw new IllegalArgumentException("nothing to change: give price, compare_at_price or stock");
            }
            Framed<Product> edited = s.editProductWithFrame(sku, price, compareAt, stock);
            return framed(map("product", ControlJson.product(edited.value())), edited.frame());
        });
        add("GetCountdownList", Set.of(), (s, b) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            s.countdowns().forEach((name, c) -> out.put(name, ControlJson.countdown(c)));
            return map("countdowns", out);
        });
        // started or paused from its anchor frame
        add("StartCountdown", Set.of("name"), (s, b) -> anchored(s.startCountdown(text(b, "name"))));
        add("PauseCountdown", Set.of("name"), (s, b) -> anchored(s.pauseCountdown(text(b, "name"))));
        add("ResetCountdown", Set.of("name"), (s, b) -> map("countdown", ControlJson.countdown(s.resetCountdown(text(b, "name")))));
        add("GetCueList", Set.of(), (s, b) -> map("cues", s.cues().stream().map(ControlJson::cue).toList(),
                "current", cue(s.currentCue()), "next", cue(s.upcomingCue())));
        add("NextCue", Set.of(), (s, b) -> {
            Cue cue = s.nextCue();
            return map("current", ControlJson.cue(cue), "next", cue(s.upcomingCue()));
        });
        add("GetStreamStatus", Set.of(), (s, b) -> map("live", s.live()));
        add("StartStream", Set.of(), (s, b) -> {
            s.goLive();
            return map("live", s.live());
        });
        add("StopStream", Set.of(), (s, b) -> {
            s.endLive();
            return map("live", s.live());
        });
        add("GetStats", Set.of(), (s, b) -> s.stats());
    }

    private ControlRequests() {}

    private static void add(String name, Set<String> fields, Request r) {
        REQUESTS.put(name, new Entry(fields, r));
    }

    static Set<String> names() { return REQUESTS.keySet(); }

    static boolean exists(String name) { return REQUESTS.containsKey(name); }

    /** Runs request {@code name}; its body must be a JSON object (or nothing) with only the request's fields. */
    static Map<String, Object> run(String name, ShowControl show, JsonNode body) throws AvException {
        Entry e = REQUESTS.get(name);
        if (e == null) throw new UnknownRequest(name);
        if (body == null || body.isMissingNode() || body.isNull()) body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (!body.isObject()) throw new IllegalArgumentException("the body must be a JSON object");
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> { if (!e.fields().contains(f)) unknown.add(f); });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", unknown) + ": not a field of " + name
                    + (e.fields().isEmpty() ? " (it has none)" : " (" + String.join(", ", new java.util.TreeSet<>(e.fields())) + ")"));
        }
        return e.request().handle(show, body);
    }

    static final class UnknownRequest extends RuntimeException {
        UnknownRequest(String name) {
            super("no request is called '" + name + "'");
        }
    }

    // ---- fields ----

    private static String text(JsonNode b, String field) {
        String v = optionalText(b, field);
        if (v == null) throw new IllegalArgumentException(field + ": is required (text)");
        return v;
    }

    private static String optionalText(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new IllegalArgumentException(field + ": must be text");
        return v.asText();
    }

    private static Double optionalNumber(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw new IllegalArgumentException(field + ": must be a number");
        return v.asDouble();
    }

    private static BigDecimal amount(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        BigDecimal amount = v.isNumber() || v.isTextual() ? Amounts.parse(v.asText()) : null;
        if (amount == null) throw new IllegalArgumentException(field + ": " + v + " is not an amount (write \"19.99\")");
        return amount;
    }

    private static Integer whole(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw new IllegalArgumentException(field + ": must be a whole number");
        return v.asInt();
    }

    private static Map<String, Object> pinned(Framed<Product> p) {
        return framed(map("pinned", ControlJson.product(p.value())), p.frame());
    }

    /** {@code data} with the program frame the request took effect on, when the show control can tell it. */
    private static Map<String, Object> framed(Map<String, Object> data, long frame) {
        if (frame >= 0) data.put("frame", frame);
        return data;
    }

    private static Map<String, Object> anchored(Countdown c) {
        return framed(map("countdown", ControlJson.countdown(c)), c.anchorFrame());
    }

    private static Map<String, Object> cue(Cue c) {
        return c == null ? null : ControlJson.cue(c);
    }

    /** A map of alternating keys and values that may be null (Map.of refuses nulls). */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
