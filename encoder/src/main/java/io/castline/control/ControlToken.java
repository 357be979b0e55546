package io.castline.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The control API's secret: 32 random bytes, required on every request and socket. Kept in a file
 * only its owner can read; compared in constant time. Never logged: {@link #toString} hides it.
 */
public final class ControlToken {
    private final String value;

    private ControlToken(String value) {
        this.value = value;
    }

    public static ControlToken random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new ControlToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /** The token in {@code file}, or a new one written there (owner-only) when there is none. */
    public static ControlToken stored(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            String v = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (v.length() >= 32) return new ControlToken(v);
        }
        ControlToken t = random();
        t.writeTo(file);
        return t;
    }

    /** Writes it to {@code file}, readable by its owner only (on POSIX file systems; elsewhere the user's folder). */
    public void writeTo(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(temp + " appeared while writing the token", e);
        }
        Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The token to show the producer once (the studio's dialog, the remote's QR code). */
    public String reveal() { return value; }

    /** True when {@code candidate} is this token; the time taken does not tell how much of it matched. */
    public boolean matches(String candidate) {
        if (candidate == null) return false;
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override public String toString() { return "ControlToken[****]"; }
}
