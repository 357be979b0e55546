package io.castline.app.it;

import io.castline.app.RenderingSetup;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./castline} launcher's class-data archive for the studio, with the real script and
 * the real studio under Xvfb (and, on a machine without a GPU, that the studio loads no OpenGL): {@code studio --help} writes none; the first studio after a build
 * writes it when it exits; the next one loads its classes from it; a jar newer than the archive
 * has the next studio write it again. The launcher runs from a copy of the built layout
 * ({@code app/target/castline-app.jar}, {@code app/target/lib/}) made from this test's class path,
 * since the tests run before Maven packages the jars.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherClassArchiveTest {
    private static final long FIRST_PICTURE_TIMEOUT_SECONDS = 90;
    private static Path root;
    private static Path archive;
    private static Process xvfb;
    private static int display;

    @BeforeAll
    static void layoutAndDisplay() throws Exception {
        root = TestWorkdir.fresh("launcher-class-archive");
        Path script = root.resolve("castline");
        Files.copy(Path.of("..", "castline").toAbsolutePath().normalize(), script);
        Files.createDirectories(root.resolve("encoder/target"));
        Files.createFile(root.resolve("encoder/target/castline-encoder.jar"));
        Path lib = Files.createDirectories(root.resolve("app/target/lib"));
        Path appClasses = Path.of("target", "classes").toAbsolutePath();
        jar(appClasses, root.resolve("app/target/castline-app.jar"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (p.equals(appClasses) || p.endsWith("test-classes") || !Files.exists(p)) continue;
            if (Files.isDirectory(p)) {
                // the engine's classes in a reactor build that has not packaged them yet
                jar(p, lib.resolve(p.getParent().getParent().getFileName() + "-classes.jar"));
            } else if (!Files.exists(lib.resolve(p.getFileName()))) {
                Files.createSymbolicLink(lib.resolve(p.getFileName()), p);
            }
        }
        archive = root.resolve("app/target/castline-studio.jsa");
        display = 80 + (int) (ProcessHandle.current().pid() % 9);
        xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(root.resolve("xvfb.log").toFile()).start();
        Thread.sleep(1000);
        assertThat(xvfb.isAlive()).as("Xvfb started (apt package xvfb)").isTrue();
    }

    @AfterAll
    static void stopDisplay() throws InterruptedException {
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1) // on a fresh layout, without an archive
    void theFirstStudioWritesTheArchiveTheNextUsesItANewerJarRenewsIt() throws Exception {
        // --help prints and exits: too few classes to be worth an archive
        Process help = launcher(List.of("studio", "--help"), "").start();
        String helpOut = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(helpOut).startsWith("Usage: castline studio");
        assertThat(archive).doesNotExist();

        // the first studio: the JVM writes the archive as it exits (here on SIGTERM, as at a logout)
        runStudioUntilFirstPicture("", "first");
        assertThat(archive).exists();
        assertThat(Files.size(archive)).as("thousands of classes: JavaFX, the engine, Jackson").isGreaterThan(10L << 20);
        FileTime written = Files.getLastModifiedTime(archive);

        // the next studio loads its classes from it
        Path classLog = root.resolve("class-load.txt");
        runStudioUntilFirstPicture("-Xlog:class+load=info:file=" + classLog, "second");
        long fromArchive;
        try (Stream<String> lines = Files.lines(classLog)) {
            fromArchive = lines.filter(l -> l.contains("shared objects file (top)")).count();
        }
        assertThat(fromArchive).as("classes loaded from the studio's archive").isGreaterThan(3000);
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(written);

        // a rebuilt jar: the archive no longer fits, the next studio writes a new one
        Files.setLastModifiedTime(root.resolve("app/target/castline-app.jar"), FileTime.from(Instant.now().plusSeconds(5)));
        Thread.sleep(6000); // the new archive must be newer than the jar's time
        runStudioUntilFirstPicture("", "third");
        assertThat(archive).exists();
        assertThat(Files.getLastModifiedTime(archive).toInstant())
                .isAfter(Files.getLastModifiedTime(root.resolve("app/target/castline-app.jar")).toInstant());
    }

    /**
     * With no GPU (no /dev/dri, as in CI) the studio neither tries JavaFX's OpenGL pipeline nor lets
     * GTK look for OpenGL visuals: Mesa's software rasteriser and LLVM (about 50 MB resident) are
     * never loaded. The control run, with the user's own settings that ask for both, loads them:
     * so the check sees Mesa when it is there.
     */
    @Test
    @Order(2)
    void withoutAGpuTheStudioLoadsNoOpenGl() throws Exception {
        Assumptions.assumeFalse(RenderingSetup.hasGraphicsDevice(), "this machine has a GPU: JavaFX is meant to try it");
        String plain = runStudioUntilFirstPicture("", "no-gpu", Map.of());
        assertThat(plain).as("libraries mapped into the studio").contains("libprism_sw").contains("libglassgtk3")
                .doesNotContain("swrast_dri").doesNotContain("libLLVM").doesNotContain("libGLX_mesa");

        String asked = runStudioUntilFirstPicture("-Dprism.order=es2,sw", "es2-asked", Map.of("GDK_GL", ""));
        assertThat(asked).as("the control: OpenGL asked for by the user's own settings").contains("swrast_dri");
    }

    /** {@code ./castline studio} until its first preview picture is logged, then SIGTERM and its exit. */
    private static void runStudioUntilFirstPicture(String javaOpts, String name) throws Exception {
        runStudioUntilFirstPicture(javaOpts, name, Map.of());
    }

    /** As above, with more environment; returns the studio's memory map (/proc/PID/maps) at its first picture. */
    private static String runStudioUntilFirstPicture(String javaOpts, String name, Map<String, String> env) throws Exception {
        Path config = Files.createDirectories(root.resolve("config-" + name));
        ProcessBuilder pb = launcher(List.of("studio"), ("-Dcastline.config.dir=" + config + " " + javaOpts).trim());
        pb.environment().putAll(env);
        Process studio = pb.redirectErrorStream(true).start();
        Path log = root.resolve("studio-" + name + ".log");
        CompletableFuture<Boolean> picture = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(studio.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream out = Files.newOutputStream(log)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    if (line.contains("first preview picture")) picture.complete(true);
                }
            } catch (IOException e) {
                picture.completeExceptionally(e);
            }
            picture.complete(false);
        }, "launcher-test-log");
        reader.start();
        try {
            assertThat(picture.get(FIRST_PICTURE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                    .as("the %s studio showed a picture (its log: %s)", name, log).isTrue();
            // the launcher execs the JVM: the process started is the studio
            return Files.readString(Path.of("/proc", String.valueOf(studio.pid()), "maps"));
        } finally {
            studio.destroy();
            assertThat(studio.waitFor(60, TimeUnit.SECONDS)).as("the studio exited on SIGTERM").isTrue();
            reader.join(10_000);
        }
    }

    private static ProcessBuilder launcher(List<String> args, String javaOpts) {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("castline").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DISPLAY", ":" + display);
        env.put("CASTLINE_JAVA_OPTS", javaOpts);
        return pb;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
