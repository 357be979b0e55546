package io.castline.engine.ffmpeg;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * Loads the FFmpeg libraries the engine links (libavutil … libavdevice, libswscale, libswresample,
 * libavfilter) ahead of their first use. JavaCPP checks its unpacked cache and maps every library
 * the first time one of their classes is touched: about a third of a second on a 2-core machine,
 * which a studio spends better while JavaFX starts than on the UI thread building the window.
 */
public final class FfmpegNatives {
    private FfmpegNatives() {}

    /** Loads them now on the calling thread; safe to call from any thread, any number of times. */
    public static void load() {
        try {
            FFmpegFrameGrabber.tryLoad();
            FFmpegFrameRecorder.tryLoad();
        } catch (Exception e) {
            // the engine's first real use reports what is missing, with its own context
        }
    }
}
