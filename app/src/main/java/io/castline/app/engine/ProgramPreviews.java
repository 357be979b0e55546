package io.castline.app.engine;

import io.castline.engine.Program;
import io.castline.engine.video.PreviewScaler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program's preview pictures: the program's own, at the size the window shows it, and studio
 * mode's (the next scene) at the same size. {@link CastlineEngine} calls every change on its
 * control thread, with the program running then (null: none); the pictures are read from the UI
 * thread ({@link #preview}, {@link #studioPreview}).
 */
final class ProgramPreviews {
    // under the engine's name, as before this part was split out of it
    private static final Logger LOG = LoggerFactory.getLogger(CastlineEngine.class);
    static final int PREVIEW_LONG_SIDE = 960;
    /** Beyond this the renderer scales the picture up: a 4K monitor does not need a 4K preview. */
    static final int MAX_PREVIEW_SIDE = 1920;

    private volatile PreviewScaler preview;
    private volatile boolean enabled = true;
    /** Studio mode's scene and picture (control thread writes; null: off). */
    private volatile String studioScene;
    private volatile PreviewScaler studioScaler;
    /** The box the window shows the preview in, device pixels; 0 until it has said. Control thread. */
    private int boxWidth;
    private int boxHeight;

    /** The program picture at preview size, or null (no program, or the preview is off). */
    PreviewScaler preview() { return enabled ? preview : null; }

    PreviewScaler studioPreview() { return studioScaler; }

    /** Control thread: studio mode shows {@code scene} (null: off), now on {@code p} and on each program after it. */
    void showStudioScene(Program p, String scene) throws Exception {
        studioScene = scene;
        showStudio(p);
    }

    /** Control thread: the studio-mode preview as {@link #studioScene} says, at the program preview's size. */
    private void showStudio(Program p) throws Exception {
        String scene = studioScene;
        if (p == null) return;
        if (scene == null || p.show().scene(scene).isEmpty()) {
            p.stopPreview();
            closeStudioScaler();
            return;
        }
        PreviewScaler main = preview;
        int w = main != null ? main.width() : previewSize(p.width(), p.height(), boxWidth, boxHeight)[0];
        int h = main != null ? main.height() : previewSize(p.width(), p.height(), boxWidth, boxHeight)[1];
        PreviewScaler old = studioScaler;
        PreviewScaler scaler = old != null && old.width() == w && old.height() == h ? old : new PreviewScaler(w, h);
        p.showPreview(scene, scaler);
        studioScaler = scaler;
        if (old != null && old != scaler) old.close();
    }

    /** Control thread: a program started anew shows studio mode's scene again, if it is on. */
    void showStudioAgain(Program p) throws Exception {
        if (studioScene != null) showStudio(p);
    }

    void closeStudioScaler() {
        PreviewScaler s = studioScaler;
        studioScaler = null;
        if (s != null) s.close();
    }

    /** Control thread: off, the preview's scaler is closed: its pictures' memory is freed, and made again when it is back on. */
    void setEnabled(Program p, boolean on) {
        enabled = on;
        if (p == null) return;
        if (on) {
            if (preview == null) preview = previewFor(p.width(), p.height(), boxWidth, boxHeight);
            p.compositor().setPreview(preview);
        } else {
            PreviewScaler old = preview;
            preview = null;
            p.compositor().setPreview(null);
            if (old != null) old.close(); // waits for a frame being scaled into it
        }
    }

    /** Control thread: a program started anew scales its pictures for the window (when the preview is on). */
    void attach(Program p) {
        PreviewScaler scaler = enabled ? previewFor(p.width(), p.height(), boxWidth, boxHeight) : null;
        if (scaler != null) p.compositor().setPreview(scaler);
        preview = scaler;
    }

    /** Control thread: the program is closing; the caller closes the scaler returned once its compositor has let go. */
    PreviewScaler takePreview() {
        PreviewScaler scaler = preview;
        preview = null;
        return scaler;
    }

    /** Control thread: the window's preview box is now this size (device pixels); both pictures follow it. */
    void setBox(Program p, int width, int height) {
        boxWidth = Math.min(width, MAX_PREVIEW_SIDE);
        boxHeight = Math.min(height, MAX_PREVIEW_SIDE);
        if (p == null) return;
        PreviewScaler old = preview;
        int[] size = previewSize(p.width(), p.height(), boxWidth, boxHeight);
        if (old != null && old.width() == size[0] && old.height() == size[1]) return;
        if (enabled) {
            PreviewScaler next = new PreviewScaler(size[0], size[1]);
            // the compositor may be scaling into the old one right now: close() waits for that frame
            preview = next;
            p.compositor().setPreview(next);
            if (old != null) old.close();
        }
        if (studioScene != null) {
            try {
                showStudio(p); // the same size as the program's
            } catch (Exception e) {
                LOG.warn("studio mode's preview: {}", e.getMessage());
            }
        }
    }

    /**
     * The preview picture for this canvas: the size the window shows it at (device pixels, so the
     * renderer draws it 1:1 instead of scaling it again each frame, which in software rendering
     * costs more than the engine's swscale), kept to the canvas's aspect ratio; 960 px on the long
     * side until the window has said.
     */
    static PreviewScaler previewFor(int canvasWidth, int canvasHeight, int boxWidth, int boxHeight) {
        int[] size = previewSize(canvasWidth, canvasHeight, boxWidth, boxHeight);
        return new PreviewScaler(size[0], size[1]);
    }

    /** {width, height} of {@link #previewFor} for a canvas of that size. */
    static int[] previewSize(int canvasWidth, int canvasHeight, int boxWidth, int boxHeight) {
        int bw = boxWidth > 0 ? boxWidth : PREVIEW_LONG_SIDE;
        int bh = boxHeight > 0 ? boxHeight : PREVIEW_LONG_SIDE;
        double scale = Math.min(1.0, Math.min(bw / (double) canvasWidth, bh / (double) canvasHeight));
        return new int[]{Math.max(2, (int) Math.round(canvasWidth * scale) & ~1),
                Math.max(2, (int) Math.round(canvasHeight * scale) & ~1)};
    }
}
