package io.castline.engine.show;

import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Undo and redo of show edits, and the edits themselves, without any UI. */
class ShowHistoryTest {

    private static Show start() {
        Show s = Shows.singleSource(EncoderSettings.defaults(), SourceSpec.parseVideo("testsrc", null), SourceSpec.parseAudio("sine", null));
        s = ShowEdits.addSource(s, SourceConfig.of("Logo", "color", "color", "#FF0000"));
        return ShowEdits.addLayer(s, Shows.SCENE, Layer.of("Logo", 10, 10, 100, 50, Fit.CONTAIN));
    }

    @Test
    void everyEditIsUndoneAndRedoneInOrder() {
        ShowHistory h = new ShowHistory(start());
        Show s0 = h.current();
        h.apply("Add scene", s -> ShowEdits.addScene(s, "Break"));
        Show s1 = h.current();
        h.apply("Rename scene", s -> ShowEdits.renameScene(s, "Break", "Back soon"));
        Show s2 = h.current();
        h.apply("Move layer", s -> ShowEdits.editLayer(s, Shows.SCENE, 1, l -> l.withRect(200, 100, 100, 50)));
        Show s3 = h.current();

        assertThat(s2.scene("Back soon")).isPresent();
        assertThat(s3.scene(Shows.SCENE).orElseThrow().layers().get(1).x()).isEqualTo(200);
        assertThat(h.undoLabel()).isEqualTo("Move layer");
        assertThat(h.undo()).isEqualTo(s2);
        assertThat(h.undo()).isEqualTo(s1);
        assertThat(h.redoLabel()).isEqualTo("Rename scene");
        assertThat(h.redo()).isEqualTo(s2);
        assertThat(h.undo()).isEqualTo(s1);
        assertThat(h.undo()).isEqualTo(s0);
        assertThat(h.canUndo()).isFalse();
        assertThat(h.undo()).as("nothing more to undo").isEqualTo(s0);
        assertThat(h.redo()).isEqualTo(s1);
        // a new edit after an undo forgets what could have been redone
        h.apply("Remove scene", s -> ShowEdits.removeScene(s, "Break"));
        assertThat(h.canRedo()).isFalse();
        assertThat(h.current().scenes()).extracting(Scene::name).containsExactly(Shows.SCENE);
    }

    @Test
    void aDragIsOneStepAndAnEditThatChangesNothingIsNone() {
        ShowHistory h = new ShowHistory(start());
        Show before = h.current();
        for (int x = 11; x <= 60; x++) {
            int nx = x;
            h.apply("Move layer", "drag", s -> ShowEdits.editLayer(s, Shows.SCENE, 1, l -> l.withRect(nx, 10, 100, 50)));
        }
        h.endMerge();
        h.apply("Hide layer", s -> ShowEdits.editLayer(s, Shows.SCENE, 1, l -> l.withVisible(false)));
        h.apply("Nothing", s -> s);
        assertThat(h.undoLabel()).isEqualTo("Hide layer");
        h.undo();
        assertThat(h.current().scene(Shows.SCENE).orElseThrow().layers().get(1).x()).isEqualTo(60);
        assertThat(h.undo()).as("fifty moves, one undo").isEqualTo(before);
        assertThat(h.canUndo()).isFalse();
    }

    @Test
    void listenersHearEveryChangeAndTheHistoryIsBounded() {
        ShowHistory h = new ShowHistory(start());
        List<Show> heard = new ArrayList<>();
        h.addListener(heard::add);
        for (int i = 0; i < ShowHistory.LIMIT + 20; i++) {
            int n = i;
            h.apply("Opacity", s -> ShowEdits.editLayer(s, Shows.SCENE, 1, l -> l.withOpacity(n / 1000.0)));
        }
        assertThat(heard).as("each edit changed the opacity, from 1 to 0 first").hasSize(ShowHistory.LIMIT + 20);
        int undone = 0;
        while (h.canUndo()) {
            h.undo();
            undone++;
        }
        assertThat(undone).isEqualTo(ShowHistory.LIMIT);
    }

    @Test
    void editsKeepNamesUniqueAndReferencesWhole() {
        Show s = start();
        s = ShowEdits.duplicateScene(s, Shows.SCENE);
        assertThat(s.scenes()).extracting(Scene::name).containsExactly(Shows.SCENE, Shows.SCENE + " 2");
        s = ShowEdits.renameSource(s, "Logo", "Brand");
        for (Scene scene : s.scenes()) assertThat(scene.layers()).extracting(Layer::source).contains("Brand").doesNotContain("Logo");
        s = ShowEdits.addSource(s, SourceConfig.of("Brand", "color", "color", "#00FF00"));
        assertThat(s.sources()).extracting(SourceConfig::name).contains("Brand", "Brand 2");
        s = ShowEdits.moveLayer(s, Shows.SCENE, 1, 0);
        assertThat(s.scene(Shows.SCENE).orElseThrow().layers()).extracting(Layer::source).containsExactly("Brand", Shows.VIDEO);
        s = ShowEdits.duplicateLayer(s, Shows.SCENE, 0);
        assertThat(s.scene(Shows.SCENE).orElseThrow().layers()).extracting(Layer::source).containsExactly("Brand", "Brand", Shows.VIDEO);
        s = ShowEdits.removeSource(s, "Brand");
        assertThat(s.scene(Shows.SCENE).orElseThrow().layers()).extracting(Layer::source).containsExactly(Shows.VIDEO);
        s = ShowEdits.renameScene(s, Shows.SCENE, "Host");
        assertThat(s.program()).as("the program follows its scene's new name").isEqualTo("Host");
        s = ShowEdits.moveScene(s, Shows.SCENE + " 2", 0);
        assertThat(s.scenes()).extracting(Scene::name).containsExactly(Shows.SCENE + " 2", "Host");
        s = ShowEdits.removeScene(s, "Host");
        assertThat(s.program()).isEqualTo(Shows.SCENE + " 2");
        assertThat(ShowEdits.removeScene(s, Shows.SCENE + " 2")).as("the last scene stays").isEqualTo(s);
        assertThat(ShowValidator.pictureProblems(s, null)).isEmpty();
    }
}
