package io.castline.it;

import io.castline.engine.Program;
import io.castline.engine.commerce.Countdown;
import io.castline.engine.settings.Canvas;
import io.castline.engine.show.Scene;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.source.CountdownSource;
import io.castline.engine.source.OpenedSource;
import io.castline.engine.source.SourceKind;
import io.castline.engine.source.SourceKinds;
import io.castline.engine.video.Compositor;
import io.castline.engine.video.ScenePlanner;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A countdown on a running program: every frame shows the digits of its own media time (checked
 * frame by frame against the engine's drawing of each value), it pauses on the frame it is paused,
 * and at its end it hides on the frame it runs out.
 */
class CountdownProgramTest {
    private static final int W = 640, H = 360, FPS = 30;
    private static final int X = 160, Y = 100, LW = 320, LH = 160;
    private static final int SECONDS = 3;

    private Show show(Path dir) throws Exception {
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": %d, "height": %d, "fps": %d},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Deal", "kind": "countdown", "duration": %d, "label": "Deal ends in",
                              "size": 96, "background": "#000000B0", "at_end": "hide"}],
                 "scenes": [{"name": "Main", "layers": [
                    {"source": "Back"}, {"source": "Deal", "x": %d, "y": %d, "width": %d, "height": %d}]}],
                 "program": "Main", "recording": {"path": "x.mkv"}}
                """.formatted(W, H, FPS, SECONDS, X, Y, LW, LH));
        return ShowFile.read(file);
    }

    @Test
    void everyFrameShowsItsOwnTimeAndTheCountdownHidesOnTheFrameItEnds() throws Exception {
        Path dir = TestWorkdir.fresh("countdown");
        Show show = show(dir);
        Map<Long, byte[]> shows = references(show, dir);
        byte[] hidden = shows.get(-1L);
        try (Program program = Program.start(show, dir); CanvasFrames frames = new CanvasFrames(program.compositor(), X, Y, LW, LH)) {
            frames.awaitMatch(shows.get((long) SECONDS), "3:00 before the start", -1);
            Countdown started = program.startCountdown("Deal");
            long start = started.anchorFrame();
            long end = started.endFrame();
            assertThat(end - start).isEqualTo(SECONDS * FPS);
            frames.awaitIndex(end + 15);

            int checked = 0;
            for (CanvasFrames.Taken t : frames.taken()) {
                if (t.index() < start) continue;
                // the whole seconds left, rounded up: 00:03 on the first frame, 00:02 from 30 frames on, …
                long k = t.index() - start;
                long seconds = (SECONDS * FPS - k + FPS - 1) / FPS;
                byte[] expected = t.index() >= end ? hidden : shows.get(seconds);
                double d = CanvasFrames.difference(t.region(), expected);
                assertThat(d).as("frame %d (%d after the start) shows %s", t.index(), t.index() - start,
                        t.index() >= end ? "nothing (hidden at the end)" : Countdown.format(seconds, false)).isLessThan(0.05);
                checked++;
            }
            assertThat(checked).as("frames checked").isGreaterThan(SECONDS * FPS);
            // the digits are not all one picture: each second changes what is drawn
            assertThat(CanvasFrames.difference(shows.get(3L), shows.get(2L))).isGreaterThan(0.5);
            assertThat(CanvasFrames.difference(shows.get(1L), hidden)).isGreaterThan(1);

            // reset: the whole duration again, stopped
            program.resetCountdown("Deal");
            long at = program.compositor().nextIndex();
            frames.awaitMatch(shows.get((long) SECONDS), "3:00 after the reset", at);

            // paused after a second and a bit: it stays at what it showed
            Countdown running = program.startCountdown("Deal");
            frames.awaitIndex(running.anchorFrame() + FPS + 5);
            Countdown paused = program.pauseCountdown("Deal");
            assertThat(paused.running()).isFalse();
            long pausedAt = paused.anchorFrame();
            long value = paused.secondsShownAt(pausedAt, FPS);
            assertThat(value).isEqualTo(2);
            frames.awaitIndex(pausedAt + 20);
            for (CanvasFrames.Taken t : frames.taken()) {
                if (t.index() >= pausedAt) {
                    assertThat(CanvasFrames.difference(t.region(), shows.get(value))).as("frame %d while paused", t.index())
                            .isLessThan(0.05);
                }
            }
            assertThat(program.countdownState("Deal")).isEqualTo(paused);
            assertThatThrownBy(() -> program.startCountdown("Back")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no countdown is called 'Back' in the scenes of the show");
            assertThat(program.compositor().skipped()).isZero();
            assertThat(program.failure()).isNull();
        }
    }

    @Test
    void aCountdownThatEndsInASceneCutsToItOnTheFrameItRunsOut() throws Exception {
        Path dir = TestWorkdir.fresh("countdown-scene");
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": %d, "height": %d, "fps": %d},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Done", "kind": "color", "color": "#E0E0E0"},
                             {"name": "Deal", "kind": "countdown", "duration": 2, "at_end": "scene", "end_scene": "Sold out"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"},
                                {"source": "Deal", "x": %d, "y": %d, "width": %d, "height": %d}]},
                            {"name": "Sold out", "layers": [{"source": "Done"}]}],
                 "program": "Main", "recording": {"path": "x.mkv"}}
                """.formatted(W, H, FPS, X, Y, LW, LH));
        Show show = ShowFile.read(file);
        try (Program program = Program.start(show, dir); CanvasFrames frames = new CanvasFrames(program.compositor(), 0, 0, 32, 32)) {
            frames.awaitIndex(program.compositor().nextIndex() + 2);
            Countdown started = program.startCountdown("Deal");
            long end = started.endFrame();
            frames.awaitIndex(end + 10);
            byte[] main = null;
            byte[] soldOut = null;
            int checked = 0;
            for (CanvasFrames.Taken t : frames.taken()) {
                if (t.index() < started.anchorFrame()) continue;
                if (t.index() < end) {
                    if (main == null) main = t.region();
                    assertThat(CanvasFrames.difference(t.region(), main)).as("frame %d, before the end: Main", t.index()).isZero();
                } else {
                    if (soldOut == null) {
                        soldOut = t.region();
                        assertThat(t.index()).as("the first frame of the new scene is the end frame").isEqualTo(end);
                    }
                    assertThat(CanvasFrames.difference(t.region(), soldOut)).as("frame %d, after the end", t.index()).isZero();
                }
                checked++;
            }
            assertThat(checked).isGreaterThan(2 * FPS);
            assertThat(CanvasFrames.difference(main, soldOut)).as("the two scenes differ").isGreaterThan(10);
            assertThat(program.programScene()).isEqualTo("Sold out");
            assertThat(program.failure()).isNull();
        }
    }

    @Test
    void aPausedCountdownDoesNotCut() throws Exception {
        Path dir = TestWorkdir.fresh("countdown-paused");
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Deal", "kind": "countdown", "duration": 1, "at_end": "scene", "end_scene": "Other"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"}, {"source": "Deal"}]},
                            {"name": "Other", "layers": [{"source": "Back"}]}],
                 "program": "Main", "recording": {"path": "x.mkv"}}
                """);
        try (Program program = Program.start(ShowFile.read(file), dir)) {
            program.startCountdown("Deal");
            program.pauseCountdown("Deal");
            Thread.sleep(1_500);
            assertThat(program.programScene()).isEqualTo("Main");
            assertThat(program.compositor().plan().scene()).isEqualTo("Main");
        }
    }

    /** The countdown region as a compositor of its own draws each value (paused there), and with it hidden (key -1). */
    private static Map<Long, byte[]> references(Show show, Path dir) throws Exception {
        Map<Long, byte[]> out = new HashMap<>();
        SourceKind.Context context = new SourceKind.Context(new Canvas(W, H, FPS), dir);
        try (OpenedSource back = SourceKinds.open(show.source("Back").orElseThrow(), context);
             OpenedSource deal = SourceKinds.open(show.source("Deal").orElseThrow(), context);
             ScenePlanner planner = new ScenePlanner(W, H)) {
            CountdownSource c = (CountdownSource) deal.video();
            Scene scene = show.scene("Main").orElseThrow();
            for (long v = SECONDS; v >= 0; v--) {
                c.reset();
                c.start(0);
                c.pause(SECONDS * FPS - v * FPS);
                out.put(v, draw(planner.plan(scene, n -> n.equals("Back") ? back.video() : deal.video())));
            }
            out.put(-1L, draw(planner.plan(new Scene("Main", List.of(scene.layers().get(0))), n -> back.video())));
        }
        return out;
    }

    private static byte[] draw(io.castline.engine.video.RenderPlan plan) throws Exception {
        try (Compositor c = new Compositor(W, H, FPS, plan)) {
            c.startFreeRunning(1);
            Compositor.Canvas canvas = c.nextCanvas(5_000);
            assertThat(canvas).isNotNull();
            try {
                return CanvasFrames.luma(canvas.frame(), X, Y, LW, LH);
            } finally {
                c.recycle(canvas);
            }
        }
    }
}
