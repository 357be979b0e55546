package io.castline.engine.settings;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDirsTest {
    @Test
    void perPlatformDirectories() {
        assertThat(ConfigDirs.configDir(null, "Linux", Map.of(), "/home/h")).isEqualTo(Path.of("/home/h/.config/castline"));
        assertThat(ConfigDirs.configDir(null, "Linux", Map.of("XDG_CONFIG_HOME", "/x/cfg"), "/home/h"))
                .isEqualTo(Path.of("/x/cfg/castline"));
        assertThat(ConfigDirs.configDir(null, "Linux", Map.of("XDG_CONFIG_HOME", "relative"), "/home/h"))
                .as("a relative XDG_CONFIG_HOME is ignored").isEqualTo(Path.of("/home/h/.config/castline"));
        assertThat(ConfigDirs.configDir(null, "Mac OS X", Map.of(), "/Users/h"))
                .isEqualTo(Path.of("/Users/h/Library/Application Support/Castline"));
        assertThat(ConfigDirs.configDir(null, "Windows 11", Map.of("APPDATA", "/c/Users/h/AppData/Roaming"), "/c/Users/h"))
                .isEqualTo(Path.of("/c/Users/h/AppData/Roaming/Castline"));
        assertThat(ConfigDirs.configDir("/tmp/override", "Linux", Map.of(), "/home/h")).isEqualTo(Path.of("/tmp/override"));
    }
}
