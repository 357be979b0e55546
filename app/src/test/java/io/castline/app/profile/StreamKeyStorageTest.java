package io.castline.app.profile;

import io.castline.engine.settings.ConfigDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stream keys are kept apart from profile.json, so a settings file can be shared (issue 9, item 3). */
class StreamKeyStorageTest {
    @TempDir Path dir;

    private static StudioProfile withKeys(String primaryKey, String backupKey) {
        return StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest("rtmp://a.example.com/live", primaryKey),
                new StudioProfile.Ingest("rtmp://b.example.com/live", backupKey)));
    }

    @Test
    void theProfileHoldsNoKeyAndTheKeysComeBackFromTheOwnerOnlyFile() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        StudioProfile p = withKeys("sk_live_4711_aa", "live");
        store.save(p);
        String json = Files.readString(store.file());
        assertThat(json).doesNotContain("sk_live_4711_aa").doesNotContain("\"key\"").contains("rtmp://a.example.com/live");
        Path keys = dir.resolve(OwnerOnlyKeyFile.FILE_NAME);
        assertThat(Files.readString(keys)).contains("sk_live_4711_aa");
        assertThat(Files.getPosixFilePermissions(keys)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(store.load()).isEqualTo(new ProfileStore.Loaded(p, null));
    }

    @Test
    void aCopiedSettingsFileCarriesTheServersButNoKeys() throws Exception {
        ProfileStore mine = new ProfileStore(dir.resolve("mine"));
        mine.save(withKeys("sk_live_4711_aa", "sk_backup_0815"));
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        Files.copy(mine.file(), theirs.resolve(ProfileStore.FILE_NAME));
        StudioProfile loaded = new ProfileStore(theirs).load().profile();
        assertThat(loaded.ingest("primary")).isEqualTo(new StudioProfile.Ingest("rtmp://a.example.com/live", ""));
        assertThat(loaded.ingest("backup")).isEqualTo(new StudioProfile.Ingest("rtmp://b.example.com/live", ""));
    }

    /** A profile from before: the keys inline. They load, stay until the first save, then move out; nothing is lost. */
    @Test
    void anOlderProfileWithKeysInlineMigratesOnTheFirstSave() throws Exception {
        Files.writeString(dir.resolve(ProfileStore.FILE_NAME), """
                {"version": 1, "destinations": {
                  "primary": {"server": "rtmp://a.example.com/live", "key": "sk_inline_primary_1"},
                  "backup": {"server": "rtmp://b.example.com/live", "key": "sk_inline_backup_2"}}}
                """);
        ProfileStore store = new ProfileStore(dir);
        ProfileStore.Loaded before = store.load();
        assertThat(before.problem()).isNull();
        assertThat(before.profile().ingest("primary").key()).isEqualTo("sk_inline_primary_1");
        assertThat(before.profile().ingest("backup").key()).isEqualTo("sk_inline_backup_2");
        assertThat(Files.readString(store.file())).as("loading alone changes nothing").contains("sk_inline_primary_1");

        store.save(before.profile());
        assertThat(Files.readString(store.file())).doesNotContain("sk_inline_primary_1").doesNotContain("sk_inline_backup_2");
        assertThat(store.load().profile()).isEqualTo(before.profile());
    }

    @Test
    void aKeyStoreThatRefusesLeavesTheOldProfileAndItsKeysAsTheyWere() throws Exception {
        String older = "{\"version\": 1, \"destinations\": {\"primary\": {\"server\": \"rtmp://a.example.com/live\", "
                + "\"key\": \"sk_inline_primary_1\"}}}";
        Files.writeString(dir.resolve(ProfileStore.FILE_NAME), older);
        KeyStore refusing = new KeyStore() {
            @Override public Optional<String> get(String account) { return Optional.empty(); }
            @Override public void put(String account, String key) throws IOException { throw new IOException("locked"); }
            @Override public String where() { return "a locked keyring"; }
        };
        ProfileStore store = new ProfileStore(dir, refusing);
        StudioProfile p = store.load().profile();
        assertThatThrownBy(() -> store.save(p)).isInstanceOf(IOException.class).hasMessageContaining("locked");
        assertThat(Files.readString(store.file())).isEqualTo(older);
    }

    @Test
    void aKeyFileOthersCanReadIsClosedAgainBeforeItIsUsed() throws Exception {
        OwnerOnlyKeyFile file = new OwnerOnlyKeyFile(dir);
        file.put("primary", "sk_live_4711_aa");
        Files.setPosixFilePermissions(file.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(file.get("primary")).contains("sk_live_4711_aa");
        assertThat(Files.getPosixFilePermissions(file.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        file.put("primary", "");
        assertThat(file.file()).as("no keys, no file").doesNotExist();
    }

    @Test
    void theKeyringIsTriedOnlyWhereACredentialServiceMayRun() {
        assertThat(SystemKeyring.mayHaveService("Linux", Map.of())).isFalse();
        assertThat(SystemKeyring.mayHaveService("Linux", Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"))).isTrue();
        assertThat(SystemKeyring.mayHaveService("Windows 11", Map.of())).isTrue();
        assertThat(SystemKeyring.mayHaveService("Mac OS X", Map.of())).isTrue();
    }

    @Test
    void aPortableConfigDirectoryKeepsItsKeysInItsOwnFile() {
        String old = System.getProperty(ConfigDirs.PROPERTY);
        System.setProperty(ConfigDirs.PROPERTY, dir.toString());
        try {
            assertThat(KeyStores.forUser(dir)).isInstanceOf(OwnerOnlyKeyFile.class);
        } finally {
            if (old == null) System.clearProperty(ConfigDirs.PROPERTY);
            else System.setProperty(ConfigDirs.PROPERTY, old);
        }
    }

    /** A key saved to the file while no keyring was around is still found, and moves into the keyring on save. */
    @Test
    void withAKeyringTheFileIsReadAsWellAndEmptiedOnSave() throws Exception {
        OwnerOnlyKeyFile keyring = new OwnerOnlyKeyFile(dir.resolve("standing-in-for-the-keyring"));
        OwnerOnlyKeyFile file = new OwnerOnlyKeyFile(dir);
        file.put("backup", "sk_backup_0815");
        KeyStore both = new KeyStores.KeyringThenFile(keyring, file);
        assertThat(both.get("backup")).contains("sk_backup_0815");
        both.put("backup", "sk_backup_0815");
        assertThat(keyring.get("backup")).contains("sk_backup_0815");
        assertThat(file.get("backup")).isEmpty();
    }

    /** An SRT URL carries its passphrase and streamid in the server field; user-info sits there too. */
    @Test
    void secretsInsideAServerUrlAreKeptWithTheKeys() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        StudioProfile p = StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest("srt://ingest.example.com:9000?passphrase=hunter2hunter2&streamid=publish:sid-77&latency=200000", ""),
                new StudioProfile.Ingest("rtmp://bob:pw-zz-4711@ingest.example.com/live", "sk_live_4711_aa")));
        store.save(p);
        String json = Files.readString(store.file());
        assertThat(json).doesNotContain("hunter2hunter2").doesNotContain("sid-77").doesNotContain("pw-zz-4711")
                .contains("srt://ingest.example.com:9000?latency=200000").contains("rtmp://ingest.example.com/live");
        assertThat(store.load().profile()).isEqualTo(p);
    }
}
