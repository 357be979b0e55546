package io.castline.app.layers;

import io.castline.app.notify.Notice;
import io.castline.app.profile.StudioProfile;
import io.castline.app.show.ShowMigration;
import io.castline.app.show.StudioShow;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.show.Fit;
import io.castline.engine.show.Layer;
import io.castline.engine.source.SourceKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LayersViewModelTest {
    @TempDir Path dir;
    private final List<Notice> notices = new ArrayList<>();

    private LayersViewModel vm(StudioShow show) { return new LayersViewModel(show, notices::add); }

    private StudioShow show() { return new StudioShow(ShowMigration.fromProfile(StudioProfile.defaults()), dir); }

    @Test
    void aNewSourceIsAddedOnTopAsAFullCanvasLayerAndTextAsALowerThird() {
        StudioShow show = show();
        LayersViewModel vm = vm(show);
        assertThat(vm.addSource(SourceForm.config("Backdrop", "color", Map.of("color", "#FF0000")))).isEmpty();
        assertThat(vm.addSource(SourceForm.config("", "text", Map.of("text", "Sale", "size", "40")))).isEmpty();
        assertThat(vm.rows()).extracting(LayersViewModel.Row::source).as("top first").containsExactly("Text", "Backdrop", "video");
        assertThat(vm.rows()).extracting(LayersViewModel.Row::kind).containsExactly("Text", "Colour", "Test pattern");
        Layer backdrop = vm.layer(1);
        assertThat(List.of(backdrop.x(), backdrop.y(), backdrop.width(), backdrop.height())).containsExactly(0, 0, 1280, 720);
        Layer text = vm.layer(2);
        assertThat(text.y()).isGreaterThan(720 / 2);
        assertThat(show.current().source("Text").orElseThrow().settings()).containsEntry("size", 40);
        show.undo();
        assertThat(vm.rows()).extracting(LayersViewModel.Row::source).containsExactly("Backdrop", "video");
        assertThat(show.current().source("Text")).as("the source goes with its layer").isEmpty();
    }

    @Test
    void aBadSettingIsRefusedWithItsFieldAndNothingIsAdded() {
        StudioShow show = show();
        LayersViewModel vm = vm(show);
        List<SettingsProblem> problems = vm.addSource(SourceForm.config("Logo", "image",
                Map.of("path", dir.resolve("no-logo.png").toString())));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(SourceForm.fieldOf(p)).isEqualTo("path");
            assertThat(p.message()).contains("no such file");
        });
        List<SettingsProblem> colour = vm.addSource(SourceForm.config("Card", "color", Map.of("color", "red")));
        assertThat(colour).extracting(SourceForm::fieldOf).containsExactly("color");
        assertThat(vm.rows()).extracting(LayersViewModel.Row::source).containsExactly("video");
        assertThat(show.canUndoProperty().get()).isFalse();
    }

    @Test
    void eyeLockOrderFitOpacityAndTheRectangle() {
        StudioShow show = show();
        LayersViewModel vm = vm(show);
        vm.addSource(SourceForm.config("Backdrop", "color", Map.of("color", "#000000")));
        vm.move(1, -1); // the backdrop under the test pattern
        assertThat(vm.rows()).extracting(LayersViewModel.Row::source).containsExactly("video", "Backdrop");
        vm.toggleVisible(1);
        assertThat(vm.rows().get(0).visible()).isFalse();
        assertThat(vm.setRect(1, 10, 20, 640, 360)).isEmpty();
        vm.setFit(1, Fit.COVER);
        vm.setOpacity(1, 0.503);
        vm.setOpacity(1, 0.25);
        vm.endDrag();
        Layer l = vm.layer(1);
        assertThat(List.of(l.x(), l.y(), l.width(), l.height())).containsExactly(10, 20, 640, 360);
        assertThat(l.fit()).isEqualTo(Fit.COVER);
        assertThat(l.opacity()).isEqualTo(0.25);
        show.undo(); // the whole drag of the opacity slider
        assertThat(vm.layer(1).opacity()).isEqualTo(1.0);
        vm.toggleLocked(1);
        assertThat(vm.setRect(1, 0, 0, 100, 100)).extracting(SettingsProblem::message).singleElement().asString().contains("locked");
        assertThat(vm.setRect(1, 0, 0, -5, 100)).as("locked first").hasSize(1);
        vm.toggleLocked(1);
        assertThat(vm.setRect(1, 0, 0, -5, 100)).extracting(SettingsProblem::field).containsExactly("scenes[0].layers[1].width");
        // a locked layer's fields cannot be typed in: the refusal is for the caller; the validator's is told
        assertThat(notices).extracting(Notice::title).containsExactly("Not changed");
    }

    @Test
    void theFormOffersEveryKindsSettingsAndTypesWhatWasTyped() {
        for (var kind : SourceKinds.all()) {
            assertThat(SourceForm.fields(kind)).extracting(SourceForm.Field::key).containsExactlyInAnyOrderElementsOf(kind.settingKeys());
        }
        var c = SourceForm.config("Screen", "screen", Map.of("region", "0, 0, 1280, 800", "cursor", "false", "display", " "));
        assertThat(c.settings()).containsEntry("region", List.of(0, 0, 1280, 800)).containsEntry("cursor", false)
                .doesNotContainKey("display");
    }
}
