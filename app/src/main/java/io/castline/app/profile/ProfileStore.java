package io.castline.app.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads and writes {@code profile.json}. Never throws at the studio: a profile that cannot be read
 * is moved aside ({@code profile.json.corrupt-<timestamp>}) and the studio starts with defaults,
 * with a message saying so. Writes are atomic (temp file in the same directory, then a rename), so
 * a crash mid-save leaves the previous profile intact.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    public static final String FILE_NAME = "profile.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param profile the profile to use (defaults where the file had nothing)
     * @param problem what went wrong and what was done about it, or null when all was well
     */
    public record Loaded(StudioProfile profile, String problem) {}

    private final Path dir;

    public ProfileStore(Path dir) {
        this.dir = dir;
    }

    public Path file() { return dir.resolve(FILE_NAME); }

    public Loaded load() {
        Path file = file();
        if (!Files.exists(file)) return new Loaded(StudioProfile.defaults(), null);
        String why;
        try {
            StudioProfile p = MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), StudioProfile.class);
            if (p == null) {
                why = "the file is empty";
            } else if (p.version() != null && p.version() > StudioProfile.CURRENT_VERSION) {
                // keep the newer file: saving would drop what this version does not understand
                Path copy = keepAside(file, "newer");
                return new Loaded(p.withDefaults(), "Your settings were saved by a newer Castline (profile version "
                        + p.version() + "). They were loaded as far as this version understands them; the original is kept as "
                        + copy.getFileName() + ".");
            } else {
                return new Loaded(p.withDefaults(), null);
            }
        } catch (JsonProcessingException e) {
            why = e.getOriginalMessage();
        } catch (IOException e) {
            why = "cannot read it: " + e.getMessage();
        }
        String where;
        try {
            where = "it was kept as " + moveAside(file, "corrupt").getFileName();
        } catch (IOException e) {
            where = "it could not be moved aside (" + e.getMessage() + ")";
        }
        LOG.warn("profile {} unreadable ({}); {}", file, why, where);
        return new Loaded(StudioProfile.defaults(), "Your settings file " + file + " could not be read (" + why + "); "
                + where + ". Castline started with default settings.");
    }

    /** Writes the profile atomically; throws IOException (the caller tells the user) when it cannot. */
    public void save(StudioProfile profile) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        byte[] json = MAPPER.writeValueAsBytes(profile);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(json));
            ch.force(true); // the rename below must never expose a file whose bytes are not on disk yet
        }
        ownerOnly(tmp); // it holds stream keys
        try {
            Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path moveAside(Path file, String tag) throws IOException {
        Path target = file.resolveSibling(file.getFileName() + "." + tag + "-" + LocalDateTime.now().format(STAMP));
        return Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path keepAside(Path file, String tag) {
        Path target = file.resolveSibling(file.getFileName() + "." + tag + "-" + LocalDateTime.now().format(STAMP));
        try {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("cannot keep a copy of {}: {}", file, e.getMessage());
        }
        return target;
    }

    private static void ownerOnly(Path file) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return;
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot restrict {}: {}", file, e.getMessage());
        }
    }
}
