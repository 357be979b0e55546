package io.castline.app.preview;

import io.castline.engine.video.PreviewScaler;
import javafx.animation.AnimationTimer;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.function.Supplier;

/**
 * The live program in the preview pane. The engine scales each canvas to preview size (BGRA) on
 * its compositor thread; here, on every JavaFX pulse, the newest picture is copied into one
 * {@link PixelBuffer} that backs the image, and only when a new one has come. No image is
 * allocated per frame (a new WritableImage a frame would make hundreds of MB/s of garbage).
 */
public final class ProgramPreview {
    private final PreviewPane pane;
    private final Supplier<PreviewScaler> source;
    private final ImageView view = new ImageView();
    private PixelBuffer<IntBuffer> pixels;
    private ByteBuffer target;
    private PreviewScaler shown;
    private int shownFrames = -1;

    private final AnimationTimer timer = new AnimationTimer() {
        @Override public void handle(long now) { refresh(); }
    };

    public ProgramPreview(PreviewPane pane, Supplier<PreviewScaler> source) {
        this.pane = pane;
        this.source = source;
        view.setId("preview-picture");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.fitWidthProperty().bind(pane.screen().widthProperty());
        view.fitHeightProperty().bind(pane.screen().heightProperty());
    }

    public void start() { timer.start(); }

    public void stop() { timer.stop(); }

    /** Frames shown so far of the current broadcast (for tests and the start-to-preview figure). */
    public int shownFrames() { return Math.max(0, shownFrames); }

    private void refresh() {
        PreviewScaler scaler = source.get();
        if (scaler != shown) {
            shown = scaler;
            shownFrames = -1;
            pane.setPicture(null);
        }
        if (scaler == null) return;
        int frames = scaler.frames();
        if (frames == shownFrames) return;
        ByteBuffer latest = scaler.latest();
        if (latest == null) return;
        if (pixels == null || pixels.getWidth() != scaler.width() || pixels.getHeight() != scaler.height()) {
            ByteBuffer bytes = ByteBuffer.allocateDirect(scaler.width() * scaler.height() * 4).order(ByteOrder.nativeOrder());
            pixels = new PixelBuffer<>(scaler.width(), scaler.height(), bytes.asIntBuffer(), PixelFormat.getIntArgbPreInstance());
            target = bytes;
            view.setImage(new WritableImage(pixels));
        }
        // absolute bulk copy: the renderer moves the buffer's position, so never rely on it
        pixels.updateBuffer(b -> {
            target.put(0, latest, 0, Math.min(latest.capacity(), target.capacity()));
            return null;
        });
        if (shownFrames < 0) pane.setPicture(view);
        shownFrames = frames;
    }
}
