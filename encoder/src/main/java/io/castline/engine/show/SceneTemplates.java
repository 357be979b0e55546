package io.castline.engine.show;

import io.castline.engine.source.SourceConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scenes hosts build first, to start from: the host full-frame, the host with a product
 * close-up in a picture-in-picture, the product page captured from the screen with the host in a
 * corner, and a "back in a moment" slate. Each uses the show's sources of the right kind (its first
 * camera is the host, its second the product close-up, its first screen capture the page) and adds
 * the ones it lacks. Laid out for the show's canvas: on a vertical (9:16) canvas the pictures
 * fill it, cropped (cover), never a letterboxed strip, and the inset sits clear of the lower third
 * where vertical apps lay their comments and buttons.
 */
public final class SceneTemplates {
    /** One template: its id and what the studio's menu calls it. */
    public record Template(String id, String displayName) {}

    public static final Template HOST = new Template("host", "Host full-frame");
    public static final Template HOST_AND_PRODUCT = new Template("host-product", "Host + product close-up");
    public static final Template SCREEN_AND_HOST = new Template("screen-host", "Screen + host in a corner");
    public static final Template BACK_SOON = new Template("back-soon", "Back in a moment");
    public static final Template FLASH_SALE = new Template("flash-sale", "Flash sale: host, product card, countdown");
    private static final List<Template> ALL = List.of(HOST, HOST_AND_PRODUCT, SCREEN_AND_HOST, BACK_SOON, FLASH_SALE);

    /**
     * Where vertical apps draw over a 9:16 picture with their own controls (shares of the canvas):
     * the status and follow bar on top, the column of buttons on the right, the comments and the
     * caption along the bottom. A card or a countdown put there would be covered.
     */
    public static final double VERTICAL_COVERED_TOP = 0.08, VERTICAL_COVERED_RIGHT = 0.15, VERTICAL_COVERED_BOTTOM = 0.28;

    static final String HOST_CAMERA = "Host camera";
    static final String PRODUCT_CAMERA = "Product close-up";
    static final String SCREEN = "Shop page";
    static final String SLATE_BACKDROP = "Slate backdrop";
    static final String SLATE_TEXT = "Back in a moment";
    static final String CARD = "Product card";
    static final String COUNTDOWN = "Deal countdown";

    private SceneTemplates() {}

    public static List<Template> all() { return ALL; }

