package io.castline.installers;

import io.castline.testing.Ffprobe;
import io.castline.testing.NginxRtmp;
import io.castline.testing.TestWorkdir;
import io.castline.testing.XvfbDisplay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Linux package as a host gets it: the .deb that {@link Packager} made is unpacked
 * ({@code dpkg-deb -x}, what installing puts under /opt), its postinst's own step is run (the
 * studio's class-data archive, written where the program is) and the installed launcher is run with an
 * empty environment (no JDK on the PATH, no JAVA_HOME, a fresh home): {@code castline --version},
 * then a 5-second {@code castline live} to a real nginx-rtmp on loopback, whose recording ffprobe
 * reads. That proves the bundled runtime and the FFmpeg natives are complete.
 */
class InstalledLinuxPackageTest {
    /** The limit for the Linux installer. */
    private static final long MAX_PACKAGE_BYTES = 150L << 20;
    private static Path deb;
    private static Path installed;
    private static Path control;
    private static Path work;

    @BeforeAll
    static void unpack() throws Exception {
        Path dir = Path.of(System.getProperty("castline.installers.dir"));
        try (Stream<Path> files = Files.list(dir)) {
            deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb in " + dir + " (Packager runs at package)"));
        }
        work = TestWorkdir.fresh("installed-linux-package");
        Path root = work.resolve("root");
        run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Map.of(), Duration.ofMinutes(2));
        installed = root.resolve("opt/castline");
        control = work.resolve("control");
        run(List.of("dpkg-deb", "-e", deb.toString(), control.toString()), Map.of(), Duration.ofMinutes(1));
        // what the postinst runs after dpkg has unpacked the files (the rest of it is the menu entry)
        Result archive = run(List.of(installed.resolve("lib/app/" + StudioClassArchive.SCRIPT).toString()), Map.of(),
                Duration.ofMinutes(2));
        assertThat(archive.exit).as("class-archive.sh: " + archive.output).isZero();
        Files.createDirectories(work.resolve("home"));
        Files.createDirectories(work.resolve("empty-path"));
    }

    @Test
    void thePackageWritesTheStudiosClassArchiveWhereItIsInstalledAndTakesItAwayAgain() throws IOException {
        String postinst = Files.readString(control.resolve("postinst"));
        String prerm = Files.readString(control.resolve("prerm"));
        assertThat(postinst).contains("/opt/castline/lib/app/" + StudioClassArchive.SCRIPT)
                .contains("xdg-desktop-menu install"); // jpackage's own part is still there
        assertThat(prerm).contains("rm -f /opt/castline/lib/app/" + StudioClassArchive.ARCHIVE).contains("xdg-desktop-menu uninstall");
        Path archive = installed.resolve("lib/app/" + StudioClassArchive.ARCHIVE);
        assertThat(archive).exists();
        System.out.printf("installers: the studio's class list %d classes, its archive %.1f MB%n",
                Files.lines(installed.resolve("lib/app/" + StudioClassArchive.CLASS_LIST)).count(), Files.size(archive) / 1048576.0);
        assertThat(Files.size(archive)).as("an archive of the studio's classes").isGreaterThan(10L << 20);
    }

    @Test
    void theInstalledCopyRunsOnItsOwnRuntime() throws Exception {
        assertThat(installed.resolve("bin/castline")).isExecutable();
        assertThat(installed.resolve("lib/runtime/release")).as("the bundled runtime").exists();
        assertThat(installed.resolve("lib/runtime/bin/javac")).as("a trimmed runtime, not a JDK").doesNotExist();
        long packageBytes = Files.size(deb);
        long treeBytes = treeSize(installed);
        System.out.printf("installers: %s %.1f MB (%.1f MiB), installed tree %.1f MB (%.1f MiB)%n", deb.getFileName(),
                packageBytes / 1e6, packageBytes / 1048576.0, treeBytes / 1e6, treeBytes / 1048576.0);
        assertThat(packageBytes).as("the .deb stays under 150 MB").isLessThan(MAX_PACKAGE_BYTES);

        Result version = castline(List.of("--version"), Duration.ofSeconds(60));
        assertThat(version.exit).as(version.output).isZero();
        assertThat(version.output.lines()).contains("Castline " + System.getProperty("castline.version").replace("-SNAPSHOT", ""));
    }

    @Test
    void theInstalledCopyGoesLiveToARealIngest() throws Exception {
        try (NginxRtmp nginx = NginxRtmp.start(work.resolve("nginx"))) {
            Result live = castline(List.of("live", "--primary", nginx.url(NginxRtmp.LIVE, "smoke"), "--duration", "5"),
                    Duration.ofSeconds(120));
            System.out.println("installers: castline live from the installed copy:\n" + live.output);
            assertThat(live.exit).as(live.output).isZero();
            nginx.awaitPublishesFinished(NginxRtmp.LIVE, "smoke", 1, Duration.ofSeconds(15));
            List<Path> recordings = nginx.recordings("smoke");
            assertThat(recordings).hasSize(1);
            Ffprobe.Probe probe = Ffprobe.probe(recordings.get(0));
            System.out.printf("installers: nginx received %d frames %dx%d %s, audio %s, %.2f s%n", probe.videoFrameCount(),
                    probe.video().width(), probe.video().height(), probe.video().codecName(), probe.audio().codecName(),
                    probe.durationSeconds());
            assertThat(probe.video().codecName()).isEqualTo("h264");
            assertThat(probe.video().width()).isEqualTo(1280);
            assertThat(probe.video().height()).isEqualTo(720);
            assertThat(probe.videoFrameCount()).as("five seconds at 30 fps").isBetween(140, 160);
            assertThat(probe.audio().codecName()).isEqualTo("aac");
        }
    }

    /**
     * A double-click: the launcher without arguments opens the studio (here under Xvfb) and shows
     * the program; what it writes goes to the user's home, nothing beside the installed program
     * (which a host cannot write to once it is installed under /opt).
     */
    @Test
    void theLauncherWithoutArgumentsOpensTheStudioFromItsClassArchive() throws Exception {
        List<String> before = listing(installed);
        Path home = Files.createDirectories(work.resolve("studio-home"));
        try (XvfbDisplay x = XvfbDisplay.start(work, 60)) {
            ProcessBuilder pb = new ProcessBuilder(installed.resolve("bin/castline").toString()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().putAll(freshUser(home, Map.of("DISPLAY", x.name())));
            Path log = work.resolve("studio.log");
            Process studio = pb.redirectOutput(log.toFile()).start();
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < until && studio.isAlive() && !Files.readString(log).contains("first preview picture")) {
                    Thread.sleep(250);
                }
                assertThat(Files.readString(log)).as("the installed studio showed its program (log %s)", log)
                        .contains("first preview picture");
                // the launcher is the JVM (jpackage's launcher loads it in-process): its classes come from the archive
                assertThat(Files.readString(Path.of("/proc", Long.toString(studio.pid()), "maps")))
                        .as("the studio maps its class-data archive").contains(StudioClassArchive.ARCHIVE);
            } finally {
                studio.destroy();
                assertThat(studio.waitFor(60, TimeUnit.SECONDS)).as("the studio exited on SIGTERM").isTrue();
            }
        }
        assertThat(listing(installed)).as("nothing written beside the installed program").isEqualTo(before);
        // (the settings go to ~/.config/castline once there are any, the FFmpeg natives are unpacked
        // into ~/.javacpp/cache, the log goes to the standard error stream)
    }

    /**
     * The environment of a user who never ran Castline: a home of its own (for GTK and the
     * studio's settings; Java takes its user.home from the password file) and a PATH with nothing
     * on it: no JDK to fall back on.
     */
    private static Map<String, String> freshUser(Path home, Map<String, String> more) throws IOException {
        Files.createDirectories(home);
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("HOME", home.toString());
        env.put("PATH", work.resolve("empty-path").toString());
        return env;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }

    private record Result(int exit, String output) {}

    /** The installed launcher with an empty environment: no JDK on the PATH, no JAVA_HOME, a fresh home. */
    private static Result castline(List<String> args, Duration timeout) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(installed.resolve("bin/castline").toString());
        cmd.addAll(args);
        return run(cmd, freshUser(work.resolve("home"), Map.of()), timeout);
    }

    private static Result run(List<String> cmd, Map<String, String> env, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Path out = Files.createTempFile(work == null ? Path.of(System.getProperty("java.io.tmpdir")) : work, "run", ".log");
        Process p = pb.redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish in " + timeout + ": " + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (cmd.get(0).equals("dpkg-deb") && p.exitValue() != 0) throw new IOException("dpkg-deb failed: " + output);
        return new Result(p.exitValue(), output);
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
