package io.castline.testing;

import com.sun.jna.Memory;
import com.sun.jna.platform.unix.X11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An X display of the tests' own (Xvfb, apt package xvfb) with a client connection that puts plain
 * windows on it: one colour, a title, mapped. No window manager runs there.
 */
public final class XvfbDisplay implements AutoCloseable {
    private final String name;
    private final Process xvfb;
    private final X11 x = X11.INSTANCE;
    private final X11.Display display;

    private XvfbDisplay(String name, Process xvfb, X11.Display display) {
        this.name = name;
        this.xvfb = xvfb;
        this.display = display;
    }

    /** Starts Xvfb on a free-looking display number (from {@code base}, by this process's id), 800×600. */
    public static XvfbDisplay start(Path dir, int base) throws IOException, InterruptedException {
        String name = ":" + (base + (int) (ProcessHandle.current().pid() % 9));
        Process p = new ProcessBuilder("Xvfb", name, "-screen", "0", "800x600x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        X11.Display d = null;
        for (int i = 0; i < 50 && d == null && p.isAlive(); i++) {
            Thread.sleep(100);
            d = X11.INSTANCE.XOpenDisplay(name);
        }
        if (d == null) {
            p.destroy();
            throw new IOException("Xvfb " + name + " did not answer (see " + dir.resolve("xvfb.log") + ")");
        }
        return new XvfbDisplay(name, p, d);
    }

    /** ":84". */
    public String name() { return name; }

    /** A mapped window of one colour (0xRRGGBB) with this title (WM_NAME); its id as {@code 0x…}. */
    public String window(int px, int py, int w, int h, int rgb, String title) {
        X11.Window win = x.XCreateSimpleWindow(display, x.XDefaultRootWindow(display), px, py, w, h, 0, 0, rgb);
        byte[] bytes = title.getBytes(StandardCharsets.ISO_8859_1);
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        x.XChangeProperty(display, win, new X11.Atom(39) /* WM_NAME */, new X11.Atom(31) /* STRING */, 8, 0, m, bytes.length);
        x.XMapWindow(display, win);
        x.XClearWindow(display, win);
        x.XSync(display, false);
        return "0x" + Long.toHexString(win.longValue());
    }

    @Override public void close() throws InterruptedException {
        x.XCloseDisplay(display);
        xvfb.destroy();
        xvfb.waitFor(5, TimeUnit.SECONDS);
    }
}
