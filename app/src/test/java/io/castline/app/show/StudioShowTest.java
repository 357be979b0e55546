package io.castline.app.show;

import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Layer;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowEdits;
import io.castline.engine.source.SourceConfig;
import io.castline.app.profile.StudioProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StudioShowTest {
    @TempDir Path dir;

    private StudioShow show() {
        return new StudioShow(ShowMigration.fromProfile(StudioProfile.defaults()), dir);
    }

    @Test
    void anEditIsOneUndoStepAndRedoBringsItBack() {
        StudioShow s = show();
        Show before = s.current();
        assertThat(s.edit("Add scene", x -> ShowEdits.addScene(x, "Break"))).isEmpty();
        assertThat(s.current().scene("Break")).isPresent();
        assertThat(s.undoTextProperty().get()).isEqualTo("Undo Add scene");
        s.undo();
        assertThat(s.current()).isEqualTo(before);
        assertThat(s.canRedoProperty().get()).isTrue();
        s.redo();
        assertThat(s.current().scene("Break")).isPresent();
    }

    @Test
    void anEditWithAProblemChangesNothingAndNamesTheField() {
        StudioShow s = show();
        Show before = s.current();
        List<SettingsProblem> problems = s.edit("Add image", x -> ShowEdits.addSource(x,
                SourceConfig.of("Logo", "image", "path", dir.resolve("missing.png").toString())));
        assertThat(problems).extracting(SettingsProblem::field).containsExactly("sources[2].path");
        assertThat(problems.get(0).message()).contains("no such file");
        assertThat(s.current()).isEqualTo(before);
        assertThat(s.canUndoProperty().get()).as("nothing to undo").isFalse();
        List<SettingsProblem> badLayer = s.edit("Resize", x -> ShowEdits.editLayer(x, "Main", 0, l -> l.withRect(0, 0, 0, 10)));
        assertThat(badLayer).extracting(SettingsProblem::field).containsExactly("scenes[0].layers[0].width");
        assertThat(s.current()).isEqualTo(before);
    }

    @Test
    void aShowOpenedWithAProblemCanStillBeEditedButNotMadeWorse() {
        Show broken = ShowEdits.addSource(ShowMigration.fromProfile(StudioProfile.defaults()),
                SourceConfig.of("Logo", "image", "path", "gone.png"));
        StudioShow s = new StudioShow(broken, dir);
        assertThat(s.edit("Add scene", x -> ShowEdits.addScene(x, "Break"))).as("the old problem is not this edit's").isEmpty();
        assertThat(s.edit("Remove image", x -> ShowEdits.removeSource(x, "Logo"))).isEmpty();
        assertThat(s.current().source("Logo")).isEmpty();
    }

    @Test
    void theSceneOnAirFollowsARenameAndFallsBackWhenRemoved() {
        StudioShow s = show();
        s.edit("Add scene", x -> ShowEdits.addScene(x, "Break"));
        s.setProgramScene("Break");
        assertThat(s.onAir().program()).isEqualTo("Break");
        s.edit("Remove scene", x -> ShowEdits.removeScene(x, "Break"));
        assertThat(s.programSceneProperty().get()).isEqualTo("Main");
        s.undo(); // the scene is back, the program stays where it went (undo never switches the program)
        assertThat(s.programSceneProperty().get()).isEqualTo("Main");
        assertThat(s.current().scene("Break")).isPresent();
    }

    @Test
    void aDragIsOneStep() {
        StudioShow s = show();
        for (int i = 1; i <= 5; i++) {
            double o = 1 - i * 0.1;
            s.edit("Opacity", "drag", x -> ShowEdits.editLayer(x, "Main", 0, l -> l.withOpacity(o)));
        }
        s.endMerge();
        assertThat(s.current().scenes().get(0).layers().get(0).opacity()).isEqualTo(0.5);
        s.undo();
        Layer back = s.current().scenes().get(0).layers().get(0);
        assertThat(back.opacity()).isEqualTo(1.0);
        assertThat(s.canUndoProperty().get()).isFalse();
    }
}
