package io.castline.app.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileStoreTest {
    @TempDir Path dir;

    @Test
    void noFileMeansDefaultsAndNoComplaint() {
        ProfileStore.Loaded l = new ProfileStore(dir).load();
        assertThat(l.problem()).isNull();
        assertThat(l.profile()).isEqualTo(StudioProfile.defaults());
    }

    @Test
    void savedProfilesComeBackTheSameAndAreVersionedAndPrivate() throws Exception {
        ProfileStore store = new ProfileStore(dir.resolve("nested"));
        StudioProfile p = StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(
                new StudioProfile.Ingest("rtmp://a.example.com/live", "sk_store_1"), StudioProfile.Ingest.NONE));
        store.save(p);
        String json = Files.readString(store.file());
        assertThat(json).contains("\"version\" : 2").contains("\"outputs\" : [").doesNotContain("\"destinations\"").contains("\"bitrate_kbps\" : 2500").contains("\"rate_control\"");
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(store.load()).isEqualTo(new ProfileStore.Loaded(p, null));
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("profile.json", OwnerOnlyKeyFile.FILE_NAME); // no temp file left
        }
    }

    @Test
    void aCorruptProfileIsReportedKeptAsideAndDefaultsAreUsed() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(store.file(), "{\"version\": 1, \"encoder\": {\"bitrate_kbps\": ");
        ProfileStore.Loaded l = store.load();
        assertThat(l.profile()).isEqualTo(StudioProfile.defaults());
        assertThat(l.problem()).contains("could not be read").contains("profile.json.corrupt-").contains("default settings");
        assertThat(store.file()).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().startsWith("profile.json.corrupt-");
        }
    }

    @Test
    void aWrongTypeIsCorruptToo() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(store.file(), "{\"version\": 1, \"canvas\": {\"width\": \"wide\"}}");
        assertThat(store.load().problem()).contains("could not be read");
    }

    @Test
    void missingSectionsTakeDefaultsAndUnknownFieldsAreIgnored() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(store.file(), "{\"version\": 1, \"canvas\": {\"width\": 1080, \"height\": 1920}, \"future\": true}");
        ProfileStore.Loaded l = store.load();
        assertThat(l.problem()).isNull();
        assertThat(l.profile().canvas()).isEqualTo(new StudioProfile.Canvas(1080, 1920, 30));
        assertThat(l.profile().encoder()).isEqualTo(StudioProfile.defaults().encoder());
        assertThat(l.profile().view()).as("a profile from before the window's state was kept").isEqualTo(new StudioProfile.View(true));
    }

    @Test
    void changedHotkeysRoundTripAndTheDefaultsAreNotWritten() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        store.save(StudioProfile.defaults());
        assertThat(Files.readString(store.file())).doesNotContain("hotkeys");
        store.save(StudioProfile.defaults().withHotkeys(java.util.Map.of("record", "F9", "scene", "Alt+1")));
        assertThat(Files.readString(store.file())).contains("\"hotkeys\" : {").contains("\"record\" : \"F9\"");
        assertThat(store.load().profile().hotkeys()).isEqualTo(java.util.Map.of("record", "F9", "scene", "Alt+1"));
    }

    @Test
    void theWindowsStateRoundTrips() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        store.save(StudioProfile.defaults().withView(new StudioProfile.View(false)));
        assertThat(Files.readString(store.file())).contains("\"preview\" : false");
        assertThat(store.load().profile().view().preview()).isFalse();
    }

    @Test
    void aNewerProfileLoadsAsFarAsUnderstoodAndIsKept() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(store.file(), "{\"version\": 7, \"canvas\": {\"fps\": 60}}");
        ProfileStore.Loaded l = store.load();
        assertThat(l.profile().canvas().fps()).isEqualTo(60);
        assertThat(l.problem()).contains("newer Castline").contains("profile.json.newer-");
        assertThat(store.file()).exists();
    }
    @Test
    void aDestinationsCaFileRoundTripsAndAnOlderProfileHasNone() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        StudioProfile.Ingest tls = new StudioProfile.Ingest("rtmps://ingest.example.com/live", "sk_ca_1", "/home/me/ca.pem");
        store.save(StudioProfile.defaults().withDestinations(new StudioProfile.Destinations(tls, StudioProfile.Ingest.NONE)));
        assertThat(Files.readString(store.file())).contains("\"ca_file\" : \"/home/me/ca.pem\"");
        assertThat(store.load().profile().ingest("primary")).isEqualTo(tls);
        Files.writeString(store.file(), "{\"version\": 1, \"destinations\": {\"primary\": {\"server\": \"rtmps://h/live\", \"key\": \"k\"}}}");
        assertThat(store.load().profile().ingest("primary")).isEqualTo(new StudioProfile.Ingest("rtmps://h/live", "k", ""));
    }

    @Test
    void aVersionOneProfileLoadsAsAListAndARemovedDestinationTakesItsKeyAlong() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        Files.writeString(store.file(), "{\"version\": 1, \"destinations\": {\"primary\": {\"server\": \"rtmp://a/live\"}, "
                + "\"backup\": {\"server\": \"rtmp://b/live\", \"key\": \"sk_v1_backup\"}}}");
        StudioProfile p = store.load().profile();
        assertThat(p.outputs()).extracting(StudioProfile.Output::name, StudioProfile.Output::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("primary", "primary"),
                        org.assertj.core.groups.Tuple.tuple("backup", "backup"));
        assertThat(p.ingest("backup")).isEqualTo(new StudioProfile.Ingest("rtmp://b/live", "sk_v1_backup"));

        // the backup renamed "shop" and an extra added: each key under its own name
        StudioProfile renamed = p.withOutputs(java.util.List.of(p.outputs().get(0),
                new StudioProfile.Output("shop", "backup", p.ingest("backup")),
                new StudioProfile.Output("market", "extra", new StudioProfile.Ingest("rtmp://m/live", "sk_v2_market"))));
        store.save(renamed);
        OwnerOnlyKeyFile keys = new OwnerOnlyKeyFile(dir);
        assertThat(keys.get("backup")).as("the old name's key").isEmpty();
        assertThat(keys.get("shop")).contains("sk_v1_backup");
        assertThat(keys.get("market")).contains("sk_v2_market");
        assertThat(Files.readString(store.file())).doesNotContain("sk_v").contains("\"name\" : \"market\"");
        assertThat(new ProfileStore(dir).load().profile()).isEqualTo(renamed.withDefaults());

        // removed, in a later run (a store that only read the file)
        ProfileStore later = new ProfileStore(dir);
        StudioProfile loaded = later.load().profile();
        later.save(loaded.withOutputs(loaded.outputs().subList(0, 2)));
        assertThat(keys.get("market")).isEmpty();
        assertThat(keys.get("shop")).contains("sk_v1_backup");
    }
}