    public static Optional<Template> byId(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The show with a new scene made from the template (named after it, numbered when taken), added last. */
    public static Show add(Show show, Template template) {
        int w = show.canvas().width();
        int h = show.canvas().height();
        boolean vertical = h > w;
        Show s = show;
        List<Layer> layers = new ArrayList<>();
        switch (template.id()) {
            case "host" -> {
                String host = camera(s, 0);
                s = ensure(s, host, SourceConfig.of(host, "camera"));
                layers.add(Layer.of(host, 0, 0, w, h, Fit.COVER));
            }
            case "host-product" -> {
                String host = camera(s, 0);
                s = ensure(s, host, SourceConfig.of(host, "camera"));
                String product = camera(s, 1);
                s = ensure(s, product, SourceConfig.of(product, "camera"));
                layers.add(Layer.of(host, 0, 0, w, h, Fit.COVER));
                layers.add(inset(product, w, h, vertical));
            }
            case "screen-host" -> {
                String screen = first(s, "screen").orElse(SCREEN);
                s = ensure(s, screen, SourceConfig.of(screen, "screen"));
                String host = camera(s, 0);
                s = ensure(s, host, SourceConfig.of(host, "camera"));
                // vertical: the page fills the canvas, cropped; landscape: all of it, the host beside it
                layers.add(Layer.of(screen, 0, 0, w, h, vertical ? Fit.COVER : Fit.CONTAIN));
                layers.add(inset(host, w, h, vertical));
            }
            case "back-soon" -> {
                s = ensure(s, SLATE_BACKDROP, SourceConfig.of(SLATE_BACKDROP, "color", "color", "#101820"));
                s = ensure(s, SLATE_TEXT, SourceConfig.of(SLATE_TEXT, "text", "text", "Back in a moment",
                        "size", Math.max(24, Math.min(w, h) / 10), "color", "#FFFFFF"));
                layers.add(Layer.of(SLATE_BACKDROP, 0, 0, w, h, Fit.STRETCH));
                layers.add(Layer.of(SLATE_TEXT, w / 10, h * 2 / 5, w * 4 / 5, h / 5, Fit.CONTAIN));
            }
            case "flash-sale" -> {
                String host = camera(s, 0);
                s = ensure(s, host, SourceConfig.of(host, "camera"));
                String card = first(s, "product_card").orElse(CARD);
                s = ensure(s, card, SourceConfig.of(card, "product_card", "template", vertical ? "vertical" : "lower_third"));
                String countdown = first(s, "countdown").orElse(COUNTDOWN);
                s = ensure(s, countdown, SourceConfig.of(countdown, "countdown", "duration", 300, "label", "Deal ends in"));
                layers.add(Layer.of(host, 0, 0, w, h, Fit.COVER));
                layers.addAll(sellingLayers(card, countdown, w, h, vertical));
            }
            default -> throw new IllegalArgumentException("no scene template " + template.id());
        }
        Show withScene = ShowEdits.addScene(s, template.displayName());
        String name = withScene.scenes().get(withScene.scenes().size() - 1).name();
        for (Layer l : layers) withScene = ShowEdits.addLayer(withScene, name, l);
        return withScene;
    }

    /**
     * A picture-in-picture: landscape, a quarter of the width in the lower right with a margin;
     * vertical, 40% of the width in the upper right (the lower third is the apps' own).
     */
    static Layer inset(String source, int w, int h, boolean vertical) {
        int margin = Math.min(w, h) / 27;
        if (vertical) {
            int iw = even(w * 2 / 5);
            int ih = even(iw * 4 / 3);
            return Layer.of(source, w - iw - margin, margin * 4, iw, ih, Fit.COVER);
        }
        int iw = even(w / 3);
        int ih = even(iw * 9 / 16);
        return Layer.of(source, w - iw - margin, h - ih - margin, iw, ih, Fit.COVER);
    }

    /**
     * The card and the countdown of a flash sale. Landscape: the card a lower third (two thirds of
     * the width, centred, near the bottom), the countdown in the upper right. Vertical: both inside
     * what the apps leave clear ({@link #VERTICAL_COVERED_TOP} and the others): the card at the
     * bottom of that area, nine tenths of the clear width; the countdown centred under the top bar.
     */
    static List<Layer> sellingLayers(String card, String countdown, int w, int h, boolean vertical) {
        int margin = Math.min(w, h) / 27;
        if (vertical) {
            int clearRight = (int) (w * (1 - VERTICAL_COVERED_RIGHT));
            int clearBottom = (int) (h * (1 - VERTICAL_COVERED_BOTTOM));
            int cw = even((clearRight - margin) * 9 / 10);
            int ch = even(cw * 380 / 900); // the vertical template's shape
            Layer c = Layer.of(card, margin, even(clearBottom - ch - margin), cw, ch, Fit.CONTAIN);
            int tw = even(w * 2 / 5);
            int th = even(tw * 11 / 24);
            Layer t = Layer.of(countdown, even((clearRight - tw) / 2), even((int) (h * VERTICAL_COVERED_TOP) + margin), tw, th, Fit.CONTAIN);
            return List.of(t, c);
        }
        int cw = even(w * 2 / 3);
        int ch = even(cw * 232 / 1280); // the lower third's shape
        Layer c = Layer.of(card, even((w - cw) / 2), even(h - ch - margin * 2), cw, ch, Fit.CONTAIN);
        int tw = even(w / 4);
        int th = even(tw * 11 / 24);
        Layer t = Layer.of(countdown, even(w - tw - margin), margin, tw, th, Fit.CONTAIN);
        return List.of(t, c);
    }

    private static int even(int v) { return v & ~1; }

    /** The show's n-th camera source (0 = first), or a new name for one. */
    private static String camera(Show show, int n) {
        List<String> cameras = show.sources().stream().filter(c -> c.kind().equals("camera")).map(SourceConfig::name).toList();
        if (n < cameras.size()) return cameras.get(n);
        return n == 0 ? HOST_CAMERA : PRODUCT_CAMERA;
    }

    private static Optional<String> first(Show show, String kind) {
        return show.sources().stream().filter(c -> c.kind().equals(kind)).map(SourceConfig::name).findFirst();
    }

    /** The show with this source added when it has none of that name. */
    private static Show ensure(Show show, String name, SourceConfig config) {
        return show.source(name).isPresent() ? show : ShowEdits.addSource(show, config);
    }
}
