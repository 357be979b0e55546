package io.castline.engine.devices;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDiscoveryEvent;
import com.github.sarxos.webcam.WebcamDiscoveryListener;
import com.github.sarxos.webcam.WebcamDiscoveryService;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The cameras plugged into this computer, kept current by Webcam Capture's discovery service over
 * {@link FfmpegCameraDriver} (scanning every 2 s), so a camera plugged in shows up in the studio by
 * itself. Listeners get the whole list after each change, on the discovery thread. Webcam Capture
 * is process-wide: one discovery per JVM.
 */
public final class CameraDiscovery implements AutoCloseable {
    public static final long SCAN_MILLIS = 2_000;

    private final List<Consumer<List<Camera>>> listeners = new CopyOnWriteArrayList<>();
    private final WebcamDiscoveryListener bridge = new WebcamDiscoveryListener() {
        @Override public void webcamFound(WebcamDiscoveryEvent event) { changed(); }
        @Override public void webcamGone(WebcamDiscoveryEvent event) { changed(); }
    };
    private volatile List<Camera> cameras = List.of();
    private final WebcamDiscoveryService service;

    private CameraDiscovery(CameraLister lister, long scanMillis) {
        // Webcam Capture would otherwise install its own SIGTERM handler, which ends the JVM its own way
        Webcam.setHandleTermSignal(false);
        Webcam.resetDriver();
        Webcam.setDriver(new FfmpegCameraDriver(lister, scanMillis));
        service = Webcam.getDiscoveryService();
        Webcam.addDiscoveryListener(bridge);
        cameras = current();
        service.start();
    }

    /** Watches this platform's cameras. */
    public static CameraDiscovery start() {
        return new CameraDiscovery(CameraLister.forThisPlatform(), SCAN_MILLIS);
    }

    /** Watches what {@code lister} finds (a test's folder of nodes), scanning every {@code scanMillis}. */
    public static CameraDiscovery start(CameraLister lister, long scanMillis) {
        return new CameraDiscovery(lister, scanMillis);
    }

    /** The cameras found at the last scan. */
    public List<Camera> cameras() { return cameras; }

    public void addListener(Consumer<List<Camera>> listener) { listeners.add(listener); }

    private void changed() {
        cameras = current();
        for (Consumer<List<Camera>> l : listeners) l.accept(cameras);
    }

    private List<Camera> current() {
        List<Camera> found = new ArrayList<>();
        for (Webcam w : Webcam.getWebcams()) {
            // never opened, but Webcam Capture would take a lock file if it were: none of that
            w.getLock().disable();
            if (w.getDevice() instanceof FfmpegCameraDriver.Device d) found.add(d.camera());
        }
        return List.copyOf(found);
    }

    @Override public void close() {
        Webcam.removeDiscoveryListener(bridge);
        service.stop();
    }
}
