package io.castline.app.it;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves what a scene shows as a PNG under target/screenshots, for people to look at. */
final class Snapshots {
    private Snapshots() {}

    static Path save(Scene scene, String name) {
        return write(StudioUi.fx(() -> scene.snapshot(null)), name);
    }

    /**
     * What the (headless) screen shows where {@code window} is, popups over it included (a
     * scene's snapshot has only that scene).
     */
    static Path saveScreen(FxRobot robot, Window window, String name) {
        Rectangle2D area = StudioUi.fx(() -> new Rectangle2D(window.getX(), window.getY(), window.getWidth(), window.getHeight()));
        // the robot reads the screen on the FX thread itself: called from the test's thread
        return write(toWritable(robot.capture(area).getImage()), name);
    }

    private static WritableImage toWritable(Image image) {
        return image instanceof WritableImage w ? w
                : new WritableImage(image.getPixelReader(), (int) image.getWidth(), (int) image.getHeight());
    }

    private static Path write(WritableImage image, String name) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Path file = Path.of(System.getProperty("castline.test.workdir", "target/it")).resolveSibling("screenshots")
                .resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
