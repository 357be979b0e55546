package io.castline.engine.devices;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The windows open now that a {@code screen} source can capture, for the studio's picker and
 * {@code castline devices}: on X11 the desktop's client list ({@code _NET_CLIENT_LIST}, what a
 * window manager keeps), or without one the named, mapped top-level windows; on Windows the
 * visible titled windows. macOS captures whole displays only: none. A display that cannot be
 * opened (no X server, no libX11) lists none; it never throws.
 */
public interface WindowLister {
    List<CaptureWindow> windows();

    /** @param display the X display to list ({@code ":0"}; null: {@code $DISPLAY}); ignored elsewhere */
    static WindowLister forThisPlatform(String display) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) return new Win32();
        if (os.contains("mac")) return List::of;
        return new Xlib(display);
    }

    /** X11 through libX11 (JNA): the client list, else the root's mapped, named children. */
    final class Xlib implements WindowLister {
        private static final Logger LOG = LoggerFactory.getLogger(Xlib.class);
        private static final int IS_VIEWABLE = 2;
        private static final X11.Atom XA_WINDOW = new X11.Atom(33);
        /** Kept in a field: a callback JNA hands to native code must not be collected. */
        private static final X11.XErrorHandler IGNORE = (display, event) -> 0;
        private final String display;

        public Xlib(String display) {
            this.display = display == null || display.isBlank() ? null : display;
        }

        @Override public List<CaptureWindow> windows() {
            X11 x;
            X11.Display d;
            try {
                x = X11.INSTANCE;
                d = x.XOpenDisplay(display);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                LOG.debug("no libX11: no windows to list ({})", e.getMessage());
                return List.of();
            }
            if (d == null) return List.of();
            // a window closed while it is listed is an X error, and Xlib's default answer to one is
            // to end the process: ignore them while listing, then give the handler back (GTK's)
            X11.XErrorHandler previous = x.XSetErrorHandler(IGNORE);
            try {
                X11.Window root = x.XDefaultRootWindow(d);
                List<X11.Window> candidates = clientList(x, d, root);
                boolean managed = !candidates.isEmpty();
                if (!managed) candidates = children(x, d, root);
                List<CaptureWindow> found = new ArrayList<>();
                for (X11.Window w : candidates) {
                    X11.XWindowAttributes a = new X11.XWindowAttributes();
                    if (x.XGetWindowAttributes(d, w, a) == 0 || (!managed && a.map_state != IS_VIEWABLE)) continue;
                    String title = title(x, d, w);
                    if (title == null || title.isBlank()) continue;
                    found.add(new CaptureWindow(title, "0x" + Long.toHexString(w.longValue()), a.width, a.height));
                }
                return found;
            } finally {
                x.XSync(d, false); // errors of the requests above arrive before the handler goes back
                x.XCloseDisplay(d);
                x.XSetErrorHandler(previous);
            }
        }

        /** {@code _NET_CLIENT_LIST} of the root: the windows a window manager shows in its task bar. */
        private static List<X11.Window> clientList(X11 x, X11.Display d, X11.Window root) {
            X11.Atom atom = x.XInternAtom(d, "_NET_CLIENT_LIST", true);
            if (atom == null || atom.longValue() == 0) return List.of();
            X11.AtomByReference type = new X11.AtomByReference();
            IntByReference format = new IntByReference();
            NativeLongByReference count = new NativeLongByReference();
            NativeLongByReference after = new NativeLongByReference();
            PointerByReference data = new PointerByReference();
            if (x.XGetWindowProperty(d, root, atom, new NativeLong(0), new NativeLong(4096), false, XA_WINDOW, type, format,
                    count, after, data) != 0 || data.getValue() == null) {
                return List.of();
            }
            try {
                List<X11.Window> out = new ArrayList<>();
                long n = count.getValue().longValue();
                for (long i = 0; i < n; i++) out.add(new X11.Window(data.getValue().getNativeLong(i * NativeLong.SIZE).longValue()));
                return out;
            } finally {
                x.XFree(data.getValue());
            }
        }

        /** The root's children, top-level windows where no window manager runs (Xvfb, a kiosk). */
        private static List<X11.Window> children(X11 x, X11.Display d, X11.Window root) {
            X11.WindowByReference r = new X11.WindowByReference();
            X11.WindowByReference parent = new X11.WindowByReference();
            PointerByReference kids = new PointerByReference();
            IntByReference n = new IntByReference();
            if (x.XQueryTree(d, root, r, parent, kids, n) == 0 || kids.getValue() == null) return List.of();
            try {
                List<X11.Window> out = new ArrayList<>();
                for (int i = 0; i < n.getValue(); i++) {
                    out.add(new X11.Window(kids.getValue().getNativeLong((long) i * NativeLong.SIZE).longValue()));
                }
                return out;
            } finally {
                x.XFree(kids.getValue());
            }
        }

        /** {@code _NET_WM_NAME} (UTF-8), else {@code WM_NAME}. */
        private static String title(X11 x, X11.Display d, X11.Window w) {
            X11.Atom netName = x.XInternAtom(d, "_NET_WM_NAME", true);
            X11.Atom utf8 = x.XInternAtom(d, "UTF8_STRING", true);
            if (netName != null && netName.longValue() != 0 && utf8 != null && utf8.longValue() != 0) {
                X11.AtomByReference type = new X11.AtomByReference();
                IntByReference format = new IntByReference();
                NativeLongByReference count = new NativeLongByReference();
                NativeLongByReference after = new NativeLongByReference();
                PointerByReference data = new PointerByReference();
                if (x.XGetWindowProperty(d, w, netName, new NativeLong(0), new NativeLong(1024), false, utf8, type, format,
                        count, after, data) == 0 && data.getValue() != null) {
                    try {
                        long n = count.getValue().longValue();
                        if (n > 0) return new String(data.getValue().getByteArray(0, (int) n), StandardCharsets.UTF_8);
                    } finally {
                        x.XFree(data.getValue());
                    }
                }
            }
            PointerByReference name = new PointerByReference();
            if (x.XFetchName(d, w, name) != 0 && name.getValue() != null) {
                Pointer p = name.getValue();
                try {
                    return p.getString(0, StandardCharsets.ISO_8859_1.name());
                } finally {
                    x.XFree(p);
                }
            }
            return null;
        }
    }

    /** Windows: the visible top-level windows with a title (gdigrab captures one by its title). */
    final class Win32 implements WindowLister {
        @Override public List<CaptureWindow> windows() {
            List<CaptureWindow> found = new ArrayList<>();
            try {
                User32.INSTANCE.EnumWindows((hwnd, data) -> {
                    if (!User32.INSTANCE.IsWindowVisible(hwnd)) return true;
                    char[] text = new char[512];
                    int n = User32.INSTANCE.GetWindowText(hwnd, text, text.length);
                    if (n <= 0) return true;
                    String title = Native.toString(text);
                    WinDef.RECT r = new WinDef.RECT();
                    User32.INSTANCE.GetWindowRect(hwnd, r);
                    found.add(new CaptureWindow(title, title, r.right - r.left, r.bottom - r.top));
                    return true;
                }, null);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                return List.of();
            }
            return found;
        }
    }
}
