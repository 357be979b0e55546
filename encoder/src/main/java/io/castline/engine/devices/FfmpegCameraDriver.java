package io.castline.engine.devices;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDiscoverySupport;
import com.github.sarxos.webcam.WebcamDriver;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Castline's driver for Webcam Capture: it finds cameras with a {@link CameraLister} (V4L2 nodes,
 * FFmpeg's device list) so that Webcam Capture's discovery service can tell when one is plugged in
 * or out. Its devices never give pictures: frames come through FFmpeg in a {@code camera} source,
 * not through {@code Webcam.getImage()}, and opening one here (which would take a lock file and the
 * device) is refused.
 */
public final class FfmpegCameraDriver implements WebcamDriver, WebcamDiscoverySupport {
    private final CameraLister lister;
    private final long scanMillis;

    public FfmpegCameraDriver(CameraLister lister, long scanMillis) {
        this.lister = lister;
        this.scanMillis = scanMillis;
    }

    @Override public List<WebcamDevice> getDevices() {
        return lister.cameras().stream().<WebcamDevice>map(Device::new).toList();
    }

    @Override public boolean isThreadSafe() { return true; }
    @Override public long getScanInterval() { return scanMillis; }
    @Override public boolean isScanPossible() { return true; }

    /** A camera as Webcam Capture sees it: named by its device, so that two cameras of one model stay apart. */
    static final class Device implements WebcamDevice {
        private final Camera camera;

        Device(Camera camera) { this.camera = camera; }

        Camera camera() { return camera; }

        @Override public String getName() { return camera.name() + " (" + camera.device() + ")"; }
        @Override public Dimension[] getResolutions() { return new Dimension[0]; }
        @Override public Dimension getResolution() { return null; }
        @Override public void setResolution(Dimension size) {}
        @Override public BufferedImage getImage() {
            throw new UnsupportedOperationException("Castline reads cameras through FFmpeg, not Webcam Capture");
        }
        @Override public void open() {
            throw new UnsupportedOperationException("Castline reads cameras through FFmpeg, not Webcam Capture");
        }
        @Override public void close() {}
        @Override public void dispose() {}
        @Override public boolean isOpen() { return false; }
    }
}
