package io.castline.app.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stream keys in {@value #FILE_NAME} beside the profile, readable and writable by its owner only:
 * on POSIX systems the file is <em>created</em> with mode 0600 (never made first and restricted
 * after, so there is no moment at which others could open it); on Windows its ACL is narrowed to
 * the owner before any key is written. Written atomically (temp file, then a rename); a file
 * without keys is deleted.
 */
public final class OwnerOnlyKeyFile implements KeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyKeyFile.class);
    public static final String FILE_NAME = "stream-keys.json";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public OwnerOnlyKeyFile(Path dir) {
        this.dir = dir;
    }

    public Path file() { return dir.resolve(FILE_NAME); }

    @Override public String where() { return file() + " (readable by you only)"; }

    @Override public synchronized Optional<String> get(String account) throws IOException {
        String key = read().get(account);
        return key == null || key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    @Override public synchronized void put(String account, String key) throws IOException {
        Map<String, String> keys = read();
        boolean changed = key == null || key.isEmpty() ? keys.remove(account) != null : !key.equals(keys.put(account, key));
        if (changed) write(keys);
    }

    private Map<String, String> read() throws IOException {
        Path f = file();
        if (!Files.exists(f)) return new TreeMap<>();
        if (posix()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
            if (!OWNER_ONLY.containsAll(perms)) {
                // copied around or restored from a backup: close it again before reading
                LOG.warn("{} was readable by others ({}); restricting it to its owner", f, PosixFilePermissions.toString(perms));
                Files.setPosixFilePermissions(f, OWNER_ONLY);
            }
        }
        Map<String, String> keys = MAPPER.readValue(f.toFile(), new TypeReference<TreeMap<String, String>>() {});
        return keys == null ? new TreeMap<>() : keys;
    }

    private void write(Map<String, String> keys) throws IOException {
        if (keys.isEmpty()) {
            Files.deleteIfExists(file());
            return;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp); // CREATE_NEW below: the mode applies only to a file this call creates
        try (FileChannel ch = posix()
                ? FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        ownerOnlyAttribute())
                : createOwnerOnlyElsewhere(tmp)) {
            ch.write(ByteBuffer.wrap(MAPPER.writeValueAsBytes(keys)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnlyAttribute() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }

    /** Windows: an empty file whose ACL grants its owner alone, before a byte of a key is in it. */
    private static FileChannel createOwnerOnlyElsewhere(Path tmp) throws IOException {
        Files.createFile(tmp);
        AclFileAttributeView acl = Files.getFileAttributeView(tmp, AclFileAttributeView.class);
        if (acl != null) {
            AclEntry owner = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
            acl.setAcl(List.of(owner));
        }
        return FileChannel.open(tmp, StandardOpenOption.WRITE);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
