package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.Program;
import io.castline.engine.ffmpeg.BundledTools;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording of a real program with pins: each pin is a chapter named after the product, in the
 * file itself (Matroska) and in its sidecar applied by FFmpeg, starting on the recording's first
 * frame that shows that product's card (decoded from the file, within one frame).
 */
class RecordingChaptersTest {
    private static final int FPS = 30;
    /** The card's layer: the lower third at half size on a 640x360 canvas. */
    private static final String CARD = "640:116:0:244";

    @Test
    void eachPinIsAChapterThatStartsOnTheFrameItsCardIsShown() throws Exception {
        Path dir = TestWorkdir.fresh("recording-chapters");
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": %d},
                 "encoder": {"preset": "veryfast", "bitrate": "800k", "gop": 1},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Card", "kind": "product_card", "template": "lower_third", "qr": false, "locale": "en-US",
                              "animation": "none"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"},
                    {"source": "Card", "x": 0, "y": 244, "width": 640, "height": 116}]}],
                 "program": "Main", "recording": {"path": "rec.mkv"},
                 "products": [
                    {"sku": "TEE", "title": "Classic Tee", "variant": "Black / M", "price": "25.00", "currency": "USD"},
                    {"sku": "MUG", "title": "Ceramic Mug", "price": "14.50", "compare_at_price": "20.00", "currency": "USD"}]}
                """.formatted(FPS));
        Show show = ShowFile.read(file);
        Path rec = dir.resolve("rec.mkv");
        try (Program program = Program.start(show, dir)) {
            Broadcast b = Broadcast.start(Broadcast.Config.ofShow(show, dir, List.of(OutputTarget.recording("recording", rec)),
                    Output.Config.standard()), null, program);
            try {
                LiveFixture.await("recording", Duration.ofSeconds(10), () -> b.output("recording").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(1);
                program.pin("TEE");
                LiveFixture.sleepSeconds(1.5);
                program.pinNext();
                LiveFixture.sleepSeconds(1.5);
                program.unpin();
                LiveFixture.sleepSeconds(1);
                // written at each pin, whole: the sidecar has both chapters while recording (a crash keeps them)
                assertThat(Files.readString(dir.resolve("rec.mkv.chapters.txt"))).contains(
                        "title=Classic Tee — Black / M", "title=Ceramic Mug");
            } finally {
                b.stop();
            }
        }
        List<Ffprobe.Chapter> inFile = Ffprobe.chapters(rec);
        System.out.println("FIGURES chapters in the recording: " + inFile);
        assertThat(inFile).extracting(Ffprobe.Chapter::title).containsExactly("Classic Tee — Black / M", "Ceramic Mug");
        List<Ffprobe.Luma> frames = Ffprobe.regionLuma(rec, CARD);
        checkAgainstPictures(inFile, frames);

        // the sidecar, applied by FFmpeg as the docs say, gives the same chapters on the same timeline
        Path copy = dir.resolve("applied.mkv");
        Process p = BundledTools.command(BundledTools.ffmpeg(), List.of("-v", "error", "-copyts", "-i", rec.toString(),
                "-i", dir.resolve("rec.mkv.chapters.txt").toString(), "-map", "0", "-map_metadata", "1", "-map_chapters", "1",
                "-c", "copy", copy.toString())).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        List<Ffprobe.Chapter> applied = Ffprobe.chapters(copy);
        assertThat(applied).extracting(Ffprobe.Chapter::title).containsExactly("Classic Tee — Black / M", "Ceramic Mug");
        checkAgainstPictures(applied, Ffprobe.regionLuma(copy, CARD));
    }

    /**
     * Each chapter starts on the first frame whose card region is the chapter's card (nearer its
     * luma half a second in than half a second before), within one frame; the last ends at the unpin
     * the same way; each ends where the next starts.
     */
    private static void checkAgainstPictures(List<Ffprobe.Chapter> chapters, List<Ffprobe.Luma> frames) {
        double frame = 1.0 / FPS;
        for (int i = 0; i < chapters.size(); i++) {
            Ffprobe.Chapter c = chapters.get(i);
            assertThat(changeNear(frames, c.start())).as("chapter %s starts at %.3f s", c.title(), c.start())
                    .isCloseTo(c.start(), org.assertj.core.data.Offset.offset(frame + 0.001));
            if (i + 1 < chapters.size()) assertThat(c.end()).isCloseTo(chapters.get(i + 1).start(), org.assertj.core.data.Offset.offset(0.001));
        }
        Ffprobe.Chapter last = chapters.get(chapters.size() - 1);
        assertThat(changeNear(frames, last.end())).as("the last chapter ends at the unpin, %.3f s", last.end())
                .isCloseTo(last.end(), org.assertj.core.data.Offset.offset(frame + 0.001));
    }

    /** The time of the first frame from half a second before {@code t} that looks like the picture after it. */
    private static double changeNear(List<Ffprobe.Luma> frames, double t) {
        double before = at(frames, t - 0.5);
        double after = at(frames, t + 0.5);
        assertThat(Math.abs(after - before)).as("the card changes the picture around %.3f s", t).isGreaterThan(0.5);
        for (Ffprobe.Luma f : frames) {
            if (f.time() < t - 0.5) continue;
            if (Math.abs(f.mean() - after) < Math.abs(f.mean() - before)) return f.time();
        }
        throw new AssertionError("no change after " + t);
    }

    private static double at(List<Ffprobe.Luma> frames, double t) {
        return frames.stream().filter(f -> f.time() >= t).findFirst().orElseThrow().mean();
    }
}
