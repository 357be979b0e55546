package io.castline.app.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Secret Service for tests: a private D-Bus session bus ({@code dbus-daemon}) and GNOME
 * Keyring on it, unlocked with a test password, its keyrings and caches in {@code home} (Debian
 * {@code dbus-daemon} and {@code gnome-keyring}, both in .ci/run). Both processes are children of
 * the test and end with {@link #close()}.
 */
final class SecretService implements AutoCloseable {
    private final Process bus;
    private final Process keyring;
    private final String address;
    private final Path home;

    private SecretService(Process bus, Process keyring, String address, Path home) {
        this.bus = bus;
        this.keyring = keyring;
        this.address = address;
        this.home = home;
    }

    static SecretService start(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Process bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (address == null || address.isBlank()) {
            bus.destroyForcibly();
            throw new IOException("dbus-daemon printed no address");
        }
        ProcessBuilder pb = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env(address, home));
        Process keyring = pb.start();
        try (OutputStream in = keyring.getOutputStream()) {
            in.write("castline-test-password".getBytes(StandardCharsets.UTF_8)); // the login keyring's password
        }
        SecretService s = new SecretService(bus, keyring, address, home);
        s.awaitName();
        return s;
    }

    /** The environment a process needs to use this service (and nothing of the user's own). */
    Map<String, String> env() { return env(address, home); }

    private static Map<String, String> env(String address, Path home) {
        return Map.of("DBUS_SESSION_BUS_ADDRESS", address, "HOME", home.toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(), "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "XDG_RUNTIME_DIR", home.resolve("run").toString(), "XDG_CONFIG_HOME", home.resolve("config").toString());
    }

    /** Waits until org.freedesktop.secrets is on the bus. */
    private void awaitName() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ProcessBuilder pb = new ProcessBuilder("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets");
            pb.environment().putAll(env());
            Process p = pb.redirectErrorStream(true).start();
            String reply = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            if (reply.contains("boolean true")) return;
            Thread.sleep(100);
        }
        close();
        throw new IOException("gnome-keyring-daemon did not come up on the test bus");
    }

    @Override public void close() throws InterruptedException {
        for (Process p : new Process[] {keyring, bus}) {
            p.destroy();
            if (!p.waitFor(3, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
        }
    }
}
