package io.castline.app.profile;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stream keys in the OS credential store through java-keyring: the Secret Service (GNOME Keyring,
 * KWallet) on Linux, the Keychain on macOS, the Credential Manager on Windows; service
 * {@value #SERVICE}, one entry per destination.
 */
public final class SystemKeyring implements KeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(SystemKeyring.class);
    static final String SERVICE = "Castline";

    /** How long an open connection is kept after its last use: its D-Bus threads would keep the JVM from exiting. */
    static final long IDLE_CLOSE_MS = 1000;
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "castline-keyring-closer");
        t.setDaemon(true);
        return t;
    });

    private Keyring keyring;
    private ScheduledFuture<?> closing;

    private SystemKeyring(Keyring keyring) {
        this.keyring = keyring;
        closeWhenIdle();
    }

    /**
     * The credential store, or empty when there is none to use. On Linux that is decided without
     * loading anything when no D-Bus session bus is advertised (a headless box or a CI runner), as
     * opening java-keyring costs about 2 s of class loading here even when it then fails.
     */
    public static Optional<SystemKeyring> open() {
        if (!mayHaveService(System.getProperty("os.name", ""), System.getenv())) return Optional.empty();
        try {
            return Optional.of(new SystemKeyring(Keyring.create()));
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            LOG.info("no system keyring ({}); stream keys go to an owner-only file", e.getMessage());
            return Optional.empty();
        }
    }

    /** The open connection (reopened after it was closed for being idle; about 50 ms then). */
    private synchronized Keyring keyring() throws IOException {
        if (closing != null) closing.cancel(false);
        if (keyring == null) {
            try {
                keyring = Keyring.create();
            } catch (BackendNotSupportedException | RuntimeException e) {
                throw new IOException("the system keyring is not available any more: " + e.getMessage(), e);
            }
        }
        closeWhenIdle();
        return keyring;
    }

    private synchronized void closeWhenIdle() {
        closing = CLOSER.schedule(this::closeNow, IDLE_CLOSE_MS, TimeUnit.MILLISECONDS);
    }

    private synchronized void closeNow() {
        if (keyring == null) return;
        try {
            keyring.close();
        } catch (Exception e) {
            LOG.debug("closing the keyring: {}", e.getMessage());
        }
        keyring = null;
    }

    /** False when this system certainly has no credential service to talk to. */
    static boolean mayHaveService(String osName, Map<String, String> env) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) return true;
        String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (bus != null && !bus.isBlank()) return true;
        String runtime = env.get("XDG_RUNTIME_DIR");
        return runtime != null && !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"));
    }

    @Override public Optional<String> get(String account) throws IOException {
        try {
            String key = keyring().getPassword(SERVICE, account);
            return key == null || key.isEmpty() ? Optional.empty() : Optional.of(key);
        } catch (PasswordAccessException e) {
            return Optional.empty(); // java-keyring's way of saying "no such entry"
        } catch (RuntimeException e) {
            throw new IOException("the system keyring did not answer: " + e.getMessage(), e);
        }
    }

    @Override public void put(String account, String key) throws IOException {
        try {
            if (key == null || key.isEmpty()) {
                if (get(account).isPresent()) keyring().deletePassword(SERVICE, account);
            } else {
                keyring().setPassword(SERVICE, account, key);
            }
        } catch (PasswordAccessException | RuntimeException e) {
            throw new IOException("the system keyring refused the key: " + e.getMessage(), e);
        }
    }

    @Override public String where() { return "the system keyring"; }
}
