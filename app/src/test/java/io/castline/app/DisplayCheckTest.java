package io.castline.app;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayCheckTest {
    @Test
    void linuxWithoutADisplaySaysWhatToDo() {
        assertThat(DisplayCheck.problem("Linux", Map.of(), null, "studio"))
                .startsWith("no display:").contains("xvfb-run -a ./castline studio");
        assertThat(DisplayCheck.problem("Linux", Map.of("DISPLAY", " "), null, "studio")).isNotNull();
    }

    @Test
    void aDisplayWaylandMonocleOrAnotherSystemIsFine() {
        assertThat(DisplayCheck.problem("Linux", Map.of("DISPLAY", ":0"), null, "studio")).isNull();
        assertThat(DisplayCheck.problem("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), null, "studio")).isNull();
        assertThat(DisplayCheck.problem("Linux", Map.of(), "Monocle", "studio")).isNull();
        assertThat(DisplayCheck.problem("Windows 11", Map.of(), null, "studio")).isNull();
        assertThat(DisplayCheck.problem("Mac OS X", Map.of(), null, "studio")).isNull();
    }
}
