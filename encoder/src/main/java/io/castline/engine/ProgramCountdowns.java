package io.castline.engine;

import io.castline.engine.source.SourceConfig;

import java.util.List;

import io.castline.engine.commerce.Countdown;
import io.castline.engine.commerce.Product;
import io.castline.engine.commerce.ProductRules;
import io.castline.engine.ffmpeg.AvException;
import io.castline.engine.settings.Problems;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.CountdownSource.AtEnd;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.video.Compositor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The program's countdowns: start, pause, reset and their states, and what their ends do on the
 * compositor's clock: a cut to a scene (planned at the start, made on the frame it runs out), and
 * the card of the countdown's product (its deal price while it runs and while paused; from the end
 * frame the regular price again or SOLD OUT). The card's two pictures are both in the plan and the
 * clock picks one per frame, so the change is on the end frame exactly; once the clock is past it,
 * the program takes the end in (the deal is over, a sold-out product's stock is 0 in the show).
 * Called with the program's lock held; the program's public methods delegate here.
 */
final class ProgramCountdowns {
    private static final Logger LOG = LoggerFactory.getLogger(ProgramCountdowns.class);

    /**
     * A countdown's run about a product, from its first start to its reset: {@code endFrame} while
     * it runs (-1 paused), {@code over} once its end changed the product.
     */
    private record Deal(String sku, BigDecimal price, AtEnd atEnd, long endFrame, boolean over) {
        Deal at(long end) { return new Deal(sku, price, atEnd, end, over); }
        Deal ended() { return new Deal(sku, price, atEnd, endFrame, true); }
        /** Its end changes the card, on a frame that is known (it runs). */
        boolean ending() { return !over && endFrame >= 0 && atEnd.changesProduct(); }
    }

    /** What a product card shows: {@code now}, and {@code after} from frame {@code from} on (null: no change). */
    record CardFace(Product now, Product after, long from) {}

    private final Program program;
    private final Compositor compositor;
    /** The countdown whose end cuts to a scene (its cut waits in the compositor), or null. */
    private String scheduledBy;
    /** The runs about a product, by countdown name. */
    private final Map<String, Deal> deals = new LinkedHashMap<>();

    ProgramCountdowns(Program program, Compositor compositor) {
        this.program = program;
        this.compositor = compositor;
    }

    Countdown start(String name) throws AvException {
        settle();
        CountdownSource c = countdown(name);
        Deal deal = deals.get(name);
        boolean aboutProduct = c.dealPrice() != null || c.atEnd().changesProduct();
        if (aboutProduct && deal == null) deal = newDeal(name, c); // checked before anything changes
        if (deal != null && !deal.over()) {
            // the deal price on the card first, then the anchor: its first frame shows the deal (or the next one,
            // when the clock is drawing that frame right now), never the frames after the drawing took
            deals.put(name, deal.at(-1));
            program.showOnCards();
        }
        Countdown started = c.start(compositor.nextIndex());
        if (c.atEnd() == AtEnd.SCENE && c.endScene() != null && program.show().scene(c.endScene()).isPresent()) {
            // planned now, cut by the clock on the very frame it runs out
            compositor.scheduleCut(program.plan(c.endScene()), started.endFrame());
            scheduledBy = name;
        }
        if (deal != null) {
            deals.put(name, deal.over() ? deal : deal.at(started.endFrame()));
            program.showOnCards();
            long end = started.endFrame();
            if (deals.get(name).ending()) program.events().watchEnd(end, () -> settleOnClock(end));
        }
        return started;
    }

    /** The product the countdown is about (its own, else the pinned one), its deal price checked against it. */
    private Deal newDeal(String name, CountdownSource c) {
        String sku = c.product() != null ? c.product() : program.pinnedSku();
        if (sku == null) {
            throw new IllegalStateException("the countdown '" + name + "' is about the pinned product ("
                    + (c.dealPrice() != null ? "its deal price" : "it ends " + c.atEnd().id())
                    + ") and none is pinned: pin one first, or give the countdown a product");
        }
        Product product = program.show().product(sku)
                .orElseThrow(() -> new IllegalStateException("no product has the SKU '" + sku + "'"));
        if (c.dealPrice() != null) {
            Problems p = new Problems();
            ProductRules.checkDealPrice(c.dealPrice(), product, "deal_price", p);
            if (!p.isEmpty()) throw new IllegalArgumentException("the countdown '" + name + "': " + p.all().get(0));
        }
        for (Map.Entry<String, Deal> other : deals.entrySet()) {
            if (other.getValue().sku().equals(sku) && !other.getValue().over()) {
                throw new IllegalStateException("the countdown '" + other.getKey() + "' has '" + sku
                        + "' already: reset it first");
            }
        }
        return new Deal(sku, c.dealPrice(), c.atEnd(), -1, false);
    }

    Countdown pause(String name) {
        settle();
        Countdown paused = countdown(name).pause(compositor.nextIndex());
        cancelEndCut(name);
        Deal deal = deals.get(name);
        if (deal != null && !deal.over()) {
            if (paused.remainingFrames() == 0 && deal.ending()) end(name, deal); // paused on or after its end frame
            else deals.put(name, deal.at(-1)); // the deal price stays on the card while paused
            cards();
        }
        return paused;
    }

    Countdown reset(String name) {
        settle();
        Countdown reset = countdown(name).reset();
        cancelEndCut(name);
        // the deal ends: the regular price again (a sale that sold out stays sold out: the catalogue has it)
        if (deals.remove(name) != null) cards();
        return reset;
    }

    Countdown state(String name) {
        settle();
        return countdown(name).state();
    }

    /** What a card pinned with {@code product} shows now and from the end frame of its countdown, if any. */
    CardFace face(Product product) {
        if (product == null) return new CardFace(null, null, Long.MAX_VALUE);
        for (Deal d : deals.values()) {
            if (!d.sku().equals(product.sku()) || d.over()) continue;
            // the deal price as the price, the regular one struck through as the compare-at (the badge from the two)
            Product now = d.price() == null ? product : product.withPrice(d.price()).withCompareAtPrice(product.price());
            if (!d.ending()) return new CardFace(now, null, Long.MAX_VALUE);
            Product after = d.atEnd() == AtEnd.SOLD_OUT ? product.withStock(0) : product;
            return new CardFace(now, after, d.endFrame());
        }
        return new CardFace(product, null, Long.MAX_VALUE);
    }

    /**
     * On the events thread, once the clock is due past {@code endFrame}: takes in the ends it has
     * drawn; true while one due by then is still to come (the clock runs late).
     */
    private boolean settleOnClock(long endFrame) {
        synchronized (program) {
            if (program.isClosed()) return false;
            settle();
            return deals.values().stream().anyMatch(d -> d.ending() && d.endFrame() <= endFrame);
        }
    }

    /** Takes in every end the clock has drawn (it is past the end frame): the deal is over, a sold-out product has stock 0. */
    private void settle() {
        boolean changed = false;
        for (Map.Entry<String, Deal> e : Map.copyOf(deals).entrySet()) {
            Deal d = e.getValue();
            if (d.ending() && compositor.nextIndex() > d.endFrame()) {
                end(e.getKey(), d);
                changed = true;
            }
        }
        if (changed) cards();
    }

    /**
     * The cards again after a pause, a reset or an end. Their plans are made of pictures already
     * drawn; should one fail all the same, the caller hears it (a pause or reset has happened).
     */
    private void cards() {
        try {
            program.showOnCards();
        } catch (AvException e) {
            throw new IllegalStateException("the product card could not be planned again: " + e.getMessage(), e);
        }
    }

    private void end(String name, Deal d) {
        deals.put(name, d.ended());
        if (d.atEnd() == AtEnd.SOLD_OUT) program.sellOut(d.sku(), d.endFrame());
        LOG.info("countdown {} ended: {} {}", name, d.sku(), d.atEnd() == AtEnd.SOLD_OUT ? "sold out" : "at its regular price");
    }

    /**
     * True once a countdown's end cut has been made by the clock's thread (told once): the program
     * then takes the compositor's scene as its own.
     */
    boolean endCutTaken() {
        if (scheduledBy == null || compositor.scheduledScene() != null) return false;
        scheduledBy = null;
        return true;
    }

    private void cancelEndCut(String name) {
        if (name.equals(scheduledBy) && compositor.cancelScheduledCut()) scheduledBy = null;
    }

    /** Each countdown of {@code sources} that is open (shown by a scene), in their order, with its state. */
    Map<String, Countdown> states(List<SourceConfig> sources) {
        settle();
        Map<String, Countdown> out = new LinkedHashMap<>();
        for (SourceConfig s : sources) {
            OpenedSource o = program.openedSource(s.name());
            if (o != null && o.video() instanceof CountdownSource c) out.put(s.name(), c.state());
        }
        return out;
    }

    private CountdownSource countdown(String name) {
        OpenedSource s = program.openedSource(name);
        if (s == null || !(s.video() instanceof CountdownSource c)) {
            throw new IllegalArgumentException("no countdown is called '" + name + "' in the scenes of the show");
        }
        return c;
    }
}
