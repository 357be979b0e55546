package io.castline.control;

import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.commerce.ProductJson;
import io.castline.engine.show.Cue;

import java.util.LinkedHashMap;
import java.util.Map;

/** How the control API writes the show's things: as the show file does, plus what a remote needs to show. */
public final class ControlJson {
    private ControlJson() {}

    public static Map<String, Object> product(Product p) {
        Map<String, Object> m = new LinkedHashMap<>();
        ProductJson.write(p).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue()
                : e.getValue().isNull() ? null : e.getValue().asText()));
        p.discountPercent().ifPresent(d -> m.put("discount_percent", d));
        m.put("sold_out", p.soldOut());
        return m;
    }

    /** A countdown's state in frames of the show's clock (what it shows at a frame follows from them). */
    public static Map<String, Object> countdown(Countdown c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", c.running());
        m.put("remaining_frames", c.remainingFrames());
        m.put("anchor_frame", c.anchorFrame());
        m.put("end_frame", c.endFrame());
        return m;
    }

    public static Map<String, Object> cue(Cue c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("scene", c.scene());
        m.put("product", c.product());
        m.put("countdown", c.countdown());
        return m;
    }
}
