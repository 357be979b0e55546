package io.castline.installers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The installed studio's class-data archive. A build's {@code ./castline studio} maps the 7,000
 * classes it loads at start from an archive the JVM wrote at its first exit: about 0.6 s sooner to
 * the first picture. An installed copy cannot do that (it cannot write beside itself, and a JVM
 * option cannot say "write it if it is not there"), and an archive cannot be made at build time
 * and shipped: it records the jars' paths, and an archive written under the build's folder is
 * refused under {@code /opt} ("shared class paths mismatch", checked with JDK 17).
 *
 * <p>So the package carries what the archive is made from, and the archive is made where the
 * program is installed:
 * <ol>
 *   <li>at build time the app-image's studio starts once (on the display the build has, or an
 *       Xvfb of its own) with {@code -XX:DumpLoadedClassList}, which lists every class it loaded
 *       until its first picture: {@code lib/app/castline.classlist};</li>
 *   <li>{@code lib/app/class-archive.sh} makes {@code castline-studio.jsa} from that list with the
 *       installed runtime ({@code -Xshare:dump}, a few seconds, no display); the .deb's postinst runs
 *       it, its prerm deletes the archive again;</li>
 *   <li>the launcher's options name the archive; a JVM that finds none, or one that does not fit
 *       (a runtime upgraded under it), starts without it, silently.</li>
 * </ol>
 * Without a display or Xvfb at build time the package is made without the list (and starts that
 * much slower), with a line saying so.
 */
final class StudioClassArchive {
    static final String CLASS_LIST = "castline.classlist";
    static final String ARCHIVE = "castline-studio.jsa";
    static final String SCRIPT = "class-archive.sh";
    /** Fewer classes than this: the studio did not get as far as its first picture. */
    private static final int MIN_CLASSES = 3000;

    private StudioClassArchive() {}

