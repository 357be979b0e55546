package io.castline.it;

import io.castline.engine.Program;
import io.castline.engine.settings.Canvas;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowEdits;
import io.castline.engine.show.ShowFile;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.video.PreviewScaler;
import io.castline.testing.BundledTools;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Edits applied to a running program: the picture changes at the next frames, a changed source is
 * opened anew and the old one closed, sound sources come and go in the mixer, the clock never stops.
 */
class ProgramEditTest {

    @Test
    void editsReachThePictureAndTheSourcesWhileTheProgramRuns() throws Exception {
        Path dir = TestWorkdir.fresh("program-edit");
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "sources": [{"name": "Back", "kind": "color", "color": "#E02020"},
                             {"name": "Cam", "kind": "camera", "input_format": "lavfi",
                              "device": "color=c=yellow:size=160x120:rate=30"},
                             {"name": "Tone", "kind": "tone"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"}]},
                            {"name": "Other", "layers": [{"source": "Back"}]}],
                 "program": "Main", "recording": {"path": "x.mkv"}}
                """);
        Show show = ShowFile.read(file);
        try (Program program = Program.start(show, dir); PreviewScaler preview = new PreviewScaler(32, 18)) {
            program.compositor().setPreview(preview);
            awaitColour(preview, 16, 9, 0xE02020, "the red backdrop");
            assertThat(threads("castline-source-Cam")).as("a source no scene shows is not opened").isZero();
            assertThat(program.channels()).containsOnlyKeys("Tone");

            // a layer over a camera that no scene showed before: opened, drawn
            Show withCamera = ShowEdits.addLayer(show, "Main", Layer.of("Cam", 160, 0, 160, 180, Fit.STRETCH));
            program.apply(withCamera);
            awaitColour(preview, 24, 9, 0xFFFF00, "the camera's layer");
            awaitColour(preview, 8, 9, 0xE02020, "the backdrop beside it");
            assertThat(threads("castline-source-Cam")).isEqualTo(1);

            // the backdrop's colour changed: the new picture at the next frames
            Show blue = ShowEdits.editSource(withCamera, "Back", c -> c.with("color", "#2020E0"));
            program.apply(blue);
            awaitColour(preview, 8, 9, 0x2020E0, "the edited backdrop");

            // the camera's layer removed, the tone removed, a second tone added: sources and strips follow
            Show fewer = ShowEdits.removeLayer(blue, "Main", 1);
            fewer = ShowEdits.removeSource(fewer, "Tone");
            fewer = ShowEdits.addSource(fewer, SourceConfig.of("Beep", "tone", "frequency", 880));
            long composed = program.compositor().composed();
            program.apply(fewer);
            awaitColour(preview, 24, 9, 0x2020E0, "the backdrop where the camera was");
            LiveFixture.await("the camera closed", Duration.ofSeconds(5), () -> threads("castline-source-Cam") == 0);
            assertThat(program.channels()).containsOnlyKeys("Beep");
            LiveFixture.await("the new tone in the mix", Duration.ofSeconds(5),
                    () -> program.channels().get("Beep").levels().peak() > 0.01);
            assertThat(program.compositor().composed()).as("the clock went on").isGreaterThan(composed);
            assertThat(program.compositor().skipped()).isZero();
            assertThat(program.failure()).isNull();

            // the scene on air removed: the program goes to the show's program
            Show noMain = ShowEdits.removeScene(fewer, "Main");
            program.apply(noMain);
            assertThat(program.programScene()).isEqualTo("Other");
            awaitColour(preview, 16, 9, 0x2020E0, "the other scene (the same backdrop)");

            assertThatThrownBy(() -> program.apply(noMain.withCanvas(new Canvas(640, 360, 30))))
                    .hasMessageContaining("needs a new program");
        }
    }

    @Test
    void aClipPlayedOnceKeepsItsLastPictureAndTheLoopingOneGoesOn() throws Exception {
        Path dir = TestWorkdir.fresh("program-media-once");
        Path clip = dir.resolve("red.mp4");
        BundledTools.Result made = BundledTools.runFfmpeg(List.of("-hide_banner", "-y", "-f", "lavfi", "-i",
                "color=c=0xE02020:size=160x120:rate=30", "-t", "1", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", clip.toString()), dir.resolve("make.log"), Duration.ofSeconds(60));
        assertThat(made.succeeded()).as(made.log()).isTrue();
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "sources": [{"name": "Once", "kind": "media", "path": "red.mp4", "loop": false},
                             {"name": "Loop", "kind": "media", "path": "red.mp4"}],
                 "scenes": [{"name": "Main", "layers": [
                    {"source": "Once", "x": 0, "y": 0, "width": 160, "height": 180, "fit": "stretch"},
                    {"source": "Loop", "x": 160, "y": 0, "width": 160, "height": 180, "fit": "stretch"}]}],
                 "program": "Main", "recording": {"path": "x.mkv"}}
                """);
        try (Program program = Program.start(ShowFile.read(file), dir); PreviewScaler preview = new PreviewScaler(32, 18)) {
            program.compositor().setPreview(preview);
            awaitColour(preview, 8, 9, 0xE02020, "the clip played once");
            awaitColour(preview, 24, 9, 0xE02020, "the looping clip");
            // well past the 1 s clip's end and the 2 s a live source may be silent: never a fault, never reopened
            long until = System.nanoTime() + 3_500_000_000L;
            while (System.nanoTime() < until) {
                assertThat(program.sourceProblems()).as("a clip that ended is not a fault").isEmpty();
                Thread.sleep(50);
            }
            awaitColour(preview, 8, 9, 0xE02020, "its last picture, kept");
            awaitColour(preview, 24, 9, 0xE02020, "the looping clip, still playing");
        }
    }

    @Test
    void aPaletteImageFromAMediaSourceIsDrawn() throws Exception {
        // a palettized PNG decodes to PAL8, whose palette libswscale reads from the frame's second data pointer
        Path dir = TestWorkdir.fresh("program-pal8");
        Path png = dir.resolve("red.png");
        BundledTools.Result made = BundledTools.runFfmpeg(List.of("-hide_banner", "-y", "-f", "lavfi", "-i",
                "color=c=0xE02020:size=64x48", "-frames:v", "1", "-pix_fmt", "pal8", png.toString()),
                dir.resolve("make.log"), Duration.ofSeconds(60));
        assertThat(made.succeeded()).as(made.log()).isTrue();
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "sources": [{"name": "Pal", "kind": "media", "path": "red.png"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Pal", "fit": "stretch"}]}],
                 "program": "Main", "recording": {"path": "x.mkv"}}
                """);
        try (Program program = Program.start(ShowFile.read(file), dir); PreviewScaler preview = new PreviewScaler(32, 18)) {
            program.compositor().setPreview(preview);
            awaitColour(preview, 16, 9, 0xE02020, "the palette picture");
            assertThat(program.failure()).isNull();
        }
    }

    @Test
    void studioModesPreviewShowsTheNextSceneFromTheSameSourcesAndFollowsEdits() throws Exception {
        Path dir = TestWorkdir.fresh("program-preview");
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "sources": [{"name": "Back", "kind": "color", "color": "#E02020"},
                             {"name": "Cam", "kind": "camera", "input_format": "lavfi",
                              "device": "color=c=yellow:size=160x120:rate=30"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"},
                                {"source": "Cam", "x": 160, "y": 0, "width": 160, "height": 180, "fit": "stretch"}]},
                            {"name": "Next", "layers": [{"source": "Cam", "fit": "stretch"}]}],
                 "program": "Main", "recording": {"path": "x.mkv"}}
                """);
        Show show = ShowFile.read(file);
        try (Program program = Program.start(show, dir); PreviewScaler onAir = new PreviewScaler(32, 18);
             PreviewScaler next = new PreviewScaler(32, 18)) {
            program.compositor().setPreview(onAir);
            program.showPreview("Next", next);
            awaitColour(next, 8, 9, 0xFFFF00, "the next scene: the camera over the whole canvas");
            awaitColour(onAir, 8, 9, 0xE02020, "the program still on its own scene");
            awaitColour(onAir, 24, 9, 0xFFFF00, "the program's camera layer, from the same camera");
            assertThat(threads("castline-source-Cam")).as("the camera opened once for both").isEqualTo(1);
            assertThat(program.previewScene()).isEqualTo("Next");

            // an edit of the previewed scene shows there, not on air
            Show edited = ShowEdits.addLayer(show, "Next", Layer.of("Back", 0, 0, 80, 180, Fit.STRETCH));
            program.apply(edited);
            awaitColour(next, 4, 9, 0xE02020, "the edit in the preview");
            awaitColour(next, 24, 9, 0xFFFF00, "the rest of the preview");
            awaitColour(onAir, 24, 9, 0xFFFF00, "the program unchanged");
            awaitColour(onAir, 4, 9, 0xE02020, "the program unchanged");

            // the transition of studio mode: the previewed scene goes on air, the preview shows the old one
            program.cut("Next");
            program.showPreview("Main", next);
            awaitColour(onAir, 24, 9, 0xFFFF00, "Next on air");
            awaitColour(onAir, 4, 9, 0xE02020, "with its new layer");
            awaitColour(next, 24, 9, 0xFFFF00, "Main in the preview: its camera layer");
            awaitColour(next, 8, 9, 0xE02020, "Main in the preview: its backdrop");

            program.stopPreview();
            int frames = next.frames();
            Thread.sleep(300);
            assertThat(next.frames()).as("the preview stopped").isEqualTo(frames);
            assertThat(program.previewScene()).isNull();
        }
    }

    private static long threads(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }

    private static void awaitColour(PreviewScaler preview, int x, int y, int rgb, String what) throws InterruptedException {
        LiveFixture.await(what + String.format(" (#%06X at %d,%d)", rgb, x, y), Duration.ofSeconds(5), () -> {
            ByteBuffer b = preview.snapshot();
            if (b == null) return false;
            int i = b.position() + (y * preview.width() + x) * 4; // BGRA
            int bl = b.get(i) & 0xff;
            int g = b.get(i + 1) & 0xff;
            int r = b.get(i + 2) & 0xff;
            return Math.abs(r - (rgb >> 16 & 0xff)) < 20 && Math.abs(g - (rgb >> 8 & 0xff)) < 20 && Math.abs(bl - (rgb & 0xff)) < 20;
        });
    }
}
