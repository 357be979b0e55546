package io.castline.app.studio;

import io.castline.app.engine.FakeEngine;
import io.castline.app.notify.Notice;
import io.castline.app.profile.ProfileStore;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowStore;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Opening a show file in the studio and saving the studio's show as one (the engine is a fake; the files are real). */
class ShowOpenSaveTest {
    @TempDir Path dir;
    private final FakeEngine engine = new FakeEngine();
    private final List<Notice> notices = new ArrayList<>();

    private MainViewModel vm() {
        Path config = dir.resolve("config");
        return new MainViewModel(engine, new ProfileStore(config), StudioProfile.defaults(), new ShowStore(config), null,
                notices::add, Runnable::run, () -> LocalDateTime.of(2026, 12, 2, 20, 0));
    }

    private Path showFile() throws Exception {
        Path folder = dir.resolve("shows");
        Files.createDirectories(folder.resolve("branding"));
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_ARGB), "png",
                folder.resolve("branding/logo.png").toFile());
        Path file = folder.resolve("flash-sale.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 1080, "height": 1920, "fps": 30},
                 "encoder": {"codec": "x264", "preset": "faster", "bitrate": "4500k", "gop": 1},
                 "sources": [{"name": "Logo", "kind": "image", "path": "branding/logo.png"},
                             {"name": "Backdrop", "kind": "color", "color": "#101820"}],
                 "scenes": [{"name": "Intro", "layers": [{"source": "Backdrop"}, {"source": "Logo", "x": 40, "y": 40,
                             "width": 200, "height": 200}]}, {"name": "Outro", "layers": [{"source": "Backdrop"}]}],
                 "program": "Outro",
                 "outputs": [{"name": "primary", "url": "rtmp://127.0.0.1/live/sk_open_primary_77", "role": "primary"},
                             {"name": "backup", "url": "rtmp://127.0.0.2/live/sk_open_backup_88", "role": "backup"},
                             {"name": "other", "url": "rtmp://127.0.0.3/live/sk_open_other_99", "role": "extra"}],
                 "recording": {"path": "recordings/flash-sale.mp4"}}
                """);
        return file;
    }

    @Test
    void anOpenedShowBringsItsCanvasEncoderDestinationsAndRecordingIntoTheSettings() throws Exception {
        MainViewModel vm = vm();
        Path file = showFile();
        assertThat(vm.openShow(file)).isTrue();
        StudioProfile p = vm.profileProperty().get();
        assertThat(p.canvas()).isEqualTo(new StudioProfile.Canvas(1080, 1920, 30));
        assertThat(p.encoder().preset()).isEqualTo("faster");
        assertThat(p.encoder().bitrateKbps()).isEqualTo(4500);
        assertThat(p.ingest("primary")).isEqualTo(new StudioProfile.Ingest("rtmp://127.0.0.1/live", "sk_open_primary_77", ""));
        assertThat(p.ingest("backup").key()).isEqualTo("sk_open_backup_88");
        assertThat(p.outputs()).as("every destination, in the file's order, names and roles kept")
                .extracting(StudioProfile.Output::name, StudioProfile.Output::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("primary", "primary"),
                        org.assertj.core.groups.Tuple.tuple("backup", "backup"), org.assertj.core.groups.Tuple.tuple("other", "extra"));
        assertThat(p.ingest("other")).isEqualTo(new StudioProfile.Ingest("rtmp://127.0.0.3/live", "sk_open_other_99", ""));
        assertThat(vm.outputs()).extracting(c -> c.name()).as("a card each, then the recording's")
                .containsExactly("primary", "backup", "other", "recording");
        assertThat(p.recording()).isEqualTo(new StudioProfile.Recording(true,
                dir.resolve("shows/recordings").toString(), "mp4"));
        Show s = vm.show().current();
        assertThat(s.scenes()).extracting(x -> x.name()).containsExactly("Intro", "Outro");
        assertThat(vm.show().programSceneProperty().get()).isEqualTo("Outro");
        assertThat(s.source("Logo").orElseThrow().string("path", null))
                .as("made absolute: show.json lives elsewhere").isEqualTo(dir.resolve("shows/branding/logo.png").toString());
        assertThat(engine.shown.canvas().height()).as("played at its canvas").isEqualTo(1920);
        assertThat(notices).last().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Show opened");
            assertThat(n.text()).doesNotContain("left out: the studio");
        });
        // kept: the show without keys, the keys in the key store
        String kept = Files.readString(dir.resolve("config").resolve(ShowStore.FILE_NAME));
        assertThat(kept).contains("Intro").doesNotContain("sk_open_primary_77").doesNotContain("sk_open_other_99");
        assertThat(Files.readString(dir.resolve("config/profile.json"))).doesNotContain("sk_open_primary_77");
    }

    @Test
    void aShowWithProblemsIsRefusedWithEveryProblemAndTheOpenShowStays() throws Exception {
        MainViewModel vm = vm();
        Show before = vm.show().current();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"version": 2, "canvas": {"width": 1280, "height": 720, "fps": 30},
                 "sources": [{"name": "Logo", "kind": "image", "path": "nowhere.png"}],
                 "scenes": [{"name": "A", "layers": [{"source": "Logo", "width": 0}]}], "program": "A"}
                """);
        assertThat(vm.openShow(bad)).isFalse();
        assertThat(notices).last().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Show not opened");
            assertThat(n.text()).contains("sources[0].path: no such file").contains("scenes[0].layers[0].width")
                    .contains("The show you had stays open");
        });
        assertThat(vm.show().current()).isEqualTo(before);
        assertThat(vm.openShow(dir.resolve("missing.json"))).isFalse();
        assertThat(notices).last().satisfies(n -> assertThat(n.text()).contains("no such file"));
    }

    @Test
    void savedAsAFileTheShowReopensTheSameAndHoldsNoKey() throws Exception {
        MainViewModel vm = vm();
        vm.openShow(showFile());
        Path saved = dir.resolve("copy.json");
        assertThat(vm.saveShowAs(saved)).isTrue();
        assertThat(Files.readString(saved)).doesNotContain("sk_open_");
        Show written = ShowFile.parse(saved);
        assertThat(written.withProgram("Intro")).isEqualTo(vm.show().current().withProgram("Intro"));
        assertThat(written.program()).as("the scene on air is the show's program").isEqualTo("Outro");
        MainViewModel other = vm();
        assertThat(other.openShow(saved)).isTrue();
        assertThat(other.show().current()).isEqualTo(vm.show().current());
    }
}
