package io.castline.app.it;

import org.junit.jupiter.api.Tag;
import io.castline.app.profile.OwnerOnlyKeyFile;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets grep (issue 9, item 3; part of the fault matrix): failing runs of {@code castline live}
 * as a user starts them — a publish nginx-rtmp refuses, an unreachable SRT listener with a
 * passphrase and a streamid, an RTMP URL with user-info, keys that are short or ordinary words
 * ({@code live}, {@code primary}) or a word with digits ({@code live2024}), a URL given where no
 * argument belongs — with --stats, Prometheus metrics and the most talkative logs (Castline's at
 * DEBUG, FFmpeg's at TRACE); the studio's profile saved with the same destinations. Everything
 * printed and written is then searched for every secret: none may appear. The keys that are
 * ordinary words cannot be searched for; for them every URL must read {@code …/live/••••} while the
 * words themselves ("primary", "live", the application names) still read as they are.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class SecretsGrepTest {
    private static final String MASK = "••••";
    private static final String KEY_WITH_DIGITS = "live2024";
    private static final String KEY_WORD = "live";
    private static final String KEY_USERINFO_RUN = "primary";
    private static final String USER_PASSWORD = "s3cr3t-pw-0453";
    private static final String SRT_PASSPHRASE = "srt-phrase-0451";
    private static final String SRT_STREAMID = "publish:live/sid-0452";
    private static final String POSITIONAL_KEY = "sk_positional_0454";
    /** What may never appear in anything Castline prints or writes outside the key store. */
    private static final List<String> SECRETS = List.of(KEY_WITH_DIGITS, USER_PASSWORD, SRT_PASSPHRASE, "sid-0452",
            POSITIONAL_KEY, "bob:");

    private record Run(int exit, String out, String err) {
        String all() { return out + err; }
    }

    @Test
    void noSecretInAnythingPrintedOrWrittenDuringFailingRuns() throws Exception {
        Path dir = TestWorkdir.fresh("secrets-grep");
        Path runs = Files.createDirectories(dir.resolve("castline"));
        try (NginxRtmp ingest = NginxRtmp.start(dir.resolve("ingest"))) {
            int port = ingest.port();
            String refused = "rtmp://127.0.0.1:" + port + "/" + NginxRtmp.DENY + "/" + KEY_WITH_DIGITS;
            String srt = "srt://127.0.0.1:" + freeUdpPort() + "?passphrase=" + SRT_PASSPHRASE + "&streamid=" + SRT_STREAMID
                    + "&connect_timeout=2000";
            String userInfo = "rtmp://bob:" + USER_PASSWORD + "@127.0.0.1:" + port + "/" + NginxRtmp.DENY + "/" + KEY_USERINFO_RUN;
            String live = "rtmp://127.0.0.1:" + port + "/" + NginxRtmp.LIVE + "/" + KEY_WORD;

            // 1: every output fails (refused publish, SRT unreachable): exit 3
            Run failing = castline(runs, "failing", List.of("live", "--canvas", "320x180", "--bitrate", "300k",
                    "--primary", refused, "--backup", srt, "--duration", "20", "--stats", runs.resolve("failing.jsonl").toString()),
                    null);
            assertThat(failing.exit()).as(failing.err()).isEqualTo(3);
            assertThat(failing.err()).contains("castline: primary failed").contains("castline: backup failed")
                    .contains("rtmp://127.0.0.1:" + port + "/deny/" + MASK)
                    .contains("srt://127.0.0.1:").contains("?passphrase=" + MASK + "&streamid=" + MASK + "&connect_timeout=2000");

            // 2: the user-info output is refused, the backup with the key "live" goes live; metrics scraped meanwhile
            List<String> metrics = new ArrayList<>();
            Run mixed = castline(runs, "mixed", List.of("live", "--canvas", "320x180", "--bitrate", "300k",
                    "--primary", userInfo, "--backup", live, "--duration", "6", "--metrics-port", "0",
                    "--stats", runs.resolve("mixed.jsonl").toString()), metrics);
            assertThat(mixed.exit()).as(mixed.err()).isZero();
            assertThat(mixed.err()).contains("castline: backup live: publishing to rtmp://127.0.0.1:" + port + "/live/" + MASK)
                    .contains("castline: primary failed").contains("rtmp://" + MASK + "@127.0.0.1:" + port + "/deny/" + MASK)
                    .contains("Broadcast: live: x264").doesNotContain("/live/live").doesNotContain("/deny/primary");
            assertThat(metrics).as("metrics scraped while live").hasSize(1);
            assertThat(metrics.get(0)).contains("castline_output_state{output=\"backup\",state=\"LIVE\"} 1.0");

            // 3: a URL where no argument belongs is echoed by the argument parser: masked too
            Run bad = castline(runs, "bad-argument", List.of("live", "rtmp://127.0.0.1:" + port + "/live/" + POSITIONAL_KEY),
                    null);
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).contains("'rtmp://127.0.0.1:" + port + "/live/" + MASK + "'");

            // the studio's settings for the same destinations
            Path studio = dir.resolve("studio-config");
            ProfileStore store = new ProfileStore(studio);
            store.save(StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                    new StudioProfile.Ingest("rtmp://127.0.0.1:" + port + "/" + NginxRtmp.DENY, KEY_WITH_DIGITS),
                    new StudioProfile.Ingest(srt, ""))));
            String firstProfile = Files.readString(store.file());
            store.save(StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                    new StudioProfile.Ingest("rtmp://bob:" + USER_PASSWORD + "@127.0.0.1:" + port + "/deny", KEY_USERINFO_RUN),
                    new StudioProfile.Ingest("rtmp://127.0.0.1:" + port + "/live", KEY_WORD))));
            String secondProfile = Files.readString(store.file());

            List<String> texts = new ArrayList<>(List.of(failing.all(), mixed.all(), bad.all(), metrics.get(0),
                    firstProfile, secondProfile));
            texts.addAll(filesUnder(runs));
            texts.addAll(filesUnder(studio).stream().filter(t -> !t.contains("\"primary\"")).toList()); // not the key store
            assertThat(Files.exists(studio.resolve(OwnerOnlyKeyFile.FILE_NAME))).isTrue();
            assertThat(texts).hasSizeGreaterThan(8);
            for (String secret : SECRETS) {
                assertThat(texts).as("no text contains %s", secret).noneMatch(t -> t.contains(secret));
            }
            for (String text : texts) assertMaskedOnlyByStructure(text);
            assertThat(firstProfile).contains("\"server\" : \"rtmp://127.0.0.1:" + port + "/deny\"")
                    .contains("?connect_timeout=2000\"");
            assertThat(secondProfile).contains("\"server\" : \"rtmp://127.0.0.1:" + port + "/live\"").doesNotContain("\"key\"");
            String stats = Files.readString(runs.resolve("mixed.jsonl"));
            assertThat(stats).contains("\"url\":\"rtmp://127.0.0.1:" + port + "/live/" + MASK + "\"")
                    .contains("\"url\":\"rtmp://" + MASK + "@127.0.0.1:" + port + "/deny/" + MASK + "\"");
        }
    }

    /**
     * Each mask stands where a secret's structure put it — after "/" (a key), before "@"
     * (user-info), after "=" (a parameter) — and never in the middle of prose ("Output: ••••ary:").
     */
    private static void assertMaskedOnlyByStructure(String text) {
        Matcher m = Pattern.compile("(.?)" + MASK + "(.?)").matcher(text);
        while (m.find()) {
            boolean structural = m.group(1).equals("/") || m.group(1).equals("=") || m.group(2).equals("@");
            assertThat(structural).as("a mask out of place in: …%s…", around(text, m.start())).isTrue();
        }
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 60));
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                texts.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    /** Runs castline in its own JVM with the product's logging configuration; scrapes /metrics once when asked. */
    private static Run castline(Path dir, String name, List<String> args, List<String> metrics) throws Exception {
        Path out = dir.resolve(name + ".stdout");
        Path err = dir.resolve(name + ".stderr");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + io.castline.cli.Main.class.getResource("/logback.xml"),
                "-Dcastline.log=DEBUG", "-Dcastline.ffmpeg.log=TRACE",
                "-cp", System.getProperty("java.class.path"), "io.castline.cli.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (metrics != null) metrics.add(scrape(err, p));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("castline %s ends", name).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String scrape(Path stderr, Process p) throws Exception {
        Pattern served = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && p.isAlive()) {
            String log = Files.readString(stderr);
            Matcher m = served.matcher(log);
            if (m.find() && log.contains("backup live:")) {
                HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(m.group(1)))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                // the metrics are empty until the first per-second snapshot
                if (r.body().contains("castline_output_state")) return r.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("castline served no metrics while live:\n" + Files.readString(stderr));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
