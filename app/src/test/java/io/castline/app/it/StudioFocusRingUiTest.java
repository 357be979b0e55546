package io.castline.app.it;

import io.castline.app.Studio;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.TestWorkdir;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.castline.app.it.StudioUi.await;
import static io.castline.app.it.StudioUi.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyboard focus is visible on the dark theme, on every control Tab reaches, in the main window,
 * Settings, the planner and the pre-flight question: Tab goes round every focusable control, and each
 * one, while focused, has a ring around it that stands out from what is there without focus by
 * at least the 3:1 contrast WCAG asks of focus indicators, all the way round.
 */
@ExtendWith(ApplicationExtension.class)
class StudioFocusRingUiTest {
    /** WCAG 2.2 (2.4.13): a focus indicator has at least 3:1 contrast between its focused and unfocused states. */
    private static final double MIN_CONTRAST = 3.0;
    /** How far outside a control its ring is looked for (the ring is drawn 2–4 px outside). */
    private static final int RING_OFFSET = 3;
    private static Path dir;
    private Studio studio;

    @BeforeAll
    static void profile() throws Exception {
        dir = TestWorkdir.fresh("studio-focus-ui");
        StudioUi.useProfile(dir.resolve("config"), StudioUi.lightProfile("rtmp://127.0.0.1:1/live", "sk_focus_ring_9a1", "", "",
                new StudioProfile.Recording(true, dir.resolve("recordings").toString(), "mkv")));
    }

    @Start
    void start(Stage stage) {
        studio = Studio.create(stage);
        stage.show();
    }

    @AfterEach
    void closeStudio() throws Exception {
        studio.viewModel().shutdown().get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyControlTabReachesShowsARingThatStandsOut(FxRobot robot) {
        // the picture moves; the ring check compares still pixels (the eye in its corner stays)
        fx(() -> {
            studio.viewModel().preview().enabledProperty().set(false);
            return null;
        });
        StudioUi.sleep(500);
        List<String> problems = new ArrayList<>(checkWindow(robot, studio.scene(), "main window"));

        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        await("Settings", Duration.ofSeconds(5), () -> robot.lookup("#settings-dialog").tryQuery().isPresent(), () -> "");
        Scene settings = fx(() -> robot.lookup("#settings-dialog").query().getScene());
        TabPane tabs = fx(() -> (TabPane) settings.getRoot().lookup(".tab-pane"));
        for (Tab tab : fx(() -> List.copyOf(tabs.getTabs()))) {
            fx(() -> {
                tabs.getSelectionModel().select(tab);
                return null;
            });
            StudioUi.sleep(200);
            problems.addAll(checkWindow(robot, settings, "Settings, " + tab.getText()));
        }
        robot.type(KeyCode.ESCAPE);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.P).release(KeyCode.SHIFT, KeyCode.CONTROL);
        await("the planner", Duration.ofSeconds(5), () -> robot.lookup("#planner-dialog").tryQuery().isPresent(), () -> "");
        problems.addAll(checkWindow(robot, fx(() -> robot.lookup("#planner-dialog").query().getScene()), "planner"));
        robot.type(KeyCode.ESCAPE);
        await("the planner closed", Duration.ofSeconds(5), () -> robot.lookup("#planner-dialog").tryQuery()
                .map(n -> !n.getScene().getWindow().isShowing()).orElse(true), () -> "");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT, KeyCode.CONTROL);
        await("the pre-flight question", Duration.ofSeconds(5), () -> robot.lookup("#preflight-warning").tryQuery().isPresent(),
                () -> "");
        problems.addAll(checkWindow(robot, fx(() -> robot.lookup("#preflight-warning").query().getScene()), "pre-flight"));
        robot.type(KeyCode.ESCAPE);

