package io.castline.app.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code castline studio-bench} end to end, small: one real studio process (headless Monocle, as
 * the UI tests), its start-up steps in order, then a preview-on and a preview-off phase, then a few
 * seconds live (a local test) with the memory sampled. Checks
 * that the figures are the studio's (the switch really stops the preview's work), not their size:
 * the sizes are for people, printed by the bench.
 */
class StudioBenchTest {
    @Test
    void measuresAStartThePreviewOnAndOffAndMemoryOnAir() throws Exception {
        StudioBench bench = new StudioBench();
        new CommandLine(bench).parseArgs("--headless", "--canvas", "640x360", "--fps", "30", "--runs", "1",
                "--phases", "2", "--seconds", "2", "--warmup", "1", "--live", "6");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        StudioBench.Report r = bench.run(new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(r.pipeline()).isEqualTo("sw");
        assertThat(r.starts()).singleElement().satisfies(s -> {
            assertThat(s.jvmStarted()).isGreaterThanOrEqualTo(0);
            assertThat(s.fxStarted()).isGreaterThan(s.jvmStarted());
            assertThat(s.windowShown()).isGreaterThanOrEqualTo(s.fxStarted());
            assertThat(s.firstPicture()).isGreaterThan(s.windowShown());
        });
        assertThat(r.medianFirstPictureSeconds()).isEqualTo(r.starts().get(0).firstPicture());

        String[] size = r.previewSize().split("x");
        assertThat(Double.parseDouble(size[0]) / Double.parseDouble(size[1])).isCloseTo(16 / 9.0, within(0.02));
        assertThat(r.phases()).extracting(StudioBench.Phase::previewOn).containsExactly(true, false);
        StudioBench.Phase on = r.phases().get(0);
        StudioBench.Phase off = r.phases().get(1);
        assertThat(on.drawnFps()).isGreaterThan(0);
        assertThat(on.scaledFps()).isGreaterThan(0);
        assertThat(on.scaleMsPerFrame()).isGreaterThan(0);
        assertThat(on.processCpuPct()).isGreaterThan(0);
        assertThat(on.threadCpuPct()).containsKeys(StudioProbe.GROUPS);
        // off: the engine scales nothing and the window draws nothing
        assertThat(off.drawnFps()).isZero();
        assertThat(off.scaledFps()).isZero();
        assertThat(r.preview().costPct()).isEqualTo(on.processCpuPct() - off.processCpuPct());
        assertThat(r.rssBytes()).isGreaterThan(0);

        // on air: the studio went live (the probe fails the run otherwise) and was sampled each second
        LiveMemory.Result live = r.live();
        assertThat(live).isNotNull();
        assertThat(live.previewOn()).isFalse();
        assertThat(live.seconds()).isBetween(5.0, 10.0);
        assertThat(live.offAirRssMb()).isPositive();
        assertThat(live.firstMb()).isPositive();
        assertThat(live.maxMb()).isGreaterThanOrEqualTo(live.medianMb()).isGreaterThanOrEqualTo(live.firstMb());
        assertThat(live.maxMb()).isGreaterThanOrEqualTo(live.lastMb());
        // the encoder, its queues and the outputs are there on air: more than the studio held off air
        assertThat(live.maxMb()).isGreaterThan(live.offAirRssMb());
        assertThat(live.slopeMbPerMinute()).isFinite();
        LiveMemory.Breakdown end = live.atEnd();
        assertThat(end.heapCommittedMb()).isGreaterThan(end.heapUsedMb()).isPositive();
        assertThat(end.anonMb() + end.fileMb()).isLessThanOrEqualTo(end.rssMb() + 1);
        assertThat(end.threads()).isGreaterThan(10);
        assertThat(end.nmtMb()).as("no Native Memory Tracking asked for").isNull();

        String text = StudioBench.text(r);
        assertThat(text).contains("median first picture").contains("fx_render").contains("640x360 @ 30 fps, test pattern + tone")
                .contains("(local test, preview off), resident memory").contains("MB per minute").contains("Java heap");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("studio 1 of 1").contains("s live");
    }

    @Test
    void playsAShowFileAtItsOwnCanvas() throws Exception {
        java.nio.file.Path dir = io.castline.testing.TestWorkdir.fresh("studio-bench-show");
        java.nio.file.Path file = dir.resolve("two-layers.json");
        java.nio.file.Files.writeString(file, """
                {"version": 2, "canvas": {"width": 480, "height": 270, "fps": 25},
                 "encoder": {"preset": "ultrafast", "bitrate": "400k"},
                 "sources": [{"name": "Cam", "kind": "camera", "input_format": "lavfi", "device": "testsrc2=size=320x180:rate=25"},
                             {"name": "Card", "kind": "color", "color": "#20202080"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Cam", "fit": "cover"},
                             {"source": "Card", "x": 0, "y": 200, "width": 480, "height": 70}]}],
                 "program": "Main"}
                """);
        StudioBench bench = new StudioBench();
        new CommandLine(bench).parseArgs("--headless", "--show", file.toString(), "--record", "--runs", "1", "--phases", "0",
                "--live", "4");
        StudioBench.Report r = bench.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(r.canvas()).as("the show's canvas, not --canvas's default").isEqualTo("480x270");
        assertThat(r.fps()).isEqualTo(25);
        assertThat(r.program()).isEqualTo("show two-layers.json + recording");
        assertThat(r.live()).as("it went live with the show").isNotNull();
        assertThat(r.live().maxMb()).isGreaterThan(r.live().offAirRssMb());
    }
}
