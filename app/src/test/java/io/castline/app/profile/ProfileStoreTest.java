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
        assertThat(json).contains("\"version\" : 1").contains("\"bitrate_kbps\" : 2500").contains("\"rate_control\"");
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
        assertThat(store.load().profile().destinations().primary()).isEqualTo(tls);
        Files.writeString(store.file(), "{\"version\": 1, \"destinations\": {\"primary\": {\"server\": \"rtmps://h/live\", \"key\": \"k\"}}}");
        assertThat(store.load().profile().destinations().primary()).isEqualTo(new StudioProfile.Ingest("rtmps://h/live", "k", ""));
    }
}
