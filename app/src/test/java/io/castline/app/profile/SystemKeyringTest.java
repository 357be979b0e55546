package io.castline.app.profile;

import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio's keys in a real system keyring (GNOME Keyring's Secret Service on a private D-Bus
 * session), through the studio's own store, across processes: saved by one, found by the next,
 * and neither in profile.json nor in a file beside it.
 */
class SystemKeyringTest {
    private static final String KEY = "sk_keyring_4711_zz";

    @Test
    void keysGoToTheKeyringAndComeBackInTheNextProcess() throws Exception {
        Path dir = TestWorkdir.fresh("system-keyring");
        try (SecretService service = SecretService.start(dir.resolve("home"))) {
            String saved = run(service.env(), "save", KEY);
            assertThat(saved).contains("saved to the system keyring");
            Path config = Path.of(service.env().get("XDG_CONFIG_HOME"), "castline");
            assertThat(Files.readString(config.resolve(ProfileStore.FILE_NAME))).doesNotContain(KEY)
                    .contains("rtmp://a.example.com/live");
            assertThat(config.resolve(OwnerOnlyKeyFile.FILE_NAME)).as("no file fallback with a keyring").doesNotExist();
            assertThat(run(service.env(), "load")).contains("key=" + KEY + " problem=null where=the system keyring");
        }
    }

    private static String run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KeyringRoundTrip.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
