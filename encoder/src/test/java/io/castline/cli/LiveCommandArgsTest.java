package io.castline.cli;

import org.junit.jupiter.api.Tag;
import io.castline.testing.SmallDisk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad {@code castline live} arguments: exit code 2 and a message naming the field, before anything
 * is opened. None of these may go live; the timeout guards against one that does.
 */
@Tag("fault-matrix") // docs/fault-matrix.md
@Timeout(60)
class LiveCommandArgsTest {

    @TempDir Path dir;

    private static CliRun.Result run(String... args) {
        return CliRun.run(args);
    }

    private void assertNothingCreated() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("files created in %s", dir).isEmpty();
        }
    }

    private static void assertRefusedBeforeGoingLive(CliRun.Result r) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).startsWith("castline: invalid setting: ");
        assertThat(r.err().lines().count()).as("stderr: %s", r.err()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("connecting").doesNotContain("live:").doesNotContain("reconnecting");
    }

    @Test
    void badBitrateNamesTheField() throws IOException {
        Path rec = dir.resolve("X.mkv");
        CliRun.Result r = run("live", "--bitrate", "abc", "--record", rec.toString());
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("bitrate: 'abc' is not a rate");
        assertNothingCreated();
    }

    @Test
    void oddCanvasNamesTheField() throws IOException {
        Path rec = dir.resolve("x.mkv");
        CliRun.Result r = run("live", "--canvas", "1281x720", "--record", rec.toString());
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("canvas: width 1281");
        assertNothingCreated();
    }

    @Test
    void noOutputsIsRefused() {
        CliRun.Result r = run("live");
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("outputs: ").contains("--primary").contains("--record");
    }

    @Test
    void unsupportedProtocolNamesTheOutput() {
        CliRun.Result r = run("live", "--primary", "http://x/y/z");
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("primary: unsupported protocol 'http'");
    }

    @Test
    void badGopDoesNotPrintTheStreamKey() {
        CliRun.Result r = run("live", "--primary", "rtmp://127.0.0.1:1/app/SECRETKEY123", "--gop", "0");
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("gop: ");
        assertThat(r.err() + r.out()).doesNotContain("SECRETKEY123");
    }

    @Test
    void badPortNamesTheOutputWithoutTheKey() {
        CliRun.Result r = run("live", "--primary", "rtmp://127.0.0.1:0/app/SECRETKEY123");
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("primary: port 0");
        assertThat(r.err() + r.out()).doesNotContain("SECRETKEY123");
    }

    @Test
    void badBackupUrlNamesTheBackupWithoutAnyKey() throws IOException {
        CliRun.Result r = run("live", "--primary", "rtmp://127.0.0.1:1/app/SECRETKEY123",
                "--backup", "rtmp://127.0.0.1:1/app", "--record", dir.resolve("x.mkv").toString());
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("backup: ").contains("stream key");
        assertThat(r.err() + r.out()).doesNotContain("SECRETKEY123");
        assertNothingCreated();
    }

    @Test
    void unknownRecordingTypeNamesTheField() throws IOException {
        CliRun.Result r = run("live", "--record", dir.resolve("show.avi").toString());
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("record: unsupported file type '.avi'");
        assertNothingCreated();
    }

    @Test
    void missingRecordDirectoryIsNamedBeforeGoingLive() throws IOException {
        Path missing = dir.resolve("x").resolve("y");
        CliRun.Result r = run("live", "--record", missing.resolve("show.mkv").toString(), "--duration", "2");
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).isEqualTo("castline: invalid setting: record: directory " + missing + " does not exist"
                + System.lineSeparator());
        assertNothingCreated();
    }

    @Test
    void recordDirectoryThatIsAFileIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        CliRun.Result r = run("live", "--record", file.resolve("show.mkv").toString(), "--duration", "2");
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("record: " + file + " is not a directory");
        assertThat(file).hasContent("not a folder");
    }

    @Test
    void unwritableRecordDirectoryIsNamed() throws IOException {
        String unavailable = SmallDisk.unavailableReason();
        // CI runs as root: there the read-only disk must be made, never skipped
        if (System.getenv("CI") != null) assertThat(unavailable).as("CI must be able to mount a tmpfs").isNull();
        Assumptions.assumeTrue(unavailable == null, () -> "read-only folder test skipped: " + unavailable);
        try (SmallDisk readOnly = SmallDisk.mount(dir.resolve("ro"), 1, true)) {
            CliRun.Result r = run("live", "--record", readOnly.dir().resolve("show.mkv").toString(), "--duration", "2");
            assertRefusedBeforeGoingLive(r);
            assertThat(r.err()).contains("record: directory " + readOnly.dir() + " is not writable");
        }
    }

    @Test
    void badProfileFieldIsNamed() throws IOException {
        Path profile = dir.resolve("p.json");
        Files.writeString(profile, "{\"fps\": \"abc\"}");
        CliRun.Result r = run("live", "--profile", profile.toString(), "--record", dir.resolve("x.mkv").toString());
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("fps: ");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(profile);
        }
    }

    @Test
    void nonNumericOptionIsAPicocliErrorWithExitCode2() {
        CliRun.Result r = run("live", "--fps", "abc", "--record", dir.resolve("x.mkv").toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("--fps").contains("abc");
    }
    @Test
    void aMissingCaFileIsNamedBeforeGoingLive() {
        Path missing = dir.resolve("missing-ca.pem");
        CliRun.Result r = run("live", "--primary", "rtmps://127.0.0.1:1/app/SECRETKEY123", "--primary-ca", missing.toString());
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("primary-ca: " + missing + " does not exist");
    }

    @Test
    void aFileWithoutACertificateIsNotACaFile() throws IOException {
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "trust me");
        CliRun.Result r = run("live", "--backup", "rtmps://127.0.0.1:1/app/SECRETKEY123", "--backup-ca", notPem.toString());
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("backup-ca: " + notPem + " holds no certificate");
    }

    @Test
    void aBadFingerprintIsNamed() {
        CliRun.Result r = run("live", "--backup", "rtmps://127.0.0.1:1/app/SECRETKEY123", "--backup-fingerprint", "AB:CD");
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("backup-fingerprint: 'AB:CD' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
    }

    @Test
    void trustNeedsItsRtmpsDestination() {
        String pin = "ab".repeat(32);
        CliRun.Result without = run("live", "--record", dir.resolve("x.mkv").toString(), "--primary-fingerprint", pin);
        assertRefusedBeforeGoingLive(without);
        assertThat(without.err()).contains("primary-fingerprint: needs --primary");
        CliRun.Result plain = run("live", "--primary", "rtmp://127.0.0.1:1/app/SECRETKEY123", "--primary-fingerprint", pin);
        assertRefusedBeforeGoingLive(plain);
        assertThat(plain.err()).contains("primary-fingerprint: only an rtmps:// or whips:// destination has a certificate to trust "
                + "(primary is rtmp://127.0.0.1:1/app/••••)").doesNotContain("SECRETKEY123");
        CliRun.Result both = run("live", "--primary", "rtmps://127.0.0.1:1/app/SECRETKEY123", "--primary-fingerprint", pin,
                "--primary-ca", "/etc/ssl/certs/ca-certificates.crt");
        assertRefusedBeforeGoingLive(both);
        assertThat(both.err()).contains("primary-ca: give --primary-ca or --primary-fingerprint, not both");
    }

    @Test
    void theProfileKeysAreCheckedAsTheFlagsAre() throws IOException {
        Path profile = Files.writeString(dir.resolve("profile.json"),
                "{\"primary\": \"rtmps://127.0.0.1:1/app/SECRETKEY123\", \"primary_ca\": \"" + dir.resolve("nope.pem") + "\"}");
        CliRun.Result r = run("live", "--profile", profile.toString());
        assertRefusedBeforeGoingLive(r);
        assertThat(r.err()).contains("primary-ca: " + dir.resolve("nope.pem") + " does not exist");
    }

    @Test
    void bandwidthTestChecksItsTrustOptionsToo() {
        CliRun.Result r = run("bandwidth-test", "rtmp://127.0.0.1:1/app/SECRETKEY123", "--fingerprint", "ab".repeat(32));
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("fingerprint: only an rtmps:// or whips:// destination has a certificate to trust");
    }
}
