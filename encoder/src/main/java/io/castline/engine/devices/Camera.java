package io.castline.engine.devices;

/**
 * A camera found on this computer: what the host calls it ("HD Pro Webcam C920") and what a
 * {@code camera} source's {@code device} setting opens ("/dev/video0", "video=HD Pro Webcam C920").
 */
public record Camera(String name, String device) {}
