package io.castline.app.show;

import io.castline.app.profile.StudioProfile;
import io.castline.engine.output.OutputRole;
import io.castline.engine.show.OutputConfig;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowEdits;
import io.castline.engine.show.ShowFile;
import io.castline.engine.source.SourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShowStoreTest {
    @TempDir Path dir;

    @Test
    void withoutAFileTheShowIsMadeFromTheProfilesSources() {
        StudioProfile p = StudioProfile.defaults();
        ShowStore.Loaded loaded = new ShowStore(dir).load(() -> ShowMigration.fromProfile(p));
        assertThat(loaded.problem()).isNull();
        assertThat(loaded.show().sources()).extracting(SourceConfig::kind).containsExactly("testsrc", "tone");
        assertThat(loaded.show().scenes()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("Main"));
    }

    @Test
    void aSavedShowReadsBackAsTheSameShowAndThePlainCliReadsItToo() throws Exception {
        ShowStore store = new ShowStore(dir);
        Show show = ShowEdits.addScene(ShowEdits.addSource(ShowMigration.fromProfile(StudioProfile.defaults()),
                SourceConfig.of("Backdrop", "color", "color", "#102030")), "Break").withProgram("Break");
        store.save(show.withOutputs(List.of(new OutputConfig("primary", "rtmp://127.0.0.1/live/sk_store_secret_91",
                OutputRole.PRIMARY, null, null))));
        String text = Files.readString(store.file());
        assertThat(text).as("the destinations stay in the profile, keys in the key store").doesNotContain("sk_store_secret_91")
                .doesNotContain("outputs\" : [ {");
        ShowStore.Loaded again = store.load(() -> { throw new AssertionError("not migrated"); });
        assertThat(again.problem()).isNull();
        assertThat(again.show()).isEqualTo(show);
        assertThat(ShowFile.parse(store.file())).isEqualTo(show);
    }

    @Test
    void anUnreadableFileIsMovedAsideAndItsProblemsNamedByField() throws Exception {
        ShowStore store = new ShowStore(dir);
        Files.writeString(store.file(), """
                {"version": 2, "canvas": {"width": "wide", "height": 720, "fps": 30},
                 "sources": [{"name": "a", "kind": "color", "color": "#000000"}],
                 "scenes": [{"name": "Main", "layers": [{"source": "a", "opacity": "half"}]}], "program": "Main"}
                """);
        String original = Files.readString(store.file());
        ShowStore.Loaded loaded = store.load(() -> ShowMigration.fromProfile(StudioProfile.defaults()));
        assertThat(loaded.problem()).contains("canvas.width").contains("scenes[0].layers[0].opacity").contains("kept as show.json.invalid-");
        assertThat(loaded.show().scenes()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("Main"));
        assertThat(Files.exists(store.file())).isFalse();
        try (var files = Files.list(dir)) {
            Path aside = files.filter(f -> f.getFileName().toString().startsWith("show.json.invalid-")).findFirst().orElseThrow();
            assertThat(Files.readString(aside)).as("nothing of it lost").isEqualTo(original);
        }
    }

    @Test
    void aShowWithAMissingFileOpensWithItsProblemTold() throws Exception {
        ShowStore store = new ShowStore(dir);
        Show show = ShowEdits.addSource(ShowMigration.fromProfile(StudioProfile.defaults()),
                SourceConfig.of("Logo", "image", "path", "logo.png"));
        store.save(show);
        ShowStore.Loaded loaded = store.load(() -> { throw new AssertionError("not migrated"); });
        assertThat(loaded.show()).isEqualTo(show);
        assertThat(loaded.problem()).contains("sources[2].path").contains("no such file");
        assertThat(Files.exists(store.file())).as("kept, to be fixed").isTrue();
    }
}
