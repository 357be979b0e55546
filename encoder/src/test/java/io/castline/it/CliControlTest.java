package io.castline.it;

import io.castline.testing.NginxRtmp;
import io.castline.testing.RawFrames;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code castline live --show … --control-port}: a producer pins a product and sells it out over
 * the control API while the show goes to a real nginx-rtmp, and the stream that arrived shows it.
 */
class CliControlTest {
    private static final String KEY = "live_control_SECRET_0123";

    @Test
    void aProducerPinsAndSellsOutAProductOverTheApiAndTheStreamShowsIt() throws Exception {
        Path dir = TestWorkdir.fresh("cli-control");
        Path show = dir.resolve("show.json");
        Files.writeString(show, """
                {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
                 "encoder": {"bitrate": "1500k", "gop": 1},
                 "sources": [{"name": "Back", "kind": "color", "color": "#203040"},
                             {"name": "Card", "kind": "product_card", "qr": false, "accent": "#FF0000"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "Back"},
                            {"source": "Card", "x": 0, "y": 244, "width": 640, "height": 116}]}],
                 "program": "Main",
                 "products": [{"sku": "TEE", "title": "Classic Tee", "price": "25.00", "currency": "USD", "stock": 3}]}
                """);
        Path tokenFile = dir.resolve("control-token");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("nginx"))) {
            Process p = LiveFixture.castline(List.of("live", "--show", show.toString(), "--primary", nginx.url(NginxRtmp.LIVE, KEY),
                    "--control-port", String.valueOf(port), "--control-token-file", tokenFile.toString(), "--duration", "9"),
                    dir.resolve("castline.log"), null);
            LiveFixture.await("the control API", Duration.ofSeconds(30), () -> {
                try {
                    return Files.readString(dir.resolve("castline.log")).contains("control API on");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            String token = Files.readString(tokenFile).strip();
            assertThat(token).hasSizeGreaterThan(40);

            Thread.sleep(2_000);
            assertThat(post(port, token, "PinProduct", "{\"sku\": \"TEE\"}").statusCode()).isEqualTo(200);
            Thread.sleep(2_500);
            assertThat(post(port, token, "SetProduct", "{\"sku\": \"TEE\", \"stock\": 0}").statusCode()).isEqualTo(200);
            assertThat(post(port, "wrong", "UnpinProduct", null).statusCode()).isEqualTo(401);
            HttpResponse<String> stats = post(port, token, "GetStats", null);
            assertThat(stats.body()).contains("\"outputs\"").doesNotContain(KEY);

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve("castline.log"));
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).contains("control API on http://127.0.0.1:" + port).doesNotContain(token).doesNotContain(KEY);

            // what arrived: the backdrop alone, then the card, then the card with SOLD OUT on its picture
            List<RawFrames.Picture> frames = RawFrames.all(nginx.recordings(KEY).get(0), 320, 180);
            assertThat(frames).hasSizeGreaterThan(200);
            int first = firstWith(frames, 0, f -> cardShown(f));
            assertThat(first).as("the card appears after the pin, not before").isBetween(30, frames.size() - 60);
            int soldOut = firstWith(frames, first, f -> redOnPicture(f) > 30);
            assertThat(soldOut).as("SOLD OUT after the stock edit").isGreaterThan(first + 30);
            assertThat(redOnPicture(frames.get(first + 10))).isLessThan(5);
            assertThat(cardShown(frames.get(frames.size() - 1))).isTrue();
        }
    }

    private static HttpResponse<String> post(int port, String token, String request, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests/" + request))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The card's title, white, on the lower third (at 320x180: the band below y 122). */
    private static boolean cardShown(RawFrames.Picture f) {
        int bright = 0;
        for (int y = 124; y < 178; y++) for (int x = 60; x < 300; x++) if ((f.rgbAt(x, y) >> 8 & 0xff) > 200) bright++;
        return bright > 40;
    }

    /** Strong red pixels on the card's picture (its SOLD OUT label in the accent colour), at 320x180. */
    private static int redOnPicture(RawFrames.Picture f) {
        int n = 0;
        for (int y = 124; y < 176; y++) {
            for (int x = 4; x < 56; x++) {
                int c = f.rgbAt(x, y);
                if ((c >> 16 & 0xff) > 180 && (c >> 8 & 0xff) < 90 && (c & 0xff) < 90) n++;
            }
        }
        return n;
    }

    private static int firstWith(List<RawFrames.Picture> frames, int from, java.util.function.Predicate<RawFrames.Picture> test) {
        for (int i = from; i < frames.size(); i++) if (test.test(frames.get(i))) return i;
        return Integer.MAX_VALUE;
    }
}
