package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Encode once, push to a primary and a backup nginx-rtmp and a local recording; what arrived is
 * read back with the bundled ffprobe.
 */
class DualRtmpTest {
    private static final String KEY = "sk_dual_0123456789";

    @Test
    void sameStreamArrivesAtPrimaryBackupAndRecording() throws Exception {
        Path dir = TestWorkdir.fresh("dual");
        EncoderSettings s = LiveFixture.reference720p();
        try (NginxRtmp primary = NginxRtmp.start(dir.resolve("primary"));
             NginxRtmp backup = NginxRtmp.start(dir.resolve("backup"))) {
            Path recording = dir.resolve("local.mkv");
            Broadcast b = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", primary.url(NginxRtmp.LIVE, KEY))),
                    OutputTarget.network(Destination.parse("backup", backup.url(NginxRtmp.LIVE, KEY))),
                    OutputTarget.recording("recording", recording)), null);
            try {
                LiveFixture.await("both outputs live", Duration.ofSeconds(10), () ->
                        b.output("primary").state() == OutputState.LIVE && b.output("backup").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(12);
                assertThat(b.lastSnapshot().frames().skipped()).as("skipped frames").isZero();
            } finally {
                b.stop();
            }
            primary.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            backup.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));

            Ffprobe.Probe p = Ffprobe.probe(primary.recordings(KEY).get(0));
            Ffprobe.Probe k = Ffprobe.probe(backup.recordings(KEY).get(0));
            Ffprobe.Probe r = Ffprobe.probe(recording);
            report("primary", p);
            report("backup", k);
            report("recording", r);
            for (Ffprobe.Probe probe : List.of(p, k, r)) {
                assertReferenceStream(probe, s);
            }
            assertSameStream(p, k);
            assertSameStream(p, r);
        }
    }

    static void assertReferenceStream(Ffprobe.Probe probe, EncoderSettings s) {
        assertThat(probe.video().codecName()).isEqualTo("h264");
        assertThat(probe.video().width()).isEqualTo(s.width());
        assertThat(probe.video().height()).isEqualTo(s.height());
        assertThat(probe.measuredFps()).isCloseTo(s.fps(), within(0.5));
        assertThat(probe.firstVideoPacketIsKey()).isTrue();
        List<Integer> gops = probe.keyframeIntervals();
        assertThat(gops).as("keyframe intervals").isNotEmpty()
                .allSatisfy(g -> assertThat(g).isBetween(s.gopFrames() - 1, s.gopFrames() + 1));
        assertThat(probe.videoKbps()).as("video kbps").isCloseTo(s.bitrateKbps(), within(s.bitrateKbps() * 0.15));
        assertThat(probe.audio().codecName()).isEqualTo("aac");
        assertThat(probe.audio().sampleRate()).isEqualTo(48_000);
        assertThat(probe.audio().channels()).isEqualTo(2);
        assertThat(probe.maxVideoGapSeconds()).isLessThanOrEqualTo(2.0 / s.fps() + 0.002);
        // sound from the first picture to the last: an RTMP output used to start 0.1-0.9 s silent
        // (the audio queued ahead of its keyframe was cut) and every output ended with 0.2 s of
        // sound after the last picture. The muxers start the file at the first decode time, so the
        // first picture shows up to (B-frames + 1) frames after it; an audio frame is 21 ms
        double frame = 1.0 / s.fps();
        assertThat(first(probe.audioPackets()) - first(probe.videoPackets())).as("sound starts with the picture")
                .isBetween(-(s.effectiveBframes() + 1) * frame - 0.03, frame + 0.03);
        assertThat(last(probe.audioPackets()) - last(probe.videoPackets())).as("sound ends with the picture")
                .isBetween(-frame - 0.03, 0.03);
    }

    private static double first(List<Ffprobe.Packet> packets) {
        return packets.stream().mapToDouble(Ffprobe.Packet::ptsTime).min().orElse(Double.NaN);
    }

    private static double last(List<Ffprobe.Packet> packets) {
        return packets.stream().mapToDouble(Ffprobe.Packet::ptsTime).max().orElse(Double.NaN);
    }

    /** The same encoded frames: identical packet sizes over the overlap (at least 90% of frames). */
    static void assertSameStream(Ffprobe.Probe a, Ffprobe.Probe b) {
        List<Integer> sa = a.videoPackets().stream().map(Ffprobe.Packet::size).toList();
        List<Integer> sb = b.videoPackets().stream().map(Ffprobe.Packet::size).toList();
        int window = 30;
        int offset = -1;
        for (int i = 0; i + window <= sa.size() && offset < 0; i++) {
            if (sa.subList(i, i + window).equals(sb.subList(0, window))) offset = i;
        }
        boolean aInB = offset >= 0;
        if (!aInB) {
            for (int i = 0; i + window <= sb.size() && offset < 0; i++) {
                if (sb.subList(i, i + window).equals(sa.subList(0, window))) offset = i;
            }
        }
        assertThat(offset).as("the two outputs carry the same encoded frames").isGreaterThanOrEqualTo(0);
        List<Integer> longer = aInB ? sa : sb;
        List<Integer> shorter = aInB ? sb : sa;
        int overlap = Math.min(longer.size() - offset, shorter.size());
        int equal = 0;
        for (int i = 0; i < overlap; i++) if (longer.get(offset + i).equals(shorter.get(i))) equal++;
        assertThat(equal).as("identical frames in the overlap").isEqualTo(overlap);
        assertThat(overlap).isGreaterThanOrEqualTo((int) (0.9 * Math.min(sa.size(), sb.size())));
    }

    static void report(String name, Ffprobe.Probe p) {
        System.out.printf(Locale.ROOT, "FIGURES %s: %s %s %dx%d fps=%.2f gop=%s kbps=%.0f audio=%s %dHz %dch frames=%d maxgap=%.3fs%n",
                name, p.video().codecName(), p.video().profile(), p.video().width(), p.video().height(), p.measuredFps(),
                p.keyframeIntervals().stream().distinct().toList(), p.videoKbps(), p.audio() == null ? "-" : p.audio().codecName(),
                p.audio() == null ? 0 : p.audio().sampleRate(), p.audio() == null ? 0 : p.audio().channels(),
                p.videoFrameCount(), p.maxVideoGapSeconds());
    }
}
