package io.castline.app.scenes;

import io.castline.app.engine.FakeEngine;
import io.castline.app.notify.Notice;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowMigration;
import io.castline.app.show.StudioShow;
import io.castline.engine.show.TransitionKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class ScenesViewModelTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<Notice> notices = new ArrayList<>();
    private final StudioShow show = new StudioShow(ShowMigration.fromProfile(StudioProfile.defaults()), null);
    private final ScenesViewModel vm = new ScenesViewModel(show, engine, notices::add, Runnable::run);

    @Test
    void choosingASceneSwitchesTheEngineWithTheChosenTransition() {
        assertThat(vm.add()).isEqualTo("Scene 2");
        assertThat(vm.scenes()).containsExactly("Main", "Scene 2");
        vm.transitionProperty().set(TransitionKind.SLIDE);
        vm.durationMillisProperty().set(700);
        vm.switchTo("Scene 2");
        assertThat(engine.calls).containsExactly("switch Scene 2 SLIDE 700");
        assertThat(vm.programSceneProperty().get()).isEqualTo("Scene 2");
        vm.switchTo("Scene 2");
        assertThat(engine.calls).as("on air already: nothing").hasSize(1);
        vm.switchToNumber(1);
        vm.switchToNumber(9);
        assertThat(engine.calls).containsExactly("switch Scene 2 SLIDE 700", "switch Main SLIDE 700");
    }

    @Test
    void aSwitchTheEngineRefusesIsToldAndTheDockStaysOnTheOldScene() {
        vm.add();
        engine.switchResult = CompletableFuture.failedFuture(new IllegalStateException("no program is running"));
        vm.switchTo("Scene 2");
        assertThat(vm.programSceneProperty().get()).isEqualTo("Main");
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Could not switch to Scene 2");
            assertThat(n.text()).isEqualTo("no program is running");
        });
    }

    @Test
    void renameMoveDuplicateRemoveAreUndoableAndTheLastSceneStays() {
        vm.add();
        show.setProgramScene("Scene 2");
        assertThat(vm.rename("Scene 2", "Main")).as("a taken name gets a number").isEqualTo("Main 2");
        assertThat(vm.programSceneProperty().get()).as("the scene on air follows its rename").isEqualTo("Main 2");
        vm.move("Main 2", -1);
        assertThat(vm.scenes()).containsExactly("Main 2", "Main");
        vm.duplicate("Main");
        assertThat(vm.scenes()).containsExactly("Main 2", "Main", "Main 3");
        show.undo();
        show.undo();
        assertThat(vm.scenes()).containsExactly("Main", "Main 2");
        vm.remove("Main 2");
        vm.remove("Main");
        assertThat(vm.scenes()).containsExactly("Main");
        assertThat(notices).extracting(Notice::title).containsExactly("The last scene stays");
    }
}
