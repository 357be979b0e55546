package io.castline.app.preview;

import io.castline.engine.video.PreviewScaler;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The live program in the preview pane. The engine scales each canvas to preview size (BGRA) on
 * its compositor thread; here, on every JavaFX pulse, the newest picture is copied into one
 * {@link PixelBuffer} that backs the image, and only when a new one has come. No image is
 * allocated per frame (a new WritableImage a frame would make hundreds of MB/s of garbage).
 * With the preview switched off the pulse timer stops too, so an idle window costs nothing.
 */
public final class ProgramPreview {
    private static final Duration RESIZE_SETTLE = Duration.millis(250);
    /** Pixels by which a picture may miss the screen's size and still be shown 1:1 (black edge instead). */
    private static final double NATURAL_SLACK = 2;
    private final PreviewPane pane;
    private final Supplier<PreviewScaler> source;
    private final ImageView view = new ImageView();
    private PixelBuffer<IntBuffer> pixels;
    private ByteBuffer target;
    private PreviewScaler shown;
    private int shownFrames = -1;
    private long drawn;
    /** When the first picture was handed to the renderer (System.nanoTime), 0 before. */
    private long firstHandedNanos;
    private LongConsumer firstPictureListener = t -> { };
    /** Whether the last {@link #refresh} copied a picture (set inside the pixel buffer's update). */
    private boolean copied;

    private final AnimationTimer timer = new AnimationTimer() {
        @Override public void handle(long now) { refresh(); }
    };

    /**
     * @param source   the engine's current preview picture (null: none)
     * @param sizeSink told the preview's on-screen size in device pixels (after resizing settles),
     *                 so the engine makes pictures the renderer can draw 1:1
     */
    public ProgramPreview(PreviewPane pane, Supplier<PreviewScaler> source, BiConsumer<Integer, Integer> sizeSink) {
        this.pane = pane;
        this.source = source;
        view.setId("preview-picture");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        PauseTransition settle = new PauseTransition(RESIZE_SETTLE);
        settle.setOnFinished(e -> askForScreenSize(sizeSink));
        InvalidationListener resized = o -> {
            fit();
            settle.playFromStart();
        };
        pane.screen().widthProperty().addListener(resized);
        pane.screen().heightProperty().addListener(resized);
        pane.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) scene.windowProperty().addListener((o2, a2, w) -> {
                if (w != null) w.outputScaleXProperty().addListener(resized);
            });
        });
    }

    private void askForScreenSize(BiConsumer<Integer, Integer> sizeSink) {
        double w = pane.screen().getWidth();
        double h = pane.screen().getHeight();
        if (w < 2 || h < 2) return;
        sizeSink.accept((int) Math.round(w * outputScaleX()), (int) Math.round(h * outputScaleY()));
    }

    /**
     * The picture fills the screen. When the engine made it at the screen's size (give or take the
     * even-size rounding of swscale) it is shown at its natural size instead: one image pixel per
     * device pixel, which the software renderer draws without resampling. A canvas smaller than
     * the screen is scaled up by the renderer.
     */
    private void fit() {
        if (pixels == null) return;
        double naturalW = pixels.getWidth() / outputScaleX();
        double naturalH = pixels.getHeight() / outputScaleY();
        double screenW = pane.screen().getWidth();
        double screenH = pane.screen().getHeight();
        boolean natural = Math.abs(naturalW - screenW) <= NATURAL_SLACK && Math.abs(naturalH - screenH) <= NATURAL_SLACK;
        view.setFitWidth(natural ? naturalW : screenW);
        view.setFitHeight(natural ? naturalH : screenH);
    }

    private double outputScaleX() {
        Window w = pane.getScene() == null ? null : pane.getScene().getWindow();
        return w == null ? 1 : w.getOutputScaleX();
    }

    private double outputScaleY() {
        Window w = pane.getScene() == null ? null : pane.getScene().getWindow();
        return w == null ? 1 : w.getOutputScaleY();
    }

    /** The picture's id (tests find it by it): "preview-picture" unless set. */
    public void setPictureId(String id) { view.setId(id); }

    public void start() { timer.start(); }

    public void stop() { timer.stop(); }

    /** Runs while {@code enabled} is true; off, the placeholder shows. */
    public void follow(ObservableBooleanValue enabled) {
        enabled.addListener((o, was, on) -> {
            if (on) {
                start();
            } else {
                stop();
                shown = null;
                shownFrames = -1;
                pane.setPicture(null);
                // the picture's buffer and the renderer's texture of it (8 MB in the software
                // pipeline) are not kept for a preview that may stay off for the whole show
                view.setImage(null);
                pixels = null;
                target = null;
            }
        });
        if (enabled.get()) start();
    }

    /**
     * Told once, with System.nanoTime(), when the first picture has been drawn: at the pulse after
     * the one that handed it to the renderer (pulses wait for the previous frame's rendering).
     */
    public void onFirstPicture(LongConsumer listener) { this.firstPictureListener = listener; }

    /** New pictures copied into the image so far (each is drawn at the next render). */
    public long drawnFrames() { return drawn; }

    private void refresh() {
        if (firstHandedNanos > 0 && firstPictureListener != null) {
            LongConsumer l = firstPictureListener;
            firstPictureListener = null;
            l.accept(System.nanoTime());
        }
        PreviewScaler scaler = source.get();
        if (scaler != shown) {
            // a new scaler (resized window, restarted program): the old picture stays until its first
            shown = scaler;
            shownFrames = -1;
            if (scaler == null) pane.setPicture(null);
        }
        if (scaler == null) return;
        int frames = scaler.frames();
        if (frames == shownFrames || frames == 0) return;
        if (pixels == null || pixels.getWidth() != scaler.width() || pixels.getHeight() != scaler.height()) {
            ByteBuffer bytes = ByteBuffer.allocateDirect(scaler.width() * scaler.height() * 4).order(ByteOrder.nativeOrder());
            pixels = new PixelBuffer<>(scaler.width(), scaler.height(), bytes.asIntBuffer(), PixelFormat.getIntArgbPreInstance());
            target = bytes;
            view.setImage(new WritableImage(pixels));
            fit();
        }
        // an absolute copy (the renderer moves the buffer's position); none when the scaler was
        // closed meanwhile (a resize), and then nothing is marked for redrawing
        copied = false;
        pixels.updateBuffer(b -> {
            copied = scaler.copyLatest(target);
            return copied ? null : Rectangle2D.EMPTY;
        });
        if (!copied) return;
        if (view.getParent() == null) pane.setPicture(view);
        shownFrames = frames;
        drawn++;
        if (firstHandedNanos == 0) firstHandedNanos = System.nanoTime();
    }
}
