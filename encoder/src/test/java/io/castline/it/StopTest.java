package io.castline.it;

import org.junit.jupiter.api.Tag;
import io.castline.testing.LocalNameServer;
import io.castline.testing.NetnsLink;
import io.castline.testing.NginxRtmp;
import io.castline.testing.SynBlackhole;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ctrl-C on a real {@code castline live} (a JVM of its own, sent SIGINT) while its output is
 * connecting to a host that never answers, waiting to reconnect, or waiting for a name server that
 * never answers: the README promises a stop within 1 s and exit code 0. And the connect and name
 * lookup give up after the documented 10 s, a name that does not exist says "host not found".
 *
 * <p>The stop time is printed; it is asserted against the documented bound with a margin (the
 * issue makes the bound a requirement). SYN blackholes and name servers need root.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
class StopTest {
    private static final String KEY = "stop_key_SECRET_77";
    /** The documented bound (README: "stops within 1 s") with a margin for a loaded machine. */
    private static final double STOP_BOUND_SECONDS = 1.5;
    /** The connect timeout the README documents. */
    private static final double CONNECT_TIMEOUT_SECONDS = 10;
    private static final String UNRESOLVED_HOST = "ingest.castline-test.example";
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*");

    /** Every castline started here, ended whatever the test's outcome. */
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void endWhatWasStarted() throws InterruptedException {
        for (Process p : started) if (p.isAlive()) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private Process track(Process p) {
        started.add(p);
        return p;
    }

    private static void assumeRoot() {
        String unavailable = NetnsLink.unavailableReason();
        // CI runs as root with nft installed: there these tests must run, never skip
        if (System.getenv("CI") != null) assertThat(unavailable).as("CI must be able to run the stop tests").isNull();
        Assumptions.assumeTrue(unavailable == null, () -> "needs root: " + unavailable);
    }

    /** A castline run with SIGINT at its default (a shell's background job would have it ignored). */
    private Process castline(Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        cmd.addAll(LiveFixture.castlineCommand(args));
        return track(LiveFixture.start(cmd, log, null));
    }

    private static List<String> live(String primaryUrl) {
        return List.of("live", "--canvas", "320x180", "--bitrate", "500k", "--audio", "none",
                "--primary", primaryUrl, "--duration", "60");
    }

    private record Stopped(double seconds, int exitCode, String log) {}

    /** Waits for {@code marker} in the log, {@code settleSeconds} more, then sends SIGINT and times the exit. */
    private static Stopped interruptAfter(Process p, Path log, String marker, double settleSeconds) throws Exception {
        return signalAfter("INT", p, log, marker, settleSeconds);
    }

    private static Stopped signalAfter(String signal, Process p, Path log, String marker, double settleSeconds)
            throws Exception {
        awaitLog(p, log, marker, Duration.ofSeconds(60));
        LiveFixture.sleepSeconds(settleSeconds);
        assertThat(p.isAlive()).as("still running before the stop: " + read(log)).isTrue();
        long sent = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        boolean ended = p.waitFor(20, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - sent) / 1e9;
        kill.waitFor();
        if (!ended) p.destroyForcibly().waitFor();
        assertThat(ended).as("ended after SIG" + signal + ": " + read(log)).isTrue();
        return new Stopped(seconds, p.exitValue(), read(log));
    }

    private static void awaitLog(Process p, Path log, String marker, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!read(log).contains(marker)) {
            if (!p.isAlive()) throw new AssertionError("ended before '" + marker + "': " + read(log));
            if (System.nanoTime() > end) throw new AssertionError("no '" + marker + "' within " + timeout + ": " + read(log));
            Thread.sleep(20);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void assertCleanStop(String what, Stopped s) {
        System.out.printf(Locale.ROOT, "FIGURES stop %s: %.2f s after the signal, exit code %d%n", what, s.seconds(), s.exitCode());
        assertThat(s.exitCode()).as("exit code of a clean stop: " + s.log()).isZero();
        assertThat(s.seconds()).as("stop time").isLessThan(STOP_BOUND_SECONDS);
        assertThat(s.log()).doesNotContain("did not end").doesNotContain("primary failed").doesNotContain(KEY);
    }

    @Test
    void ctrlCWhileConnectingToAHostThatNeverAnswers() throws Exception {
        assumeRoot();
        Path dir = TestWorkdir.fresh("stop-connecting");
        try (SynBlackhole hole = SynBlackhole.create()) {
            Path log = dir.resolve("castline.log");
            Process p = castline(log, live("rtmp://127.0.0.1:" + hole.port() + "/live/" + KEY));
            Stopped s = interruptAfter(p, log, "primary connecting", 1.5);
            assertCleanStop("while connecting", s);
        }
    }

    @Test
    void ctrlCWhileWaitingToReconnect() throws Exception {
        Path dir = TestWorkdir.fresh("stop-reconnecting");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("ingest"))) {
            Path log = dir.resolve("castline.log");
            Process p = castline(log, live(nginx.url(NginxRtmp.LIVE, KEY)));
            awaitLog(p, log, "primary live", Duration.ofSeconds(60));
            LiveFixture.sleepSeconds(4); // established (a loss in the first 3 s reads as a refusal)
            nginx.kill();
            Stopped s = interruptAfter(p, log, "primary reconnecting", 0.3);
            assertThat(s.log()).contains("retry in");
            assertCleanStop("while reconnecting", s);
        }
    }

