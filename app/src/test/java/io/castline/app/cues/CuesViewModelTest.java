package io.castline.app.cues;

import io.castline.app.engine.FakeEngine;
import io.castline.app.notify.Notice;
import io.castline.app.products.CountdownsViewModel;
import io.castline.app.products.ProductsViewModel;
import io.castline.app.scenes.ScenesViewModel;
import io.castline.app.show.StudioShow;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.show.TransitionKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The run of show in the studio: a cue acts through the docks (the engine gets what a click would send). */
class CuesViewModelTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<Notice> notices = new ArrayList<>();
    private final Show initial = parse("""
            {"version": 2, "canvas": {"width": 640, "height": 360, "fps": 30},
             "sources": [{"name": "Blue", "kind": "color", "color": "#2040C0"},
                         {"name": "Timer", "kind": "countdown", "duration": 60}],
             "scenes": [{"name": "Main", "layers": [{"source": "Blue"}]},
                        {"name": "Sale", "layers": [{"source": "Blue"}, {"source": "Timer"}]}],
             "program": "Main",
             "products": [{"sku": "TEE", "title": "Tee", "price": "19.00", "currency": "USD"}],
             "cues": [{"name": "Open", "scene": "Main"},
                      {"name": "Sale", "scene": "Sale", "product": "TEE", "countdown": "Timer"},
                      {"name": "Cut back", "scene": "Main", "transition": "cut"}]}
            """);
    private final StudioShow show = new StudioShow(initial, null);
    private final ScenesViewModel scenes = new ScenesViewModel(show, engine, notices::add, Runnable::run);
    private final ProductsViewModel products = new ProductsViewModel(show, engine, notices::add, Runnable::run);
    private final CountdownsViewModel countdowns = new CountdownsViewModel(show, engine, notices::add, Runnable::run);
    private final CuesViewModel vm;

    CuesViewModelTest() {
        engine.shown = initial;
        vm = new CuesViewModel(show, scenes, products, countdowns, notices::add);
    }

    @Test
    void nextCuePlaysEachCueThroughTheDocksWithTheStudiosTransition() {
        scenes.transitionProperty().set(TransitionKind.SLIDE);
        scenes.durationMillisProperty().set(500);
        assertThat(vm.upcomingProperty().get().name()).isEqualTo("Open");
        vm.next();
        assertThat(engine.calls).as("its scene is on air already: nothing to send").isEmpty();
        assertThat(vm.currentProperty().get().name()).isEqualTo("Open");
        vm.next();
        assertThat(engine.calls).containsExactly("switch Sale SLIDE 500", "pin TEE", "countdown Timer START");
        assertThat(scenes.programSceneProperty().get()).isEqualTo("Sale");
        assertThat(products.pinnedProperty().get().sku()).isEqualTo("TEE");
        vm.next();
        assertThat(engine.calls).as("a cue's own transition").endsWith("switch Main CUT 0");
        assertThat(vm.currentIndexProperty().get()).isEqualTo(2);
        assertThat(vm.upcomingProperty().get()).isNull();
    }

    @Test
    void inStudioModeACuePutsItsSceneOnAirNotInThePreview() {
        show.studioModeProperty().set(true);
        vm.go(1);
        assertThat(scenes.programSceneProperty().get()).isEqualTo("Sale");
        assertThat(engine.calls).contains("switch Sale FADE 300");
    }

    @Test
    void afterTheLastCueNextSaysSoAndDoesNothing() {
        vm.go(2);
        int sent = engine.calls.size();
        vm.next();
        assertThat(engine.calls).hasSize(sent);
        assertThat(notices).extracting(Notice::title).contains("End of the run of show");
    }

    private static Show parse(String json) {
        try {
            return ShowFile.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
