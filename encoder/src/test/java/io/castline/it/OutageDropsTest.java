package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.engine.Broadcast;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.stats.StatsSnapshot;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both ingests go down for a while (one nginx carries the primary's and the backup's key) and come
 * back: every video frame that did not reach an ingest is in that output's {@code dropped_frames}
 * (frames let go while it reconnected, the resync on a keyframe after it), and the recording,
 * which never stopped, dropped nothing. What arrived is read from nginx's recordings.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class OutageDropsTest {
    private static final String PRIMARY_KEY = "sk_outage_primary_404";
    private static final String BACKUP_KEY = "sk_outage_backup_404";
    private static final double OUTAGE_SECONDS = 10;

    @Test
    void framesLostWhileBothIngestsWereDownAreCountedAsDropped() throws Exception {
        Path dir = TestWorkdir.fresh("outage-drops");
        EncoderSettings s = LiveFixture.reference720p();
        Path recording = dir.resolve("recording.mkv");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("ingest"))) {
            Broadcast b = Broadcast.start(LiveFixture.config(s, "testsrc", null, "sine",
                    OutputTarget.network(Destination.parse("primary", nginx.url(NginxRtmp.LIVE, PRIMARY_KEY))),
                    OutputTarget.network(Destination.parse("backup", nginx.url(NginxRtmp.LIVE, BACKUP_KEY))),
                    OutputTarget.recording("recording", recording)), null);
            Map<String, Double> noticed = new LinkedHashMap<>();
            Map<String, Double> backAfter = new LinkedHashMap<>();
            Map<String, Long> backlogBefore = new LinkedHashMap<>();
            double outage;
            try {
                LiveFixture.await("both live", Duration.ofSeconds(15), () ->
                        b.output("primary").state() == OutputState.LIVE && b.output("backup").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(5); // established: a loss now is an outage, not a refusal
                StatsSnapshot last = b.lastSnapshot();
                for (StatsSnapshot.OutputStats o : last.outputs()) backlogBefore.put(o.name(), o.backlogMs());

                long killedAt = System.nanoTime();
                nginx.kill();
                long restartAt = killedAt + (long) (OUTAGE_SECONDS * 1e9);
                while (System.nanoTime() < restartAt) {
                    for (String name : List.of("primary", "backup")) {
                        if (!noticed.containsKey(name) && b.output(name).state() != OutputState.LIVE) {
                            noticed.put(name, (System.nanoTime() - killedAt) / 1e9);
                        }
                    }
                    Thread.sleep(5);
                }
                assertThat(noticed).as("both noticed the outage").containsOnlyKeys("primary", "backup");
                nginx.restart();
                outage = (System.nanoTime() - killedAt) / 1e9;
                long restartedAt = System.nanoTime();
                while (backAfter.size() < 2 && System.nanoTime() - restartedAt < 15e9) {
                    for (String name : List.of("primary", "backup")) {
                        if (!backAfter.containsKey(name) && b.output(name).state() == OutputState.LIVE) {
                            backAfter.put(name, (System.nanoTime() - killedAt) / 1e9);
                        }
                    }
                    Thread.sleep(5);
                }
                assertThat(backAfter).as("both back").containsOnlyKeys("primary", "backup");
                LiveFixture.sleepSeconds(4);
            } finally {
                b.stop();
            }
            long encoded = b.encodedFrames();
            for (String name : List.of("primary", "backup")) {
                String key = name.equals("primary") ? PRIMARY_KEY : BACKUP_KEY;
                // the publish the kill cut off is never logged as finished; the one after the restart is
                nginx.awaitPublishesFinished(NginxRtmp.LIVE, key, 1, Duration.ofSeconds(10));
                List<Path> files = nginx.recordings(key);
                assertThat(files).as("one recording before the outage, one after").hasSize(2);
                long arrived = 0;
                for (Path f : files) arrived += Ffprobe.probe(f).videoFrameCount();
                long lost = encoded - arrived;
                long dropped = b.output(name).status().droppedFrames();
                // what may have been sent and still be lost: the frames made while the output had not
                // yet noticed, and what was in flight at the kill (the last second's backlog)
                long inFlight = (long) Math.ceil((noticed.get(name) + backlogBefore.get(name) / 1000.0) * s.fps()) + 1;
                System.out.printf(Locale.ROOT, "FIGURES outage of both ingests: %s down %.2f s (server %.2f s, noticed "
                                + "after %.2f s, live again %.2f s after the kill): %d of %d frames did not arrive, "
                                + "dropped_frames %d (outage x fps = %.0f), tolerance %d%n", name, backAfter.get(name),
                        outage, noticed.get(name), backAfter.get(name), lost, encoded, dropped,
                        backAfter.get(name) * s.fps(), inFlight);
                assertThat(dropped).as("%s: never more than did not arrive", name).isLessThanOrEqualTo(lost);
                assertThat(lost - dropped).as("%s: frames lost but not counted as dropped", name).isLessThanOrEqualTo(inFlight);
                // and at least what was made while nobody could receive it: from the moment the output
                // noticed to the restart, but for what it kept to start the next connection on (a
                // keyframe no older than half the drop threshold)
                double kept = Output.Config.standard().dropThresholdMillis() / 2000.0;
                assertThat(dropped).as("%s: the outage itself", name)
                        .isGreaterThanOrEqualTo((long) ((outage - noticed.get(name) - kept) * s.fps()) - 1);
            }
            Ffprobe.Probe rec = Ffprobe.probe(recording);
            assertThat(b.output("recording").status().droppedFrames()).as("the recording went on").isZero();
            assertThat((long) rec.videoFrameCount()).isEqualTo(encoded);
        }
    }
}