    /** Live, but the path stopped moving bytes (no RST): the write that blocks is cut off after the grace. */
    @Test
    void ctrlCWhileTheSendIsStalled() throws Exception {
        Path dir = TestWorkdir.fresh("stop-stalled");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("ingest"));
             io.castline.testing.ThrottlingProxy path = new io.castline.testing.ThrottlingProxy(nginx.port(), 0)) {
            Path log = dir.resolve("castline.log");
            Process p = castline(log, List.of("live", "--canvas", "640x360", "--bitrate", "2M", "--audio", "none",
                    "--primary", "rtmp://127.0.0.1:" + path.port() + "/live/" + KEY, "--duration", "60"));
            awaitLog(p, log, "primary live", Duration.ofSeconds(60));
            LiveFixture.sleepSeconds(4);
            path.stall();
            // long enough for the send buffer to fill and a write to block, short of the 5 s write timeout
            Stopped s = interruptAfter(p, log, "primary live", 3);
            assertThat(s.log()).doesNotContain("primary reconnecting");
            assertCleanStop("while a send is stalled", s);
        }
    }

    /** The usual case, by a service manager's SIGTERM: live, sending; the stream ends cleanly at the ingest. */
    @Test
    void sigtermWhileLiveFinishesTheStream() throws Exception {
        Path dir = TestWorkdir.fresh("stop-live");
        try (NginxRtmp nginx = NginxRtmp.start(dir.resolve("ingest"))) {
            Path log = dir.resolve("castline.log");
            Path recording = dir.resolve("rec.mkv");
            Process p = castline(log, List.of("live", "--canvas", "640x360", "--bitrate", "1M",
                    "--primary", nginx.url(NginxRtmp.LIVE, KEY), "--record", recording.toString(), "--duration", "60"));
            Stopped s = signalAfter("TERM", p, log, "primary live", 3);
            assertCleanStop("while live (SIGTERM)", s);
            nginx.awaitPublishesFinished(NginxRtmp.LIVE, KEY, 1, Duration.ofSeconds(10));
            assertThat(io.castline.testing.Ffprobe.probe(nginx.recordings(KEY).get(0)).durationSeconds()).isGreaterThan(2.5);
            assertThat(io.castline.testing.Ffprobe.probe(recording).durationSeconds()).isGreaterThan(2.5);
        }
    }

    @Test
    void ctrlCWhileTheNameServerNeverAnswers() throws Exception {
        assumeRoot();
        Path dir = TestWorkdir.fresh("stop-dns");
        try (LocalNameServer dns = LocalNameServer.start(LocalNameServer.Mode.SILENT, dir)) {
            Path log = dir.resolve("castline.log");
            Process p = track(LiveFixture.start(dns.command(LiveFixture.castlineCommand(
                    live("rtmp://" + UNRESOLVED_HOST + "/live/" + KEY))), log, null));
            Stopped s = interruptAfter(p, log, "primary connecting", 1.5);
            assertThat(dns.queries()).as("the lookup was waiting for the name server").isPositive();
            assertCleanStop("while looking the host up", s);
        }
    }

    /**
     * Nothing stops these: the connect to a host that never answers and the lookup at a name
     * server that never answers both give up after the documented 10 s (measured from the log's
     * own timestamps), each with its reason, and then every output has failed: exit code 3.
     */
    @Test
    void connectAndLookupGiveUpAfterTheDocumentedTimeout() throws Exception {
        assumeRoot();
        Path dir = TestWorkdir.fresh("stop-timeouts");
        try (SynBlackhole hole = SynBlackhole.create();
             LocalNameServer dns = LocalNameServer.start(LocalNameServer.Mode.SILENT, dir)) {
            Path log = dir.resolve("castline.log");
            Process p = track(LiveFixture.start(dns.command(LiveFixture.castlineCommand(List.of("live", "--canvas", "320x180",
                    "--bitrate", "500k", "--audio", "none",
                    "--primary", "rtmp://127.0.0.1:" + hole.port() + "/live/" + KEY,
                    "--backup", "rtmp://" + UNRESOLVED_HOST + "/live/" + KEY, "--duration", "60"))), log, null));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("gave up on its own: " + read(log)).isTrue();
            String text = read(log);
            assertThat(p.exitValue()).as(text).isEqualTo(3);
            double connect = secondsBetween(text, "primary: IDLE -> CONNECTING", "primary: CONNECTING -> FAILED");
            double lookup = secondsBetween(text, "backup: IDLE -> CONNECTING", "backup: CONNECTING -> FAILED");
            System.out.printf(Locale.ROOT, "FIGURES timeouts: connect to a SYN blackhole gave up after %.2f s, "
                    + "a silent name server after %.2f s%n", connect, lookup);
            assertThat(text).contains("primary failed: cannot connect: no answer within 10 s (127.0.0.1:" + hole.port() + ")")
                    .contains("backup failed: cannot connect: no answer from the name server within 10 s (looking up "
                            + UNRESOLVED_HOST + ")")
                    .doesNotContain(KEY);
            // the documented figure, give or take the log's and the machine's granularity
            assertThat(connect).isCloseTo(CONNECT_TIMEOUT_SECONDS, within(0.5));
            assertThat(lookup).isCloseTo(CONNECT_TIMEOUT_SECONDS, within(0.5));
        }
    }

    @Test
    void anUnknownHostFailsWithHostNotFound() throws Exception {
        assumeRoot();
        Path dir = TestWorkdir.fresh("stop-nxdomain");
        String host = "no-such-ingest.castline-test.invalid";
        try (LocalNameServer dns = LocalNameServer.start(LocalNameServer.Mode.NXDOMAIN, dir)) {
            Path log = dir.resolve("castline.log");
            Process p = track(LiveFixture.start(dns.command(LiveFixture.castlineCommand(
                    live("rtmp://" + host + "/live/" + KEY))), log, null));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(read(log)).isTrue();
            String text = read(log);
            assertThat(p.exitValue()).as(text).isEqualTo(3);
            assertThat(text).contains("primary failed: host not found: " + host)
                    .doesNotContain("Input/output error").doesNotContain(KEY);
            assertThat(dns.queries()).isPositive();
        }
    }

    /** Seconds between the first log lines containing {@code from} and {@code to} (HH:mm:ss.SSS stamps). */
    private static double secondsBetween(String log, String from, String to) {
        return (millisOf(log, to) - millisOf(log, from)) / 1000.0;
    }

    private static long millisOf(String log, String marker) {
        for (String line : log.split("\n")) {
            Matcher m = LOG_TIME.matcher(line);
            if (line.contains(marker) && m.matches()) return LocalTime.parse(m.group(1)).toNanoOfDay() / 1_000_000;
        }
        throw new AssertionError("no log line with '" + marker + "' in:\n" + log);
    }
}