    /**
     * Lists the studio's classes in the app-image, adds the script and names the archive in the
     * launcher's options. False (and the image left as it was) when no studio could be started.
     */
    static boolean prepare(Path image, List<String> javaOptions, Path work) throws IOException, InterruptedException {
        Path app = image.resolve("lib/app");
        Path list = app.resolve(CLASS_LIST);
        try (Display display = Display.find(work)) {
            if (display == null) {
                System.out.println("installers: no display and no Xvfb: the package has no class list; the installed studio starts about 0.6 s slower");
                return false;
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(image.resolve("lib/runtime/bin/java").toString());
            cmd.addAll(javaOptions);
            cmd.add("-XX:DumpLoadedClassList=" + list);
            cmd.add("-Dcastline.config.dir=" + Files.createDirectories(work.resolve("class-list-config")));
            cmd.addAll(List.of("-cp", classPath(app, app.toString()), "io.castline.app.bench.StudioProbe", "0", "10", "0", "0", "false"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(work.resolve("class-list-studio.log").toFile());
            pb.environment().put("DISPLAY", display.name());
            Process studio = pb.start();
            if (!studio.waitFor(120, TimeUnit.SECONDS)) {
                studio.destroyForcibly();
                throw new IllegalStateException("the studio started for the class list did not finish in 120 s; see " + work.resolve("class-list-studio.log"));
            }
        }
        long classes = Files.exists(list) ? Files.lines(list).filter(l -> !l.startsWith("#")).count() : 0;
        if (classes < MIN_CLASSES) {
            throw new IllegalStateException("the studio started for the class list loaded " + classes + " classes (expected "
                    + MIN_CLASSES + "+); see " + work.resolve("class-list-studio.log"));
        }
        System.out.println("installers: the studio's class list: " + classes + " classes");
        Path script = app.resolve(SCRIPT);
        Files.writeString(script, script(javaOptions));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        // the launcher's own configuration: the archive where the script writes it; quiet when there is none
        Files.writeString(app.resolve("castline.cfg"), "java-options=-XX:SharedArchiveFile=$APPDIR/" + ARCHIVE + "\n"
                + "java-options=-Xlog:cds=off\njava-options=-Xlog:cds+dynamic=off\n", StandardOpenOption.APPEND);
        return true;
    }

    /** The class path the launcher gives the JVM: the configuration's entries in order, $APPDIR made {@code appDir}. */
    static String classPath(Path app, String appDir) throws IOException {
        List<String> entries = Files.readAllLines(app.resolve("castline.cfg")).stream()
                .filter(l -> l.startsWith("app.classpath="))
                .map(l -> l.substring("app.classpath=".length()).replace("$APPDIR", appDir)).toList();
        if (entries.isEmpty()) throw new IllegalStateException("no app.classpath in " + app.resolve("castline.cfg"));
        return String.join(":", entries);
    }

    /** The script that writes the archive beside itself, with the same heap and collector options the launcher gives. */
    static String script(List<String> javaOptions) {
        String options = String.join(" ", javaOptions.stream().filter(o -> o.startsWith("-Xm") || o.contains("GC")).toList());
        return """
                #!/bin/sh
                # Writes this installed copy's class-data archive (castline-studio.jsa, beside this script) from the
                # list of classes the studio loads at start (castline.classlist, made when the package was built):
                # the JVM then maps them at every start instead of reading them from the jars, about 0.6 s sooner to
                # the first picture. An archive records the jars' paths, so it is made where the program is
                # installed; the .deb's postinst runs this. The launcher starts without an archive it cannot use.
                set -e
                app="$(cd "$(dirname "$0")" && pwd)"
                cp="$(sed -n "s|^app.classpath=\\$APPDIR|$app|p" "$app/castline.cfg" | paste -sd: -)"
                rm -f "$app/%2$s"
                exec "$app/../runtime/bin/java" -Xshare:dump %1$s -XX:SharedClassListFile="$app/%3$s" \\
                  -XX:SharedArchiveFile="$app/%2$s" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$cp" >/dev/null
                """.formatted(options, ARCHIVE, CLASS_LIST);
    }

    /**
     * The .deb's maintainer scripts: jpackage's own (JDK 17) with the archive written after the
     * install and deleted before the removal (dpkg knows nothing of a file made after unpacking).
     * jpackage still fills in its words (the menu entry's commands).
     */
    static Path debScripts(Path dir, String installDir) throws IOException {
        Files.createDirectories(dir);
        String script = installDir + "/lib/app/" + SCRIPT;
        String archive = installDir + "/lib/app/" + ARCHIVE;
        Files.writeString(dir.resolve("postinst"), """
                #!/bin/sh
                # postinst script for APPLICATION_PACKAGE (jpackage's, and the studio's class-data archive)
                set -e

                case "$1" in
                    configure)
                DESKTOP_COMMANDS_INSTALL
                        %1$s || echo "castline: the studio's class-data archive was not written; it starts about 0.6 s slower" >&2
                    ;;

                    abort-upgrade|abort-remove|abort-deconfigure)
                    ;;

                    *)
                        echo "postinst called with unknown argument \\`$1'" >&2
                        exit 1
                    ;;
                esac

                exit 0
                """.formatted(script));
        Files.writeString(dir.resolve("prerm"), """
                #!/bin/sh
                # prerm script for APPLICATION_PACKAGE (jpackage's, and the studio's class-data archive)
                set -e

                UTILITY_SCRIPTS

                case "$1" in
                    remove|upgrade|deconfigure)
                DESKTOP_COMMANDS_UNINSTALL
                        rm -f %1$s
                    ;;

                    failed-upgrade)
                    ;;

                    *)
                        echo "prerm called with unknown argument \\`$1'" >&2
                        exit 1
                    ;;
                esac

                exit 0
                """.formatted(archive));
        return dir;
    }

    /**
     * An Xvfb of its own (closed with it), so that no window flashes on a developer's desktop; the
     * display the build has when there is no Xvfb.
     */
    private record Display(String name, Process xvfb) implements AutoCloseable {
        static Display find(Path work) throws IOException {
            String own = System.getenv("DISPLAY");
            Display fallback = own != null && !own.isBlank() ? new Display(own, null) : null;
            Process xvfb;
            try {
                // -displayfd: Xvfb picks a free display and writes its number on that descriptor (1: stdout)
                xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
                        .redirectError(work.resolve("class-list-xvfb.log").toFile()).start();
            } catch (IOException notInstalled) {
                return fallback;
            }
            BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8));
            String number = out.readLine();
            if (number == null || !number.strip().matches("\\d+")) {
                xvfb.destroyForcibly();
                return fallback;
            }
            return new Display(":" + number.strip(), xvfb);
        }

        @Override public void close() throws InterruptedException {
            if (xvfb != null) {
                xvfb.destroy();
                xvfb.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
