package io.castline.installers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds this platform's installers from the studio's build ({@code app/target}): a trimmed Java
 * runtime (jlink: the JDK modules jdeps finds, without debug symbols, headers and man pages,
 * compressed, with the JDK's class-data archive), then jpackage's packages of it with the studio's
 * jars and the icons {@link IconSet} made.
 *
 * <ul>
 *   <li>Linux: a {@code .deb} and an app-image archive ({@code .tar.gz});</li>
 *   <li>Windows: an {@code .msi} (per-user, start menu and desktop shortcut, one upgrade code for
 *       every version so that a new one replaces the old) with a second, console launcher
 *       {@code castline-cli.exe} for the command line (a GUI program has no console to print to);</li>
 *   <li>macOS: a {@code .dmg} for the build machine's architecture, with the camera and microphone
 *       usage descriptions macOS shows when the studio first asks ({@code installers/macos/Info.plist}).</li>
 * </ul>
 * JavaFX and the FFmpeg natives are the build's own jars, the build machine's platform only (the
 * poms pull its classifiers), on the class path as in a build. jdeps, jlink and jpackage run
 * in-process (the JDK's {@link ToolProvider}s), so the build needs no shell on any platform.
 *
 * <p>{@code Packager VERSION APP_TARGET ICON_DIR INSTALLERS_DIR OUT_DIR}
 */
public final class Packager {
    /**
     * The MSI upgrade code: the same for every version, which is how Windows Installer knows that a
     * new Castline replaces an installed one rather than installing beside it. Never change it.
     */
    static final String WINDOWS_UPGRADE_UUID = "5b0c3f0e-7d1a-4c62-9a57-2f4c8e6d1b93";
    static final String MAC_BUNDLE_ID = "io.castline.studio";
    static final String VENDOR = "Castline";
    static final String DESCRIPTION = "Castline: a broadcaster for live-commerce hosts (scenes, product cards, a primary and a backup ingest)";
    /**
     * The JDK modules only reached by name at run time, which jdeps cannot see: elliptic-curve TLS
     * (RTMPS ingests), the locales' data (number and currency formats), the extra charsets, the
     * random generators (reconnect jitter: without it {@code castline live} failed with "No
     * implementation of L32X64MixRandom"), jdk.management (the process's CPU time for the stats bar)
     * and the zip file system.
     */
    static final List<String> MODULES_BY_NAME = List.of("jdk.crypto.ec", "jdk.localedata", "jdk.charsets", "jdk.random",
            "jdk.management", "jdk.zipfs");
    /** The same JVM options as {@code ./castline} gives the studio (docs/performance.md, "Memory"). */
    static final List<String> JAVA_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000", "-XX:TieredStopAtLevel=1", "-Xmn8m");
    static final String MAIN_CLASS = "io.castline.app.launcher.Castline";
    /** Where the .deb installs (jpackage's /opt/PACKAGE). */
    static final String LINUX_INSTALL_DIR = "/opt/castline";

    enum Os { LINUX, WINDOWS, MAC;
        static Os current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (name.contains("win")) return WINDOWS;
            if (name.contains("mac")) return MAC;
            return LINUX;
        }
    }

    private final String version;
    private final Path appTarget;
    private final Path icons;
    private final Path installersDir;
    private final Path out;
    private final Os os;

    Packager(String version, Path appTarget, Path icons, Path installersDir, Path out, Os os) {
        this.version = packageVersion(version, os);
        this.appTarget = appTarget;
        this.icons = icons;
        this.installersDir = installersDir;
        this.out = out;
        this.os = os;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: Packager VERSION APP_TARGET ICON_DIR INSTALLERS_DIR OUT_DIR");
            System.exit(2);
        }
        new Packager(args[0], Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), Os.current()).build();
    }

    /**
     * jpackage takes numbers only; macOS's bundle version must not start with 0 (jpackage refuses
     * "0.1.0" there), so a 0.x version is 1.0.x on macOS alone until Castline reaches 1.0.
     */
    static String packageVersion(String projectVersion, Os os) {
        String v = projectVersion.replace("-SNAPSHOT", "");
        if (!v.matches("\\d+(\\.\\d+){0,2}")) throw new IllegalArgumentException("version " + projectVersion + " is not N[.N[.N]]");
        if (os == Os.MAC && v.startsWith("0.")) {
            String[] parts = v.split("\\.");
            return "1.0." + parts[1];
        }
        return v;
    }

    void build() throws IOException, InterruptedException {
        deleteTree(out);
        Path work = out.resolve("work");
        Path input = Files.createDirectories(work.resolve("input"));
        Files.copy(appTarget.resolve("castline-app.jar"), input.resolve("castline-app.jar"));
        try (Stream<Path> jars = Files.list(appTarget.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, input.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }

        // every jar by name: the "dir/*" wildcard is the java launcher's, which an in-process jdeps does not have
        String classPath;
        try (Stream<Path> jars = Files.list(input)) {
            classPath = String.join(java.io.File.pathSeparator, jars.map(Path::toString).sorted().toList());
        }
        String modules = run("jdeps", "--ignore-missing-deps", "--print-module-deps", "--multi-release", "17",
                "--class-path", classPath, input.resolve("castline-app.jar").toString()).strip();
        // once each: jdeps finds some of those reached by name too
        modules = String.join(",", new java.util.LinkedHashSet<>(Stream.concat(
                Stream.of(modules.split(",")), MODULES_BY_NAME.stream()).toList()));
        System.out.println("installers: runtime modules: " + modules);
        Path runtime = work.resolve("runtime");
        run("jlink", "--add-modules", modules, "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2",
                "--generate-cds-archive", "--output", runtime.toString());
        // the launcher caps the heap at 512 MB, so the JVM always uses compressed object pointers and
        // never maps the archive jlink makes for a heap without them (11 MB)
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path unused : files.filter(p -> p.getFileName().toString().equals("classes_nocoops.jsa")).toList()) {
                Files.delete(unused);
            }
        }

        List<String> common = new ArrayList<>(List.of("--name", appName(), "--app-version", version, "--vendor", VENDOR,
                "--description", DESCRIPTION, "--input", input.toString(), "--main-jar", "castline-app.jar",
                "--main-class", MAIN_CLASS, "--runtime-image", runtime.toString(), "--icon", icons.resolve(iconFile()).toString()));
        for (String o : JAVA_OPTIONS) common.addAll(List.of("--java-options", o));

        switch (os) {
            case LINUX -> linux(work, common);
            case WINDOWS -> windows(work, common);
            case MAC -> mac(common);
        }
        try (Stream<Path> made = Files.list(out)) {
            made.filter(Files::isRegularFile).sorted().forEach(p -> System.out.printf("installers: %s  %.1f MB%n",
                    p.getFileName(), size(p) / 1e6));
        }
    }

    /**
     * Linux: the app-image, archived as it is; then the .deb of the same image, which also carries
     * the list of the classes the studio loads at start and writes the studio's class-data archive
     * where it is installed ({@link StudioClassArchive}).
     */
    private void linux(Path work, List<String> common) throws IOException, InterruptedException {
        Path images = work.resolve("image");
        jpackage(common, "--type", "app-image", "--dest", images.toString());
        Path image = images.resolve(appName());
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        // the archive to unpack anywhere: the runtime's own class-data archive only (see below)
        Process tar = new ProcessBuilder("tar", "-C", images.toString(), "-czf",
                out.resolve("castline-" + version + "-linux-" + arch + ".tar.gz").toString(), appName()).inheritIO().start();
        if (tar.waitFor() != 0) throw new IllegalStateException("tar failed (exit " + tar.exitValue() + ")");

        List<String> deb = new ArrayList<>(List.of("--type", "deb", "--app-image", image.toString(), "--dest", out.toString(),
                "--name", appName(), "--app-version", version, "--vendor", VENDOR, "--description", DESCRIPTION,
                "--icon", icons.resolve(iconFile()).toString(), "--linux-package-name", "castline", "--linux-shortcut",
                "--linux-menu-group", "AudioVideo;Video", "--linux-app-category", "video",
                "--linux-deb-maintainer", "castline@localhost",
                // SRT outputs read their connection's statistics through the system's libsrt (either build)
                "--linux-package-deps", "libsrt1.5-gnutls | libsrt1.5-openssl"));
        if (StudioClassArchive.prepare(image, JAVA_OPTIONS, work)) {
            deb.addAll(List.of("--resource-dir", StudioClassArchive.debScripts(work.resolve("deb-resources"), LINUX_INSTALL_DIR).toString()));
        }
        run("jpackage", deb.toArray(String[]::new));
    }

    private void windows(Path work, List<String> common) throws IOException {
        // the command line's own launcher: a console program, the same main class and options
        Path cli = work.resolve("castline-cli.properties");
        Files.writeString(cli, "win-console=true\n");
        jpackage(common, "--type", "msi", "--dest", out.toString(), "--win-per-user-install", "--win-menu",
                "--win-menu-group", "Castline", "--win-shortcut", "--win-dir-chooser",
                "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID, "--add-launcher", "castline-cli=" + cli);
    }

    private void mac(List<String> common) throws IOException {
        // Info.plist with the usage descriptions (jpackage fills in its DEPLOY_ placeholders)
        Path resources = installersDir.resolve("macos");
        List<String> mac = new ArrayList<>(List.of("--type", "dmg", "--dest", out.toString(), "--mac-package-identifier",
                MAC_BUNDLE_ID, "--mac-package-name", "Castline", "--resource-dir", resources.toString()));
        // signed where the build has a Developer ID identity in its keychain (the workflow imports one from its secrets)
        String identity = System.getenv("CASTLINE_MAC_SIGNING_IDENTITY");
        if (identity != null && !identity.isBlank()) mac.addAll(List.of("--mac-sign", "--mac-signing-key-user-name", identity));
        jpackage(common, mac.toArray(String[]::new));
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x86_64";
        try (Stream<Path> dmgs = Files.list(out)) {
            for (Path dmg : dmgs.filter(p -> p.toString().endsWith(".dmg")).toList()) {
                Files.move(dmg, out.resolve("Castline-" + version + "-macos-" + arch + ".dmg"));
            }
        }
    }

    private String appName() { return os == Os.LINUX ? "castline" : "Castline"; }

    private String iconFile() {
        return switch (os) {
            case LINUX -> "castline.png";
            case WINDOWS -> "castline.ico";
            case MAC -> "castline.icns";
        };
    }

    private static void jpackage(List<String> common, String... more) {
        List<String> args = new ArrayList<>(common);
        args.addAll(List.of(more));
        run("jpackage", args.toArray(String[]::new));
    }

    /** Runs a JDK tool in this JVM; its output is returned (and its errors thrown with what it said). */
    static String run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK (run the build with a full JDK 17)"));
        StringWriter text = new StringWriter();
        StringWriter errors = new StringWriter();
        int rc = provider.run(new PrintWriter(text, true), new PrintWriter(errors, true), args);
        if (rc != 0) throw new IllegalStateException(tool + " failed (exit " + rc + "): " + errors + text);
        if (!errors.toString().isBlank()) System.err.print(errors);
        return text.toString();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
