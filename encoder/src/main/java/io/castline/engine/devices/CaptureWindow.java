package io.castline.engine.devices;

/**
 * A window a {@code screen} source can capture: its title as the desktop shows it, and what the
 * source's {@code window} setting takes for it (X11: the window id, {@code 0x…}; Windows: the
 * title), with its size in pixels when known (0 otherwise).
 */
public record CaptureWindow(String title, String id, int width, int height) {
    /** "Product page — Firefox (1280×720)". */
    public String label() {
        return width > 0 && height > 0 ? title + " (" + width + "×" + height + ")" : title;
    }
}
