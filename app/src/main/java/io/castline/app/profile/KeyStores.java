package io.castline.app.profile;

import io.castline.engine.settings.ConfigDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Which {@link KeyStore} the studio uses. */
public final class KeyStores {
    /** {@code -Dcastline.keys=file} keeps the keys in the owner-only file even where a keyring exists. */
    public static final String PROPERTY = "castline.keys";

    private static volatile CompletableFuture<Optional<SystemKeyring>> opening;

    private KeyStores() {}

    /**
     * The system keyring when there is one, else the owner-only file in {@code configDir}. With a
     * config directory given by {@value ConfigDirs#PROPERTY} (tests, portable installs) the keys
     * stay in that directory's file: such a setup must not reach into the user's keyring.
     */
    public static KeyStore forUser(Path configDir) {
        OwnerOnlyKeyFile file = new OwnerOnlyKeyFile(configDir);
        if (fileOnly()) return file;
        CompletableFuture<Optional<SystemKeyring>> early = opening;
        Optional<SystemKeyring> keyring = early != null ? early.join() : SystemKeyring.open();
        return keyring.<KeyStore>map(k -> new KeyringThenFile(k, file)).orElse(file);
    }

    /**
     * Starts opening the system keyring on a thread of its own, so that its cost (about 2 s here
     * the first time in a process, most of it loading D-Bus and JNA classes; 40–55 ms after that)
     * overlaps the JavaFX start instead of adding to it. The launcher calls this first thing.
     */
    public static void preload() {
        if (fileOnly() || opening != null) return;
        CompletableFuture<Optional<SystemKeyring>> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(SystemKeyring.open());
            } catch (Throwable e) {
                f.complete(Optional.empty());
            }
        }, "castline-keyring-open");
        t.setDaemon(true);
        opening = f;
        t.start();
    }

    private static boolean fileOnly() {
        return System.getProperty(ConfigDirs.PROPERTY) != null || "file".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /**
     * The keyring, with the owner-only file read as well: a key saved there while the keyring was
     * not available (a session without it) is found, and moves into the keyring on the next save.
     */
    record KeyringThenFile(KeyStore keyring, KeyStore file) implements KeyStore {
        @Override public Optional<String> get(String account) throws IOException {
            Optional<String> k = keyring.get(account);
            return k.isPresent() ? k : file.get(account);
        }

        @Override public void put(String account, String key) throws IOException {
            keyring.put(account, key);
            file.put(account, null);
        }

        @Override public String where() { return keyring.where(); }
    }
}
