package io.castline.installers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of the installed studio's class-data archive that can be checked without a package. */
class StudioClassArchiveTest {

    @Test
    void theClassPathIsTheLaunchersInItsOrder(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("castline.cfg"), """
                [Application]
                app.classpath=$APPDIR/castline-app.jar
                app.mainclass=io.castline.app.launcher.Castline
                app.classpath=$APPDIR/b.jar
                app.classpath=$APPDIR/a.jar

                [JavaOptions]
                java-options=-Xmx512m
                """);
        assertThat(StudioClassArchive.classPath(app, "/opt/castline/lib/app"))
                .isEqualTo("/opt/castline/lib/app/castline-app.jar:/opt/castline/lib/app/b.jar:/opt/castline/lib/app/a.jar");
    }

    /**
     * The script and the maintainer scripts parse ({@code sh -n}); the script dumps with the
     * launcher's heap and collector (an archive made with other ones may not map).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void theScriptsAreShellThatParses(@TempDir Path dir) throws Exception {
        String script = StudioClassArchive.script(Packager.JAVA_OPTIONS);
        assertThat(script).contains("-Xshare:dump").contains("-Xmx512m").contains("-XX:+UseSerialGC")
                .contains("-XX:SharedClassListFile=\"$app/castline.classlist\"").doesNotContain("TieredStopAtLevel");
        Files.writeString(dir.resolve("class-archive.sh"), script);
        StudioClassArchive.debScripts(dir, "/opt/castline");
        for (String name : List.of("class-archive.sh", "postinst", "prerm")) {
            Process sh = new ProcessBuilder("sh", "-n", dir.resolve(name).toString()).redirectErrorStream(true).start();
            String said = new String(sh.getInputStream().readAllBytes());
            assertThat(sh.waitFor()).as(name + ": " + said).isZero();
        }
        assertThat(Files.readString(dir.resolve("postinst"))).contains("DESKTOP_COMMANDS_INSTALL")
                .contains("/opt/castline/lib/app/class-archive.sh ||");
        assertThat(Files.readString(dir.resolve("prerm"))).contains("DESKTOP_COMMANDS_UNINSTALL").contains("UTILITY_SCRIPTS")
                .contains("rm -f /opt/castline/lib/app/castline-studio.jsa");
    }
}
