package io.castline.engine.source;

import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.CountdownFace;
import io.castline.engine.settings.Problems;

import java.util.Set;

/**
 * {@code countdown}: a flash-sale countdown drawn on the media clock: {@code duration} (seconds),
 * {@code label} (a line above the time, e.g. "Deal ends in"), {@code size} (the digits' height in
 * pixels), {@code color}, {@code background} (a box behind it, #RRGGBBAA), {@code at_end} ("stay":
 * 00:00, "hide", "scene": a cut to {@code end_scene}, "sold_out" or "restore_price": its product's
 * card changes), {@code product} (the SKU it is about; the pinned one when left out) and
 * {@code deal_price} (the product's price while it runs). mm:ss below an hour, h:mm:ss from an hour on. Started, paused and reset by
 * the program; what it shows on a frame is that frame's time, in the stream and the recording alike.
 */
final class CountdownSourceKind implements SourceKind {
    static final double MAX_SECONDS = 10 * 3600 - 1;

    @Override public String id() { return "countdown"; }
    @Override public String displayName() { return "Countdown"; }
    @Override public Set<String> settingKeys() {
        return Set.of("duration", "label", "size", "color", "background", "at_end", "end_scene", "product", "deal_price");
    }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        if (config.settings().get("duration") == null) problems.add("duration", "is required (seconds, e.g. 300 for 5:00)");
        Checks.number(config, "duration", 1, MAX_SECONDS, problems);
        Checks.text(config, "label", false, problems);
        Checks.number(config, "size", 8, 1000, problems);
        Checks.color(config, "color", false, problems);
        Checks.color(config, "background", false, problems);
        Checks.text(config, "at_end", false, problems);
        String atEnd = config.string("at_end", "stay");
        CountdownSource.AtEnd action = CountdownSource.AtEnd.of(atEnd);
        if (action == null) problems.add("at_end", "'" + atEnd + "' is not stay, hide, scene, sold_out or restore_price");
        Checks.text(config, "end_scene", atEnd.equals("scene"), problems);
        Checks.text(config, "product", false, problems);
        java.math.BigDecimal deal = CountdownSource.dealPriceOf(config);
        if (config.has("deal_price") && deal == null) {
            problems.add("deal_price", "'" + config.settings().get("deal_price") + "' is not an amount (\"19.99\")");
        } else if (deal != null && deal.signum() < 0) {
            problems.add("deal_price", "must be 0 or more");
        }
        if (action == CountdownSource.AtEnd.RESTORE_PRICE && !config.has("deal_price")) {
            problems.add("at_end", "'restore_price' ends a deal price: give the countdown a deal_price");
        }
        // that the scene and the product exist, and the deal price against the product's, are the
        // show's rules (ShowValidator): a source knows no scenes and no catalogue
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        double seconds = config.number("duration", 300);
        int fps = context.canvas().fps();
        CountdownFace face = new CountdownFace(seconds >= 3600, config.string("label", null),
                (int) Math.round(config.number("size", 96)), Checks.argb(config.string("color", null), 0xffffffff),
                config.has("background") ? Checks.argb(config.string("background", null), 0) : 0);
        CountdownSource.AtEnd atEnd = CountdownSource.AtEnd.of(config.string("at_end", "stay"));
        return new OpenedSource(config, new CountdownSource(config.name(), face, Countdown.ready(seconds, fps), fps,
                atEnd == null ? CountdownSource.AtEnd.STAY : atEnd, config.string("end_scene", null),
                config.string("product", null), CountdownSource.dealPriceOf(config)), null);
    }
}
