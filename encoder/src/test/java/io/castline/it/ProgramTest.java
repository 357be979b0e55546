package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.Program;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceSpec;
import io.castline.engine.video.PreviewScaler;
import io.castline.testing.Ffprobe;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The studio's way of going live: one program (sources, compositor, mixer, preview) runs the whole
 * time; broadcasts attach their encoders and outputs to it and detach at End Live.
 */
class ProgramTest {

    @Test
    void twoBroadcastsOnOneRunningProgramWithItsPreview() throws Exception {
        Path dir = TestWorkdir.fresh("program");
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 640;
        b.height = 360;
        b.bitrateKbps = 800;
        EncoderSettings s = b.build();
        try (Program program = Program.start(s, SourceSpec.parseVideo("testsrc", null), SourceSpec.parseAudio("sine", null));
             PreviewScaler preview = new PreviewScaler(320, 180)) {
            program.compositor().setPreview(preview);
            LiveFixture.await("preview frames off air", java.time.Duration.ofSeconds(5), () -> preview.frames() > 10);
            ByteBuffer picture = preview.snapshot();
            assertThat(picture.remaining()).isEqualTo(320 * 180 * 4);
            assertThat(opaqueAndNotBlack(picture)).as("a real BGRA picture").isTrue();
            long renderedOffAir = program.compositor().rendered();
            assertThat(renderedOffAir).as("nothing handed to an encoder off air").isZero();
            assertThat(program.compositor().skipped()).isZero();

            for (int session = 1; session <= 2; session++) {
                Path file = dir.resolve("session" + session + ".mkv");
                Broadcast live = Broadcast.start(new Broadcast.Config(s, SourceSpec.parseVideo("testsrc", null),
                        SourceSpec.parseAudio("sine", null),
                        List.of(OutputTarget.recording("recording", file)), io.castline.engine.output.Output.Config.standard()),
                        null, program);
                LiveFixture.sleepSeconds(3);
                live.stop();
                Ffprobe.Probe p = Ffprobe.probe(file);
                DualRtmpTest.report("program session " + session, p);
                assertThat(p.firstVideoPacketIsKey()).isTrue();
                assertThat(p.measuredFps()).isCloseTo(30, within(0.5));
                assertThat(p.videoFrameCount()).isBetween(80, 100);
                assertThat(p.audio().sampleRate()).isEqualTo(48_000);
                assertThat(UplinkTest.maxAudioGap(p)).isLessThan(0.1);
                assertThat(p.maxVideoGapSeconds()).isLessThan(0.07);
            }
            // the program went on between and after the broadcasts: the preview is still moving
            int before = preview.frames();
            LiveFixture.sleepSeconds(0.5);
            assertThat(preview.frames()).isGreaterThan(before);

            EncoderSettings.Builder other = s.toBuilder();
            other.width = 1280;
            other.height = 720;
            assertThatThrownBy(() -> Broadcast.start(new Broadcast.Config(other.build(), SourceSpec.parseVideo("testsrc", null),
                    SourceSpec.parseAudio("sine", null), List.of(OutputTarget.recording("recording", dir.resolve("x.mkv"))),
                    io.castline.engine.output.Output.Config.standard()), null, program))
                    .hasMessageContaining("canvas");
        }
    }

    /**
     * The studio goes live on a program that has run for a while: the broadcast's stats count from
     * its own start, not from the program's (the first second's rate used to be its frames over the
     * program's whole age, read as "Encoder overloaded: 0 frames late" at every Go Live).
     */
    @Test
    void statsOfABroadcastCountFromItsOwnStartNotTheProgramsClock() throws Exception {
        Path dir = TestWorkdir.fresh("program-stats");
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = 640;
        b.height = 360;
        b.bitrateKbps = 800;
        b.preset = "ultrafast";
        EncoderSettings s = b.build();
        try (Program program = Program.start(s, SourceSpec.parseVideo("testsrc", null), SourceSpec.parseAudio("sine", null))) {
            LiveFixture.sleepSeconds(4); // the host looks at the preview before going live
            java.util.concurrent.CompletableFuture<io.castline.engine.stats.StatsSnapshot> first =
                    new java.util.concurrent.CompletableFuture<>();
            Broadcast live = Broadcast.start(new Broadcast.Config(s, SourceSpec.parseVideo("testsrc", null),
                    SourceSpec.parseAudio("sine", null), List.of(OutputTarget.recording("recording", dir.resolve("a.mkv"))),
                    io.castline.engine.output.Output.Config.standard()), null, program);
            try {
                live.addStatsListener(first::complete);
                var snapshot = first.get(10, java.util.concurrent.TimeUnit.SECONDS);
                System.out.printf(java.util.Locale.ROOT, "first snapshot after Go Live: t=%.3f s, fps=%.2f, program clock %.1f s%n",
                        snapshot.t(), snapshot.fps(), program.clock().secondsSinceStart());
                assertThat(snapshot.t()).as("seconds since Go Live").isBetween(0.5, 2.0);
                assertThat(snapshot.fps()).as("the first second's rate, not frames over the program's age").isGreaterThan(20);
            } finally {
                live.stop();
            }
        }
    }

    private static boolean opaqueAndNotBlack(ByteBuffer bgra) {
        long sum = 0;
        for (int i = 0; i < bgra.remaining(); i += 4) {
            if ((bgra.get(i + 3) & 0xff) != 255) return false;
            sum += (bgra.get(i) & 0xff) + (bgra.get(i + 1) & 0xff) + (bgra.get(i + 2) & 0xff);
        }
        return sum > 0;
    }
}
