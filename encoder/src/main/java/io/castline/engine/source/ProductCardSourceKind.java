package io.castline.engine.source;

import io.castline.engine.commerce.CardStyle;
import io.castline.engine.commerce.CardTemplate;
import io.castline.engine.commerce.ProductImages;
import io.castline.engine.settings.Problems;

import java.util.Locale;
import java.util.Set;

/**
 * {@code product_card}: the card of the product pinned on the program, drawn by the engine (so it
 * is the same on every output and headless): {@code template} (lower_third, side, vertical),
 * {@code qr} (a code of the product's page, default true), {@code low_stock} (under it the card
 * says "only N left"; default 10), {@code locale} (how prices are written, a BCP 47 tag such as
 * "de-DE"; default the system's), {@code accent} (the badge's colour), {@code animation} (slide,
 * fade or none: how the card comes on a pin and goes on an unpin; another product pinned: the old
 * card goes, then the new one comes) over {@code animation_duration} seconds (0.5). Nothing
 * pinned: nothing drawn.
 */
final class ProductCardSourceKind implements SourceKind {
    @Override public String id() { return "product_card"; }
    @Override public String displayName() { return "Product card"; }
    @Override public Set<String> settingKeys() { return Set.of("template", "qr", "low_stock", "locale", "accent", "animation", "animation_duration"); }
    @Override public boolean hasVideo(SourceConfig config) { return true; }
    @Override public boolean hasAudio(SourceConfig config) { return false; }

    @Override public void check(SourceConfig config, Context context, Problems problems) {
        Checks.text(config, "template", false, problems);
        String template = config.string("template", null);
        if (template != null && CardTemplate.byId(template).isEmpty()) {
            problems.add("template", "'" + template + "' is not a card template (" + CardTemplate.ids() + ")");
        }
        Checks.flag(config, "qr", problems);
        Checks.number(config, "low_stock", 0, 1_000_000, problems);
        Checks.text(config, "locale", false, problems);
        String tag = config.string("locale", null);
        if (tag != null && Locale.forLanguageTag(tag).toLanguageTag().equals("und")) {
            problems.add("locale", "'" + tag + "' is not a language tag (en-US, de-DE, ja-JP…)");
        }
        Checks.color(config, "accent", false, problems);
        Checks.text(config, "animation", false, problems);
        String animation = config.string("animation", null);
        if (animation != null && style(animation) == null) problems.add("animation", "'" + animation + "' is not slide, fade or none");
        Checks.number(config, "animation_duration", 0.1, 5, problems);
    }

    private static CardMotion.Style style(String id) {
        for (CardMotion.Style s : CardMotion.Style.values()) if (s.id().equals(id)) return s;
        return null;
    }

    /** The card's animation: slide over half a second unless the settings say otherwise. */
    static CardMotion motion(SourceConfig c, int fps) {
        CardMotion.Style style = style(c.string("animation", "slide"));
        if (style == null || style == CardMotion.Style.NONE) return CardMotion.NONE;
        return new CardMotion(style, (int) Math.round(c.number("animation_duration", 0.5) * fps));
    }

    @Override public OpenedSource open(SourceConfig config, Context context) {
        return new OpenedSource(config, new ProductCardSource(config.name(), style(config),
                motion(config, context.canvas().fps()), new ProductImages(context.baseDirectory())), null);
    }

    static CardStyle style(SourceConfig c) {
        CardTemplate template = CardTemplate.byId(c.string("template", CardTemplate.LOWER_THIRD.id())).orElse(CardTemplate.LOWER_THIRD);
        String tag = c.string("locale", null);
        Locale locale = tag == null ? Locale.getDefault() : Locale.forLanguageTag(tag);
        int lowStock = (int) Math.round(c.number("low_stock", CardStyle.DEFAULT_LOW_STOCK));
        int accent = Checks.argb(c.string("accent", null), 0xff000000 | CardStyle.DEFAULT_ACCENT) & 0xffffff;
        return new CardStyle(template, locale, lowStock, c.flag("qr", true), accent);
    }
}
