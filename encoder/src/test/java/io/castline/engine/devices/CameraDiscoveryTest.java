package io.castline.engine.devices;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camera hot-plug through Webcam Capture's real discovery service and Castline's driver. There is
 * no camera here, so the V4L2 lister looks at a folder where the test "plugs in" device nodes (and
 * the sysfs files a driver writes), the only stand-in; everything above it is the product's code.
 */
class CameraDiscoveryTest {
    @TempDir Path dev;
    @TempDir Path sysfs;

    private void plug(int n, String name, int index) throws Exception {
        Files.createFile(dev.resolve("video" + n));
        Path info = Files.createDirectories(sysfs.resolve("video" + n));
        Files.writeString(info.resolve("name"), name + "\n");
        Files.writeString(info.resolve("index"), index + "\n");
    }

    @Test
    void camerasPluggedInAndOutAreSeenWithinAScan() throws Exception {
        plug(0, "Integrated Camera", 0);
        plug(1, "Integrated Camera", 1); // its metadata node: not a camera of its own
        Files.createFile(dev.resolve("null")); // other nodes are not cameras
        List<List<Camera>> heard = new CopyOnWriteArrayList<>();
        try (CameraDiscovery d = CameraDiscovery.start(new CameraLister.V4l2(dev, sysfs), 500)) {
            d.addListener(heard::add);
            assertThat(d.cameras()).containsExactly(new Camera("Integrated Camera", dev.resolve("video0").toString()));

            long plugged = System.nanoTime();
            plug(2, "HD Pro Webcam C920", 0);
            await(() -> d.cameras().size() == 2);
            double seconds = (System.nanoTime() - plugged) / 1e9;
            System.out.printf("FIGURES camera plugged in: seen after %.2f s (scan every 0.5 s here, 2 s in the product)%n", seconds);
            assertThat(d.cameras()).extracting(Camera::name).containsExactly("Integrated Camera", "HD Pro Webcam C920");
            assertThat(d.cameras().get(1).device()).isEqualTo(dev.resolve("video2").toString());
            assertThat(heard).isNotEmpty();

            Files.delete(dev.resolve("video0"));
            await(() -> d.cameras().size() == 1);
            assertThat(d.cameras()).extracting(Camera::name).containsExactly("HD Pro Webcam C920");
            assertThat(heard.get(heard.size() - 1)).isEqualTo(d.cameras());
        }
    }

    @Test
    void aNodeWithoutSysfsIsNamedByItsPath() throws Exception {
        Files.createFile(dev.resolve("video7"));
        assertThat(new CameraLister.V4l2(dev, sysfs).cameras())
                .containsExactly(new Camera(dev.resolve("video7").toString(), dev.resolve("video7").toString()));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not seen within 10 s");
            Thread.sleep(20);
        }
    }
}
