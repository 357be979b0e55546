package io.castline.app.profile;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the studio keeps stream keys, apart from {@code profile.json} (so a settings file can be
 * shared without them): the OS credential store ({@link SystemKeyring}) or an owner-only file in
 * the config directory ({@link OwnerOnlyKeyFile}). One secret per account ("primary", "backup").
 */
public interface KeyStore {
    /** The key of {@code account}, or empty when none is stored. */
    Optional<String> get(String account) throws IOException;

    /** Stores the key of {@code account}; an empty or null key removes it. */
    void put(String account, String key) throws IOException;

    /** Where the keys are, in words for the host ("the system keyring", the file's path). */
    String where();
}
