package io.castline.app.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.app.notify.Reasons;
import io.castline.control.ControlEvents;
import io.castline.control.ControlServer;
import io.castline.control.ControlToken;
import io.castline.control.ShowControl;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The producer's remote served by the studio: on or off, this computer only or the local network,
 * the port, and the link a phone opens (its QR code). The token is made once and kept owner-only in
 * the settings folder (the same file {@code castline live --control-port} uses); the studio shows
 * it, in the link, only right after making it — to connect another device, make a new one (the old
 * one stops working). The choices are kept in {@code remote.json} beside the profile. The server
 * starts and stops on a thread of its own. UI thread.
 */
public final class RemoteViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteViewModel.class);
    public static final int DEFAULT_PORT = 4466;
    static final String TOKEN_FILE = "control-token";
    static final String SETTINGS_FILE = "remote.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What remote.json keeps. */
    public record Settings(boolean enabled, int port, boolean lan) {
        static final Settings DEFAULT = new Settings(false, DEFAULT_PORT, false);
    }

    private final Path configDir;
    private final ShowControl control;
    private final ControlEvents events;
    private final Executor uiThread;
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "castline-remote-server");
        t.setDaemon(true);
        return t;
    });
    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final BooleanProperty lan = new SimpleBooleanProperty();
    private final IntegerProperty port = new SimpleIntegerProperty(DEFAULT_PORT);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Off");
    private final ReadOnlyBooleanWrapper serving = new ReadOnlyBooleanWrapper();
    /** The address a device opens (no token), or null while off. */
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper();
    /** The link with the token, only while the token may still be shown (just made); else null. */
    private final ReadOnlyStringWrapper link = new ReadOnlyStringWrapper();
    /** The server, on the server thread. */
    private ControlServer server;
    private ControlToken token;
    private boolean tokenFresh;
    private boolean loading;

    public RemoteViewModel(Path configDir, ShowControl control, ControlEvents events, Executor uiThread) {
        this.configDir = configDir;
        this.control = control;
        this.events = events;
        this.uiThread = uiThread;
        Settings s = load();
        loading = true;
        port.set(s.port());
        lan.set(s.lan());
        enabled.set(s.enabled());
        loading = false;
        enabled.addListener((o, was, on) -> changed());
        lan.addListener((o, was, on) -> changed());
        port.addListener((o, was, on) -> changed());
        if (s.enabled()) restart();
    }

    private Settings load() {
        Path f = configDir.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(f)) return Settings.DEFAULT;
        try {
            Settings s = JSON.readValue(f.toFile(), Settings.class);
            return s.port() >= 1024 && s.port() <= 65535 ? s : new Settings(s.enabled(), DEFAULT_PORT, s.lan());
        } catch (IOException e) {
            LOG.warn("remote settings {} unreadable, the remote stays off: {}", f, e.getMessage());
            return Settings.DEFAULT;
        }
    }

    private void changed() {
        if (loading) return;
        try {
            Files.createDirectories(configDir);
            JSON.writeValue(configDir.resolve(SETTINGS_FILE).toFile(), new Settings(enabled.get(), port.get(), lan.get()));
        } catch (IOException e) {
            LOG.warn("cannot keep the remote settings: {}", e.getMessage());
        }
        restart();
    }

    /** A new token: the devices connected with the old one are refused from now on; the new link is shown. */
    public void newToken() {
        try {
            token = ControlToken.random();
            token.writeTo(configDir.resolve(TOKEN_FILE));
            tokenFresh = true;
        } catch (IOException e) {
            status.set("Cannot write a new token: " + e.getMessage());
            return;
        }
        restart();
    }

    /** The dialog was closed: the token is not shown again. */
    public void tokenSeen() {
        if (!tokenFresh) return;
        tokenFresh = false;
        link.set(null);
    }

    /** (Re)starts the server as the settings say, or stops it. */
    private void restart() {
        boolean on = enabled.get();
        int p = port.get();
        boolean wide = lan.get();
        status.set(on ? "Starting…" : "Off");
        if (on && token == null) {
            try {
                Path file = configDir.resolve(TOKEN_FILE);
                tokenFresh = !Files.isRegularFile(file);
                token = ControlToken.stored(file);
            } catch (IOException e) {
                status.set("Cannot keep the token in " + configDir + ": " + e.getMessage());
                return;
            }
        }
        ControlToken t = token;
        serverThread.execute(() -> {
            if (server != null) {
                server.close();
                server = null;
            }
            String said;
            String at = null;
            if (!on) {
                said = "Off";
            } else {
                try {
                    server = ControlServer.start(control, events, t, p, wide);
                    at = "http://" + (wide ? lanAddress() : "127.0.0.1") + ":" + server.port() + "/";
                    said = "Serving " + at + (wide ? " to this network" : " (this computer only)");
                } catch (RuntimeException e) {
                    said = "Cannot serve on port " + p + ": " + Reasons.of(e);
                }
            }
            String shownAt = at;
            String shown = said;
            uiThread.execute(() -> {
                status.set(shown);
                serving.set(shownAt != null);
                address.set(shownAt);
                link.set(shownAt != null && tokenFresh ? shownAt + "#token=" + t.reveal() : null);
            });
        });
    }

    /** This machine's address on the local network (the first site-local IPv4 of an interface that is up), else loopback. */
    static String lanAddress() {
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!n.isUp() || n.isLoopback()) continue;
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) return a.getHostAddress();
                }
            }
        } catch (SocketException e) {
            LOG.debug("no network interfaces: {}", e.getMessage());
        }
        return "127.0.0.1";
    }

    /** Stops the server (the studio is closing); waits a moment for it. */
    @Override public void close() {
        serverThread.execute(() -> {
            if (server != null) server.close();
            server = null;
        });
        serverThread.shutdown();
        try {
            serverThread.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public BooleanProperty enabledProperty() { return enabled; }
    public BooleanProperty lanProperty() { return lan; }
    public IntegerProperty portProperty() { return port; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty servingProperty() { return serving.getReadOnlyProperty(); }
    public ReadOnlyStringProperty addressProperty() { return address.getReadOnlyProperty(); }
    /** The link to open on the device, token included: only right after the token was made. */
    public ReadOnlyStringProperty linkProperty() { return link.getReadOnlyProperty(); }
}
