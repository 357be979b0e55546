package io.castline.engine.show;

import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.source.SourceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The run of show in the show file: read, written, checked, and kept right when scenes or sources are renamed. */
class ShowCuesTest {
    @TempDir Path dir;

    private Show flashSale() throws IOException {
        Path f = dir.resolve("flash-sale.json");
        Files.writeString(f, ShowFileTest.FLASH_SALE);
        return ShowFile.parse(f);
    }

    @Test
    void cuesSurviveTheRoundTrip() throws IOException {
        Show show = flashSale().withCues(List.of(Cue.of("Open", "Host"),
                new Cue("Product", "Host + product", null, null, TransitionKind.SLIDE, 750)));
        Path out = dir.resolve("saved.json");
        ShowFile.write(show, out);
        assertThat(ShowFile.parse(out).cues()).isEqualTo(show.cues());
        assertThat(Files.readString(out)).contains("\"transition\" : \"slide\"", "\"duration\" : 0.75");
    }

    @Test
    void everyProblemOfACueIsNamedByItsPath() throws IOException {
        Show show = flashSale().withSources(new java.util.ArrayList<>(flashSale().sources()) {{
            add(SourceConfig.of("Clock", "countdown", "duration", 60));
        }}).withCues(List.of(new Cue(null, "Nowhere", "NOPE", "Headline", null, 20_000),
                new Cue("ok", "Host", null, "Clock", null, 0)));
        assertThat(ShowValidator.pictureProblems(show, null)).extracting(SettingsProblem::toString)
                .filteredOn(s -> s.startsWith("cues")).containsExactly(
                        "cues[0].name: is required",
                        "cues[0].scene: no scene is called 'Nowhere'",
                        "cues[0].product: no product has the SKU 'NOPE'",
                        "cues[0].countdown: 'Headline' is a text, not a countdown",
                        "cues[0].duration: must be between 0 and 10 seconds");
        String json = ShowFile.toJsonText(flashSale().withCues(List.of(Cue.of("a", "Host"))))
                .replace("\"scene\" : \"Host\"", "\"scene\" : \"Host\", \"transition\" : \"wipe\", \"when\" : 3");
        Path f = dir.resolve("bad.json");
        Files.writeString(f, json);
        assertThat(catchThrowableOfType(InvalidSettingsException.class, () -> ShowFile.parse(f)).problems())
                .extracting(SettingsProblem::toString).contains("cues[0].transition: 'wipe' is not cut, fade or slide")
                .anyMatch(s -> s.startsWith("cues[0].when:"));
    }

    @Test
    void aCountdownsEndSceneMustBeAScene() throws IOException {
        Show show = ShowEdits.addSource(flashSale(), SourceConfig.of("Clock", "countdown", "duration", 60, "at_end", "scene",
                "end_scene", "Gone"));
        assertThat(ShowValidator.pictureProblems(show, null)).extracting(SettingsProblem::toString)
                .contains("sources[7].end_scene: no scene is called 'Gone'");
    }

    @Test
    void renamingASceneOrACountdownRenamesItInTheCues() throws IOException {
        Show show = ShowEdits.addSource(flashSale(), SourceConfig.of("Clock", "countdown", "duration", 60))
                .withCues(List.of(new Cue("a", "Host", null, "Clock", null, 0)));
        Show renamed = ShowEdits.renameSource(ShowEdits.renameScene(show, "Host", "Host solo"), "Clock", "Deal clock");
        assertThat(renamed.cues()).containsExactly(new Cue("a", "Host solo", null, "Deal clock", null, 0));
        Show ending = ShowEdits.addSource(flashSale(), SourceConfig.of("C", "countdown", "duration", 9, "at_end", "scene",
                "end_scene", "Host"));
        assertThat(ShowEdits.renameScene(ending, "Host", "Solo").source("C").orElseThrow().settings().get("end_scene"))
                .isEqualTo("Solo");
    }
}
