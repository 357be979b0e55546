package io.castline.bench;

import io.castline.testing.BundledTools;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The soak's read-back: frames, audio holes and A/V drift measured from real files (made by the
 * bundled ffmpeg: 4 s of 30 fps video and 48 kHz AAC in FLV, as an ingest records them), and the
 * drift checkpoints from packets in an order made up here.
 */
class ArrivedStreamTest {
    private static Path dir;

    @BeforeAll
    static void workdir() {
        dir = TestWorkdir.fresh("arrived-stream");
    }

    /** 4 s of testsrc + sine to an FLV, the audio going through {@code audioArgs} on the way. */
    private static Path flv(String name, List<String> audioInputArgs, List<String> audioFilter) {
        Path out = dir.resolve(name + ".flv");
        List<String> args = new ArrayList<>(List.of("-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x180:rate=30:duration=4"));
        args.addAll(audioInputArgs);
        args.addAll(List.of("-f", "lavfi", "-i", "sine=sample_rate=48000:duration=4"));
        args.addAll(audioFilter);
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-ac", "2", "-f", "flv", out.toString()));
        BundledTools.Result r = BundledTools.runFfmpeg(args, dir.resolve(name + ".log"), Duration.ofSeconds(60));
        assertThat(r.succeeded()).as(r.log()).isTrue();
        return out;
    }

    @Test
    void aCleanStreamHasEveryFrameNoAudioHoleAndStaysTogether() throws Exception {
        ArrivedStream a = ArrivedStream.read(List.of(flv("clean", List.of(), List.of())), 1.0);

        assertThat(a.videoFrames()).isEqualTo(120);
        assertThat(a.audioPackets()).isBetween(187L, 190L); // 4 s of 1024-sample frames, + priming
        assertThat(a.audioGapMs()).isCloseTo(0.0, within(2.0));
        assertThat(a.driftMs()).hasSize(3).allSatisfy(d -> assertThat(d).isCloseTo(0.0, within(60.0)));
        assertThat(a.driftChangeMs()).isCloseTo(0.0, within(60.0));
        assertThat(a.files()).hasSize(1);
        assertThat(a.bytes()).isPositive();
    }

    @Test
    void aHoleInTheAudioIsMeasured() throws Exception {
        // half a second of audio frames taken out, their timestamps left as they were
        ArrivedStream a = ArrivedStream.read(List.of(flv("hole", List.of(), List.of("-af", "aselect='not(between(t,1,1.5))'"))), 1.0);

        assertThat(a.videoFrames()).isEqualTo(120);
        assertThat(a.audioGapMs()).isCloseTo(500.0, within(30.0));
    }

    @Test
    void audioThatEndsLaterShowsInTheEndDrift() throws Exception {
        // the audio starts (and so ends) a second after the video
        ArrivedStream a = ArrivedStream.read(List.of(flv("offset", List.of("-itsoffset", "1"), List.of())), 1.0);

        assertThat(a.endDriftMs()).isCloseTo(-1000.0, within(60.0));
        assertThat(a.startDriftMs()).isCloseTo(-1000.0, within(60.0));
    }

    @Test
    void audioFallingBehindOnTheWayShowsAsAChangeOfDrift() {
        ArrivedStream.Reader r = new ArrivedStream.Reader(1.0);
        r.nextFile(Path.of("made-up.flv"), 0);
        // 6 s interleaved as a muxer writes them; from 3 s on, audio arrives 0.5 s behind the video
        double audioStep = 1024 / 48000.0;
        double audio = 0;
        for (int frame = 0; frame < 180; frame++) {
            double video = frame / 30.0;
            double lag = video >= 3 ? 0.5 : 0;
            while (audio <= video - lag) {
                r.audio(audio);
                audio += audioStep;
            }
            r.video(video);
        }
        ArrivedStream a = r.result();

        assertThat(a.driftMs()).hasSize(5);
        assertThat(a.firstDriftMs()).isCloseTo(0.0, within(25.0));
        assertThat(a.lastDriftMs()).isCloseTo(500.0, within(25.0));
        assertThat(a.driftChangeMs()).isCloseTo(500.0, within(30.0));
        assertThat(a.maxDriftMs()).isCloseTo(500.0, within(25.0));
    }

    @Test
    void aReconnectStartsANewTimelineAndTheCountsAddUp() {
        ArrivedStream.Reader r = new ArrivedStream.Reader(1.0);
        for (String file : List.of("first.flv", "second.flv")) {
            r.nextFile(Path.of(file), 1000);
            double audio = 0;
            for (int frame = 0; frame < 75; frame++) { // 2.5 s, each file from 0 (as nginx-rtmp records)
                while (audio <= frame / 30.0) {
                    r.audio(audio);
                    audio += 1024 / 48000.0;
                }
                r.video(frame / 30.0);
            }
        }
        ArrivedStream a = r.result();

        assertThat(a.videoFrames()).isEqualTo(150);
        assertThat(a.files()).hasSize(2);
        assertThat(a.bytes()).isEqualTo(2000);
        assertThat(a.driftMs()).hasSize(4); // 1 s and 2 s of each file
        assertThat(a.audioGapMs()).isCloseTo(0.0, within(1.0));
    }
}
