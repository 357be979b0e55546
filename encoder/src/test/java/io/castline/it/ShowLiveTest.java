package io.castline.it;

import io.castline.engine.Broadcast;
import io.castline.engine.Program;
import io.castline.engine.destination.Destination;
import io.castline.engine.output.Output;
import io.castline.engine.output.OutputState;
import io.castline.engine.output.OutputTarget;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.show.TransitionKind;
import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.RawFrames;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Produced shows end to end: a show file played headless to real nginx-rtmp servers, and what
 * arrived decoded and looked at where each layer should be.
 */
class ShowLiveTest {
    private static final String KEY = "show_key_5551";

    /** The colours of the show's layers, as they should arrive (RGB). */
    private static final int BACKDROP = 0x203040;
    private static final int RED = 0xE02020;
    private static final int GREEN = 0x20C020;
    private static final int YELLOW = 0xFFFF00; // lavfi's "yellow", the stand-in camera

    @Test
    void layersArriveWhereTheShowPutsThemAndARefusedDestinationLeavesTheOthersLive() throws Exception {
        Path dir = TestWorkdir.fresh("show-layers");
        try (NginxRtmp a = NginxRtmp.start(dir.resolve("a")); NginxRtmp b = NginxRtmp.start(dir.resolve("b"))) {
            Path show = dir.resolve("layers.json");
            Files.writeString(show, """
                    {
                      "version": 2,
                      "canvas": {"width": 640, "height": 360, "fps": 30},
                      "encoder": {"preset": "veryfast", "bitrate": "1500k", "gop": 1},
                      "sources": [
                        {"name": "Backdrop", "kind": "color", "color": "#203040"},
                        {"name": "Red", "kind": "color", "color": "#E02020"},
                        {"name": "Green", "kind": "color", "color": "#20C020"},
                        {"name": "Blue half", "kind": "color", "color": "#2020E0"},
                        {"name": "Camera", "kind": "camera", "input_format": "lavfi",
                         "device": "color=c=yellow:size=320x240:rate=30"},
                        {"name": "Tone", "kind": "tone"}
                      ],
                      "scenes": [
                        {"name": "Other", "layers": [{"source": "Red"}]},
                        {"name": "Layers", "layers": [
                          {"source": "Backdrop", "x": 0, "y": 0, "width": 640, "height": 360},
                          {"source": "Red", "x": 0, "y": 0, "width": 320, "height": 180},
                          {"source": "Green", "x": 320, "y": 180, "width": 320, "height": 180},
                          {"source": "Camera", "x": 40, "y": 220, "width": 200, "height": 100, "fit": "cover"},
                          {"source": "Blue half", "x": 400, "y": 40, "width": 200, "height": 100, "opacity": 0.5},
                          {"source": "Green", "x": 0, "y": 0, "width": 100, "height": 100, "visible": false}
                        ]}
                      ],
                      "program": "Other",
                      "outputs": [
                        {"name": "main", "url": "%s", "role": "primary"},
                        {"name": "refused", "url": "%s", "role": "extra"},
                        {"name": "standby", "url": "%s", "role": "backup"}
                      ]
                    }
                    """.formatted(a.url(NginxRtmp.LIVE, KEY), a.url(NginxRtmp.DENY, KEY),
                            b.url(NginxRtmp.LIVE, "${CASTLINE_TEST_STANDBY_KEY}")),
                    StandardCharsets.UTF_8);
            Path out = dir.resolve("live.log");
            // the standby's key is not in the file: it comes from the environment
            ProcessBuilder pb = new ProcessBuilder(LiveFixture.castlineCommand(List.of("live", "--show", show.toString(),
                    "--scene", "Layers", "--duration", "6"))).redirectOutput(out.toFile()).redirectErrorStream(true);
            pb.environment().put("CASTLINE_TEST_STANDBY_KEY", KEY);
            Process live = pb.start();
            assertThat(live.waitFor(60, TimeUnit.SECONDS)).as("castline live ended").isTrue();
            String log = Files.readString(out);
            assertThat(live.exitValue()).as(log).isZero();
            assertThat(log).contains("refused failed").doesNotContain(KEY);

            for (NginxRtmp server : List.of(a, b)) {
                server.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
                Path arrived = server.recordings(KEY).get(0);
                Ffprobe.Probe p = Ffprobe.probe(arrived);
                assertThat(p.video().width()).isEqualTo(640);
                assertThat(p.measuredFps()).isCloseTo(30, within(0.5));
                assertThat(p.audio()).isNotNull();
                RawFrames.Picture picture = RawFrames.at(arrived, 3, 640, 360);
                report(picture);
                assertColour(picture, 160, 90, RED, "the red layer");
                assertColour(picture, 480, 270, GREEN, "the green layer");
                assertColour(picture, 140, 270, YELLOW, "the camera's layer");
                assertColour(picture, 300, 300, BACKDROP, "the backdrop beside the camera");
                assertColour(picture, 40, 340, BACKDROP, "the backdrop under the camera");
                // half of #2020E0 over #203040
                assertColour(picture, 500, 90, mix(0x2020E0, BACKDROP), "the translucent blue over the backdrop");
                assertColour(picture, 50, 50, RED, "an invisible layer draws nothing");
            }
        }
    }

