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
        assertThat(text).contains("median first picture").contains("fx_render").contains("640x360 @ 30 fps")
                .contains("(local test, preview off), resident memory").contains("MB per minute").contains("Java heap");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("studio 1 of 1").contains("s live");
    }
}