        assertThat(problems).isEmpty();
    }

    /**
     * Tabs once round {@code scene}, a snapshot at each step; then compares, for every control,
     * the pixels just outside it while it had the focus with the next step's (focus elsewhere).
     */
    private List<String> checkWindow(FxRobot robot, Scene scene, String where) {
        Set<Node> expected = fx(() -> {
            Set<Node> out = new LinkedHashSet<>();
            focusable(scene.getRoot(), out);
            return out;
        });
        List<Node> visited = new ArrayList<>();
        List<WritableImage> shots = new ArrayList<>();
        List<Boolean> visible = new ArrayList<>();
        List<Bounds> where0 = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            robot.type(KeyCode.TAB);
            StudioUi.sleep(60);
            Node owner = fx(scene::getFocusOwner);
            if (!visited.isEmpty() && owner == visited.get(0)) {
                shots.add(fx(() -> scene.snapshot(null))); // the last control's "after"
                break;
            }
            visited.add(owner);
            visible.add(fx(owner::isFocusVisible));
            // where the ring should be now (a scroll pane scrolls the focused control into view)
            where0.add(fx(() -> ringBounds(owner)));
            shots.add(fx(() -> scene.snapshot(null)));
        }
        List<String> problems = new ArrayList<>();
        for (Node n : expected) {
            if (!visited.contains(n)) problems.add(where + ": Tab never reaches " + describe(n));
        }
        for (int i = 0; i < visited.size() && i + 1 < shots.size(); i++) {
            Node n = visited.get(i);
            if (!visible.get(i)) {
                problems.add(where + ": " + describe(n) + " was reached by Tab but does not show focus as visible");
                continue;
            }
            Bounds b = where0.get(i);
            double share = ringShare(shots.get(i), shots.get(i + 1), b, n instanceof TabPane ? -1 : RING_OFFSET);
            System.out.printf(Locale.ROOT, "%s: %-40s ring %.0f%% of its edge at >= %.0f:1%n", where, describe(n), share * 100,
                    MIN_CONTRAST);
            if (share < 0.9) {
                String name = "focus-failed-" + where.replaceAll("[^A-Za-z]+", "-") + "-" + i;
                saveImage(shots.get(i), name + "-a");
                saveImage(shots.get(i + 1), name + "-b");
                System.out.println("  bounds " + b);
                problems.add(String.format(Locale.ROOT, "%s: %s has a ring on only %.0f%% of its edge", where, describe(n),
                        share * 100));
            }
        }
        if (!visited.isEmpty()) Snapshots.save(scene, "focus-" + where.replaceAll("[^A-Za-z]+", "-").toLowerCase(Locale.ROOT));
        return problems;
    }

    /**
     * Where a control's ring is, in the scene: around the control; for a tab pane around its
     * selected tab's header, inside it (the header row clips) and above that tab's 2 px underline.
     * FX thread.
     */
    private static Bounds ringBounds(Node n) {
        if (!(n instanceof TabPane t)) return n.localToScene(n.getLayoutBounds());
        Node tab = selectedTab(t);
        Bounds b = tab.localToScene(tab.getLayoutBounds());
        return new javafx.geometry.BoundingBox(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight() - 2);
    }

    private static Node selectedTab(TabPane t) {
        for (Node tab : t.lookupAll(".tab")) {
            if (tab.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("selected"))) return tab;
        }
        throw new AssertionError("no selected tab header");
    }

    /**
     * Share of the points {@code offset} px outside the bounds (inside when negative) whose
     * contrast focused vs not is at least 3:1, corners left out.
     */
    static double ringShare(WritableImage focused, WritableImage unfocused, Bounds b, int offset) {
        PixelReader f = focused.getPixelReader();
        PixelReader u = unfocused.getPixelReader();
        int x0 = (int) Math.floor(b.getMinX()) - offset;
        int y0 = (int) Math.floor(b.getMinY()) - offset;
        int x1 = (int) Math.ceil(b.getMaxX()) + offset - 1;
        int y1 = (int) Math.ceil(b.getMaxY()) + offset - 1;
        int corner = 8; // the ring's corners are rounded
        int points = 0;
        int strong = 0;
        int w = (int) focused.getWidth();
        int h = (int) focused.getHeight();
        for (int x = x0 + corner; x <= x1 - corner; x++) {
            for (int y : new int[]{y0, y1}) {
                if (x < 0 || y < 0 || x >= w || y >= h) continue;
                points++;
                if (contrast(f.getArgb(x, y), u.getArgb(x, y)) >= MIN_CONTRAST) strong++;
            }
        }
        for (int y = y0 + corner; y <= y1 - corner; y++) {
            for (int x : new int[]{x0, x1}) {
                if (x < 0 || y < 0 || x >= w || y >= h) continue;
                points++;
                if (contrast(f.getArgb(x, y), u.getArgb(x, y)) >= MIN_CONTRAST) strong++;
            }
        }
        return points == 0 ? 0 : strong / (double) points;
    }

    /** A snapshot kept for people to look at when a ring is missing (beside {@link Snapshots}' files). */
    private static void saveImage(WritableImage image, String name) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Path file = Path.of(System.getProperty("castline.test.workdir", "target/it")).resolveSibling("screenshots")
                .resolve(name + ".png");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(out, "png", file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static double contrast(int a, int b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG relative luminance of an sRGB colour. */
    static double luminance(int argb) {
        return 0.2126 * linear((argb >> 16) & 0xff) + 0.7152 * linear((argb >> 8) & 0xff) + 0.0722 * linear(argb & 0xff);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /**
     * Every control a user could Tab to: focus-traversable, shown, enabled; of a group of radio
     * buttons the selected one (the arrow keys move within the group, as everywhere). FX thread.
     */
    private static void focusable(Node n, Set<Node> out) {
        if (!n.isVisible()) return;
        boolean otherRadio = n instanceof javafx.scene.control.RadioButton r && r.getToggleGroup() != null
                && r.getToggleGroup().getSelectedToggle() != null && !r.isSelected();
        if (n instanceof Control c && c.isFocusTraversable() && !c.isDisabled() && !otherRadio) out.add(c);
        // a control's own skin parts (a combo box's editor, a slider's thumb) are not stops of their own
        if (n instanceof Control && !(n instanceof javafx.scene.control.ScrollPane) && !(n instanceof TabPane)) return;
        if (n instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) focusable(child, out);
    }

    private static String describe(Node n) {
        String text = n instanceof javafx.scene.control.Labeled l && l.getText() != null ? " '" + l.getText() + "'" : "";
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + text;
    }
}
