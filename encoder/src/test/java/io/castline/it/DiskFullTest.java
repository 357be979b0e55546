package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.output.RecordingStatus;
import io.castline.engine.settings.EncoderSettings;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.SmallDisk;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording on a real small disk (tmpfs) that fills up mid-run, beside a live primary: the file
 * keeps what it had, the recording goes on in a numbered file once there is room, and the primary
 * never notices.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class DiskFullTest {
    private static final String KEY = "disk_full_key_0042";
    private static final Pattern KEPT = Pattern.compile("kept show\\.mkv \\((\\d+) frames, ([\\d.]+) s");

    @Test
    void aFullDiskKeepsTheFileAndTheRecordingGoesOnInANewOne() throws Exception {
        String unavailable = SmallDisk.unavailableReason();
        // CI runs as root: there the disk must be made and filled, never skipped
        if (System.getenv("CI") != null) assertThat(unavailable).as("CI must be able to mount a tmpfs").isNull();
        Assumptions.assumeTrue(unavailable == null, () -> "disk-full test skipped: " + unavailable);

        Path dir = TestWorkdir.fresh("disk-full");
        EncoderSettings s = LiveFixture.small(1000);
        LiveFixture.Transitions transitions = new LiveFixture.Transitions();
        try (NginxRtmp primary = NginxRtmp.start(dir.resolve("primary"));
             SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 24)) {
            Path show = disk.dir().resolve("show.mkv");
            Path second = disk.dir().resolve("show-2.mkv");
            Broadcast b = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", primary.url(NginxRtmp.LIVE, KEY))),
                    OutputTarget.recording("recording", show)), transitions::record);
            Ffprobe.Probe onDiskWhenFull;
            long sizeWhenFull;
            double filledAt;
            double freedAt;
            String fullReason;
            try {
                LiveFixture.await("both live", Duration.ofSeconds(10), () ->
                        b.output("primary").state() == OutputState.LIVE && b.output("recording").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(8);

                // everything on the disk now must survive the full disk
                onDiskWhenFull = Ffprobe.probe(show);
                sizeWhenFull = Files.size(show);
                disk.fill();
                filledAt = b.clock().secondsSinceStart();
                LiveFixture.await("recording reconnecting", Duration.ofSeconds(10),
                        () -> b.output("recording").state() == OutputState.RECONNECTING);
                fullReason = b.output("recording").status().reason();
                LiveFixture.sleepSeconds(4);
                assertThat(b.output("recording").state()).as("no room yet").isEqualTo(OutputState.RECONNECTING);
                assertThat(disk.files()).as("no file started while there is no room").containsExactly(show);
                assertThat(b.output("recording").status().reason()).startsWith("disk full: ").contains("kept show.mkv (");
                // the same as records, for the studio's card: no file open, show.mkv kept, show-2.mkv next
                RecordingStatus waiting = b.output("recording").status().recording();
                assertThat(waiting.current()).isNull();
                assertThat(waiting.diskFull()).isTrue();
                assertThat(waiting.next()).isEqualTo(second);
                assertThat(waiting.finished()).extracting(RecordingStatus.RecordedFile::file).containsExactly(show);
                assertThat(waiting.problem()).doesNotContain("kept").doesNotStartWith("disk full");

                disk.free();
                freedAt = b.clock().secondsSinceStart();
                LiveFixture.await("recording live again", Duration.ofSeconds(8),
                        () -> b.output("recording").state() == OutputState.LIVE);
                RecordingStatus again = b.output("recording").status().recording();
                assertThat(again.current()).isEqualTo(second);
                assertThat(again.problem()).isNull();
                assertThat(again.files()).containsExactly(show, second);
                LiveFixture.sleepSeconds(8);
                assertThat(b.output("primary").state()).isEqualTo(OutputState.LIVE);
                assertThat(b.output("primary").status().reconnects()).isZero();
                assertThat(b.output("primary").status().droppedFrames()).isZero();
            } finally {
                b.stop();
            }
            primary.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            // the disk goes with its mount: keep copies to look at after the test
            for (Path f : disk.files()) Files.copy(f, dir.resolve(f.getFileName()));

            // the first file: nothing it held was lost, and it grew on until the disk was full
            Ffprobe.Probe first = Ffprobe.probe(show);
            Ffprobe.Decoded firstDecoded = Ffprobe.decode(show);
            assertThat(Files.size(show)).isGreaterThanOrEqualTo(sizeWhenFull);
            assertThat(first.firstVideoPacketIsKey()).isTrue();
            assertThat(first.videoFrameCount()).isGreaterThanOrEqualTo(onDiskWhenFull.videoFrameCount());
            assertThat(firstDecoded.videoTimes()).hasSizeGreaterThanOrEqualTo(onDiskWhenFull.videoFrameCount());
            // every frame the stream had up to the cut is in it (the primary has the same packets); a cut
            // can only take the B-frames shown before the last frame (they come after it in the file)
            List<Path> published = primary.recordings(KEY);
            assertThat(published).hasSize(1);
            Ffprobe.Probe live = Ffprobe.probe(published.get(0));
            // both start on the first keyframe; FLV moves every timestamp by a frame or two when the
            // first decode time would be negative (Matroska keeps them): take that shift out
            double flvShift = firstPts(live) - firstPts(first);
            assertThat(flvShift).isBetween(-0.001, (s.bframes() + 0.1) / s.fps());
            assertThat(missing(first, live, flvShift, firstPts(first), lastPts(first) - (s.bframes() + 1.0) / s.fps()))
                    .as("frames of the stream missing from show.mkv").isEmpty();
            // and what the engine told the host it kept is really there
            Matcher kept = KEPT.matcher(fullReason);
            assertThat(kept.find()).as("reason names what was kept: %s", fullReason).isTrue();
            int claimed = Integer.parseInt(kept.group(1));
            assertThat(claimed).isPositive().isLessThanOrEqualTo(first.videoFrameCount());

            // the second file continues: a new file, starting on a keyframe, after the first one ends
            Ffprobe.Probe next = Ffprobe.probe(second);
            assertThat(next.firstVideoPacketIsKey()).isTrue();
            assertThat(next.video().width()).isEqualTo(s.width());
            assertThat(next.audio().codecName()).isEqualTo("aac");
            assertThat(firstPts(next)).isGreaterThan(lastPts(first));
            assertThat(span(next)).isGreaterThan(6);
            assertThat(missing(next, live, flvShift, firstPts(next), lastPts(next))).as("frames missing from show-2.mkv").isEmpty();

            RecordingStatus end = b.output("recording").status().recording();
            assertThat(end.current()).isNull();
            assertThat(end.finished()).extracting(RecordingStatus.RecordedFile::file).containsExactly(show, second);
            assertThat(end.finished().get(0).videoFrames()).isEqualTo(claimed);
            // the host was told: the reasons name the files, the STOPPED one lists both
            String stopped = transitions.events.stream().filter(e -> e.startsWith("recording:STOPPED:")).findFirst().orElseThrow();
            assertThat(transitions.events).anyMatch(e -> e.startsWith("recording:LIVE:recording to " + second
                    + " (after a write error; kept show.mkv ("));
            assertThat(stopped).startsWith("recording:STOPPED:stopped; recorded " + show + " (").contains(", " + second + " (");

            // the primary got the whole run: every frame encoded, in one publish
            assertThat((long) live.videoFrameCount()).as("frames at the primary").isEqualTo(b.encodedFrames());
            assertThat(lastPts(live) - flvShift).isGreaterThanOrEqualTo(lastPts(next) - 0.001);

            System.out.printf(Locale.ROOT, "FIGURES disk full: on disk when it filled %d frames (%d bytes); show.mkv kept %d "
                            + "frames (%.2f s of media, %d decodable, %d bytes; engine said %d); disk filled at %.2f s, "
                            + "last kept frame %.2f s; space back at %.2f s, show-2.mkv from %.2f s: %d frames (%.2f s); "
                            + "primary %d frames of %d encoded (%.2f s); reason while full: %s%n",
                    onDiskWhenFull.videoFrameCount(), sizeWhenFull, first.videoFrameCount(), span(first),
                    firstDecoded.videoTimes().size(), Files.size(show), claimed, filledAt, lastPts(first), freedAt,
                    firstPts(next), next.videoFrameCount(), span(next), live.videoFrameCount(), b.encodedFrames(), span(live), fullReason);
            System.out.println("FIGURES disk full, stopped: " + stopped);
        }
    }

    /**
     * The frames (file pts, ms) of {@code reference} between {@code from} and {@code to} that
     * {@code file} lacks; the reference's timestamps are {@code shift} s later than the file's.
     */
    private static List<Long> missing(Ffprobe.Probe file, Ffprobe.Probe reference, double shift, double from, double to) {
        Set<Long> have = file.videoPackets().stream().map(x -> Math.round(x.ptsTime() * 1000)).collect(Collectors.toSet());
        return reference.videoPackets().stream().map(x -> x.ptsTime() - shift)
                .filter(t -> t >= from - 1e-4 && t <= to + 1e-4)
                .map(t -> Math.round(t * 1000)).filter(t -> !have.contains(t) && !have.contains(t - 1) && !have.contains(t + 1))
                .sorted().toList();
    }

    private static double firstPts(Ffprobe.Probe p) {
        return p.videoPackets().stream().mapToDouble(Ffprobe.Packet::ptsTime).min().orElseThrow();
    }

    private static double lastPts(Ffprobe.Probe p) {
        return p.videoPackets().stream().mapToDouble(Ffprobe.Packet::ptsTime).max().orElseThrow();
    }

    private static double span(Ffprobe.Probe p) {
        return lastPts(p) - firstPts(p);
    }
}
