package io.castline.app.profile;

import io.castline.engine.settings.ConfigDirs;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.castline.engine.destination.SecretMasker;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes {@code profile.json}. Never throws at the studio: a profile that cannot be read
 * is moved aside ({@code profile.json.corrupt-<timestamp>}) and the studio starts with defaults,
 * with a message saying so. Writes are atomic (temp file in the same directory, then a rename), so
 * a crash mid-save leaves the previous profile intact.
 *
 * <p>The stream keys are not in {@code profile.json}: {@link #save} puts them into the
 * {@link KeyStore} first (and a server URL that carries secrets of its own, such as an SRT
 * passphrase or user-info, whole) and then writes the profile without them; {@link #load} fills them in
 * again. A key still inline (a profile from before this) wins over the store and moves out on the
 * first save, so nothing is lost on the way.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    public static final String FILE_NAME = "profile.json";
    /** The account of a server URL that has secrets of its own, kept whole with the keys: "primary-server". */
    static final String SERVER_SUFFIX = "-server";
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
    private final KeyStore keys;
    /** The key store's accounts this store has read or written: those of destinations since removed are cleared. */
    private final Set<String> accounts = new HashSet<>(java.util.List.of("primary", "backup"));

    /** The profile in {@code dir}, its keys in the owner-only file beside it. */
    public ProfileStore(Path dir) {
        this(dir, new OwnerOnlyKeyFile(dir));
    }

    public ProfileStore(Path dir, KeyStore keys) {
        this.dir = dir;
        this.keys = keys;
    }

    /** The user's profile in the platform's config directory, its keys in the system keyring where there is one. */
    public static ProfileStore forUser() {
        Path dir = ConfigDirs.configDir();
        return new ProfileStore(dir, KeyStores.forUser(dir));
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
                return new Loaded(withKeys(p.withDefaults()).profile(), "Your settings were saved by a newer Castline (profile version "
                        + p.version() + "). They were loaded as far as this version understands them; the original is kept as "
                        + copy.getFileName() + ".");
            } else {
                return withKeys(p.withDefaults());
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

    /** The stream keys from the key store where the profile has none inline. */
    private Loaded withKeys(StudioProfile p) {
        try {
            List<StudioProfile.Output> outputs = new ArrayList<>();
            for (StudioProfile.Output o : p.outputs()) {
                outputs.add(o.withIngest(withKey(o.name(), o.ingest())));
                accounts.add(o.name());
            }
            return new Loaded(p.withOutputs(List.copyOf(outputs)), null);
        } catch (IOException e) {
            LOG.warn("stream keys unreadable in {}: {}", keys.where(), e.getMessage());
            return new Loaded(p, "The stream keys could not be read from " + keys.where() + " (" + e.getMessage()
                    + "). Enter them again in Settings.");
        }
    }

    private StudioProfile.Ingest withKey(String account, StudioProfile.Ingest ingest) throws IOException {
        String server = ingest.server();
        // a server URL with secrets of its own (SRT passphrase, user-info) was stored whole with the keys
        String whole = keys.get(account + SERVER_SUFFIX).orElse(null);
        if (whole != null && SecretMasker.withoutSecrets(whole).equals(server)) server = whole;
        if (!StudioProfile.blank(ingest.key())) return new StudioProfile.Ingest(server, ingest.key(), ingest.caFile()); // inline: older
        return new StudioProfile.Ingest(server, keys.get(account).orElse(""), ingest.caFile());
    }

    /**
     * Puts the stream keys into the key store, then writes the profile without them, atomically;
     * throws IOException (the caller tells the user) when either cannot be done. Should the
     * profile fail after the keys were stored, the old profile (and any key inline in it) stays.
     */
    public void save(StudioProfile profile) throws IOException {
        List<StudioProfile.Output> outputs = profile.withDefaults().outputs();
        Set<String> named = new HashSet<>();
        for (StudioProfile.Output o : outputs) {
            StudioProfile.Ingest i = o.ingest();
            keys.put(o.name(), i.key());
            String server = i.server().trim();
            keys.put(o.name() + SERVER_SUFFIX, SecretMasker.withoutSecrets(server).equals(server) ? null : server);
            named.add(o.name());
        }
        // a destination removed or renamed takes its key out of the store with it
        for (String gone : accounts) {
            if (named.contains(gone)) continue;
            keys.put(gone, null);
            keys.put(gone + SERVER_SUFFIX, null);
        }
        accounts.clear();
        accounts.addAll(named);
        StudioProfile withoutKeys = profile.withOutputs(profile.outputs() == null ? null
                : profile.outputs().stream().map(o -> o.withIngest(withoutKey(o.ingest()))).toList());
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        byte[] json = MAPPER.writeValueAsBytes(withoutKeys);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(json));
            ch.force(true); // the rename below must never expose a file whose bytes are not on disk yet
        }
        ownerOnly(tmp); // what the host set up is theirs, even without the keys
        try {
            Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static StudioProfile.Ingest withoutKey(StudioProfile.Ingest i) {
        return new StudioProfile.Ingest(SecretMasker.withoutSecrets(i.server().trim()), null, i.caFile());
    }

    /** Where the stream keys are kept, in words ("the system keyring", a file's path). */
    public String keysWhere() { return keys.where(); }

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
