package io.castline.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RenderingSetupTest {

    @Test
    void linuxWithoutAGraphicsDeviceGoesStraightToTheSoftwarePipeline() {
        Properties p = new Properties();
        boolean softwareOnly = RenderingSetup.apply(p, "Linux", path -> false);
        assertThat(softwareOnly).isTrue();
        assertThat(p.getProperty("prism.order")).isEqualTo("sw");
        assertThat(p.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void aDriNodeOrAnNvidiaDeviceLeavesJavaFxToTryTheGpu() {
        for (String device : Set.of("/dev/dri", "/dev/nvidia0")) {
            Properties p = new Properties();
            boolean softwareOnly = RenderingSetup.apply(p, "Linux", path -> path.equals(Path.of(device)));
            assertThat(softwareOnly).as(device).isFalse();
            assertThat(p.getProperty("prism.order")).as(device).isNull();
            assertThat(p.getProperty("java.awt.headless")).isEqualTo("true");
        }
    }

    @Test
    void otherSystemsAndTheUsersOwnChoiceAreLeftAlone() {
        for (String os : Set.of("Windows 11", "Mac OS X")) {
            Properties p = new Properties();
            assertThat(RenderingSetup.apply(p, os, path -> false)).as(os).isFalse();
            assertThat(p.getProperty("prism.order")).as(os).isNull();
        }
        Properties chosen = new Properties();
        chosen.setProperty("prism.order", "es2");
        chosen.setProperty("java.awt.headless", "false");
        RenderingSetup.apply(chosen, "Linux", path -> false);
        assertThat(chosen.getProperty("prism.order")).isEqualTo("es2");
        assertThat(chosen.getProperty("java.awt.headless")).isEqualTo("false");
    }
}