    @Test
    void aFadeIsBlendedFrameByFrameAtTheFullRate() throws Exception {
        Path dir = TestWorkdir.fresh("show-fade");
        Path file = dir.resolve("fade.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "encoder": {"bitrate": "800k", "gop": 1},
                 "sources": [{"name": "Red", "kind": "color", "color": "#E02020"},
                             {"name": "Blue", "kind": "color", "color": "#2020E0"},
                             {"name": "Tone", "kind": "tone"}],
                 "scenes": [{"name": "A", "layers": [{"source": "Red"}]},
                            {"name": "B", "layers": [{"source": "Blue"}]}],
                 "program": "A", "outputs": []}
                """, StandardCharsets.UTF_8);
        Show show = ShowFile.parse(file);
        try (NginxRtmp server = NginxRtmp.start(dir.resolve("nginx"));
             Program program = Program.start(show, dir)) {
            Broadcast live = Broadcast.start(Broadcast.Config.ofShow(show, dir,
                    List.of(OutputTarget.network(Destination.parse("primary", server.url(NginxRtmp.LIVE, KEY)))),
                    Output.Config.standard()), null, program);
            try {
                LiveFixture.await("live", Duration.ofSeconds(10), () -> live.output("primary").state() == OutputState.LIVE);
                LiveFixture.sleepSeconds(1.5);
                program.transition("B", TransitionKind.FADE, Duration.ofSeconds(1));
                LiveFixture.sleepSeconds(2.5);
                assertThat(program.compositor().transitionFrames()).as("frames mixed").isEqualTo(30);
            } finally {
                live.stop();
            }
            server.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            Path arrived = server.recordings(KEY).get(0);
            Ffprobe.Probe p = Ffprobe.probe(arrived);
            assertThat(p.measuredFps()).isCloseTo(30, within(0.5));
            assertThat(p.maxVideoGapSeconds()).as("no frame missing").isLessThan(0.05);

            List<RawFrames.Picture> frames = RawFrames.all(arrived, 16, 9);
            List<Double> red = new ArrayList<>();
            for (RawFrames.Picture f : frames) red.add(f.meanAround(8, 4, 2)[0]);
            int first = -1;
            int last = -1;
            for (int i = 0; i < red.size(); i++) {
                if (red.get(i) < 0xE0 - 12 && red.get(i) > 0x20 + 12) {
                    if (first < 0) first = i;
                    last = i;
                }
            }
            System.out.println("FIGURES fade: red channel per frame " + red);
            assertThat(first).as("blended frames arrived").isPositive();
            // a 1 s fade at 30 fps: 30 frames, each a new mix, the red falling every frame
            assertThat(last - first + 1).isBetween(26, 30);
            for (int i = first; i <= last; i++) {
                assertThat(red.get(i)).as("frame %d is a new mix", i).isLessThan(red.get(i - 1));
            }
            assertThat(red.get(first - 1)).isGreaterThan(0xE0 - 12.0);
            assertThat(red.get(last + 1)).isLessThan(0x20 + 12.0);
        }
    }

    @Test
    void aCameraThatDiesShowsNoSignalInItsLayerOnlyAndComesBack() throws Exception {
        Path dir = TestWorkdir.fresh("show-camera-dies");
        Path file = dir.resolve("camera.json");
        // the stand-in camera gives 2 s of pictures and then ends, as an unplugged one does; the
        // source reopens it by itself
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "encoder": {"bitrate": "800k", "gop": 1},
                 "sources": [{"name": "Backdrop", "kind": "color", "color": "#20C020"},
                             {"name": "Camera", "kind": "camera", "input_format": "lavfi",
                              "device": "color=c=yellow:size=160x120:rate=30:d=2"}],
                 "scenes": [{"name": "Main", "layers": [
                    {"source": "Backdrop"},
                    {"source": "Camera", "x": 160, "y": 0, "width": 160, "height": 180, "fit": "stretch"}]}],
                 "program": "Main", "outputs": [{"name": "primary", "url": "rtmp://127.0.0.1/live/x", "role": "primary"}]}
                """, StandardCharsets.UTF_8);
        Show show = ShowFile.parse(file);
        try (NginxRtmp server = NginxRtmp.start(dir.resolve("nginx"))) {
            Show toServer = show.withOutputs(List.of());
            Broadcast live = Broadcast.start(Broadcast.Config.ofShow(toServer, dir,
                    List.of(OutputTarget.network(Destination.parse("primary", server.url(NginxRtmp.LIVE, KEY)))),
                    Output.Config.standard()), null);
            try {
                LiveFixture.sleepSeconds(8);
                assertThat(live.output("primary").state()).isEqualTo(OutputState.LIVE);
            } finally {
                live.stop();
            }
            server.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            Path arrived = server.recordings(KEY).get(0);
            Ffprobe.Probe p = Ffprobe.probe(arrived);
            assertThat(p.maxVideoGapSeconds()).as("the stream never stopped").isLessThan(0.07);
            assertThat(p.durationSeconds()).isGreaterThan(7);

            List<RawFrames.Picture> frames = RawFrames.all(arrived, 32, 18);
            List<String> camera = new ArrayList<>();
            boolean sawNoSignal = false;
            boolean sawYellowAfter = false;
            boolean sawYellowBefore = false;
            for (RawFrames.Picture f : frames) {
                double[] cam = f.meanAround(24, 9, 3);
                double[] backdrop = f.meanAround(4, 9, 2);
                assertThat(close(backdrop, 0x20C020, 16)).as("the rest of the scene is untouched: %s", (Object) backdrop).isTrue();
                boolean yellow = close(cam, YELLOW, 40);
                boolean card = cam[0] < 110 && cam[1] < 110 && cam[2] < 110; // the dark no-signal card
                camera.add(yellow ? "Y" : card ? "n" : "?");
                if (yellow && !sawNoSignal) sawYellowBefore = true;
                if (card && sawYellowBefore) sawNoSignal = true;
                if (yellow && sawNoSignal) sawYellowAfter = true;
            }
            System.out.println("FIGURES camera layer per frame (Y picture, n no signal): " + String.join("", camera));
            assertThat(sawYellowBefore).as("the camera's picture").isTrue();
            assertThat(sawNoSignal).as("no signal in its layer once it died").isTrue();
            assertThat(sawYellowAfter).as("its picture again once it came back").isTrue();
        }
    }

    private static void report(RawFrames.Picture p) {
        System.out.printf("FIGURES show layers: red %06X green %06X camera %06X backdrop %06X blue-half %06X%n",
                p.rgbAt(160, 90), p.rgbAt(480, 270), p.rgbAt(140, 270), p.rgbAt(300, 300), p.rgbAt(500, 90));
    }

    private static int mix(int a, int b) {
        int r = (((a >> 16) & 0xff) + ((b >> 16) & 0xff)) / 2;
        int g = (((a >> 8) & 0xff) + ((b >> 8) & 0xff)) / 2;
        int bl = ((a & 0xff) + (b & 0xff)) / 2;
        return r << 16 | g << 8 | bl;
    }

    private static void assertColour(RawFrames.Picture p, int x, int y, int expected, String what) {
        double[] got = p.meanAround(x, y, 3);
        assertThat(close(got, expected, 14)).as("%s at (%d, %d): expected %06X, got %.0f/%.0f/%.0f", what, x, y, expected,
                got[0], got[1], got[2]).isTrue();
    }

    private static boolean close(double[] rgb, int expected, double tolerance) {
        return Math.abs(rgb[0] - ((expected >> 16) & 0xff)) <= tolerance
                && Math.abs(rgb[1] - ((expected >> 8) & 0xff)) <= tolerance
                && Math.abs(rgb[2] - (expected & 0xff)) <= tolerance;
    }
}
