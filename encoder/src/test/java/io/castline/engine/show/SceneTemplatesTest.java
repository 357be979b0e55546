package io.castline.engine.show;

import io.castline.engine.settings.Canvas;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.source.SourceConfig;
import io.castline.engine.source.SourceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SceneTemplatesTest {

    private static Show show(int w, int h) {
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        b.width = w;
        b.height = h;
        return Shows.singleSource(b.build(), SourceSpec.parseVideo("testsrc", null), SourceSpec.parseAudio("sine", null));
    }

    private static Scene last(Show s) { return s.scenes().get(s.scenes().size() - 1); }

    @Test
    void everyTemplateMakesAValidSceneOnALandscapeAndAVerticalCanvas() {
        for (Canvas c : List.of(new Canvas(1920, 1080, 30), new Canvas(1080, 1920, 30), new Canvas(720, 1280, 30))) {
            for (SceneTemplates.Template t : SceneTemplates.all()) {
                Show s = SceneTemplates.add(show(c.width(), c.height()), t);
                assertThat(ShowValidator.pictureProblems(s, null)).as(t.id() + " on " + c).isEmpty();
                Scene scene = last(s);
                assertThat(scene.name()).isEqualTo(t.displayName());
                for (Layer l : scene.layers()) {
                    assertThat(l.x()).as("inside the canvas").isGreaterThanOrEqualTo(0);
                    assertThat(l.y()).isGreaterThanOrEqualTo(0);
                    assertThat(l.x() + l.width()).isLessThanOrEqualTo(c.width());
                    assertThat(l.y() + l.height()).isLessThanOrEqualTo(c.height());
                }
                Layer bottom = scene.layers().get(0);
                assertThat(List.of(bottom.x(), bottom.y(), bottom.width(), bottom.height()))
                        .as("the main picture fills the canvas").containsExactly(0, 0, c.width(), c.height());
                if (c.height() > c.width()) {
                    assertThat(bottom.fit()).as(t.id() + ": vertical fills, never letterboxes").isNotEqualTo(Fit.CONTAIN);
                }
            }
        }
    }

    @Test
    void theShowsCamerasAreUsedAndMissingOnesAdded() {
        Show base = ShowEdits.addSource(ShowEdits.addSource(show(1920, 1080), SourceConfig.of("Cam A", "camera", "device", "/dev/video4")),
                SourceConfig.of("Cam B", "camera", "device", "/dev/video6"));
        Show s = SceneTemplates.add(base, SceneTemplates.HOST_AND_PRODUCT);
        assertThat(last(s).layers()).extracting(Layer::source).containsExactly("Cam A", "Cam B");
        assertThat(s.sources()).hasSize(base.sources().size());
        Layer pip = last(s).layers().get(1);
        assertThat(pip.x()).as("lower right").isGreaterThan(1920 / 2);
        assertThat(pip.y()).isGreaterThan(1080 / 2);

        Show fresh = SceneTemplates.add(show(1920, 1080), SceneTemplates.SCREEN_AND_HOST);
        assertThat(fresh.sources()).extracting(SourceConfig::kind).contains("screen", "camera");
        Show twice = SceneTemplates.add(fresh, SceneTemplates.SCREEN_AND_HOST);
        assertThat(twice.sources()).as("a second scene from it uses the same sources").hasSize(fresh.sources().size());
        assertThat(last(twice).name()).isEqualTo("Screen + host in a corner 2");
    }

    @Test
    void onAVerticalCanvasTheInsetStaysClearOfTheLowerThird() {
        Show s = SceneTemplates.add(show(1080, 1920), SceneTemplates.HOST_AND_PRODUCT);
        Layer pip = last(s).layers().get(1);
        assertThat(pip.y() + pip.height()).isLessThan(1920 * 2 / 3);
        assertThat(pip.fit()).isEqualTo(Fit.COVER);
    }

    @Test
    void aVerticalFlashSaleKeepsTheCardAndTheCountdownWhereTheAppsDrawNothing() {
        int w = 1080, h = 1920;
        Show s = SceneTemplates.add(show(w, h), SceneTemplates.FLASH_SALE);
        assertThat(s.source("Product card").orElseThrow().settings()).containsEntry("template", "vertical");
        List<Layer> layers = last(s).layers();
        assertThat(layers).extracting(Layer::source).containsExactly("Host camera", "Deal countdown", "Product card");
        for (Layer l : layers.subList(1, 3)) {
            assertThat(l.x()).as(l.source()).isGreaterThanOrEqualTo(0);
            assertThat(l.y()).as(l.source() + " under the top bar").isGreaterThanOrEqualTo((int) (h * SceneTemplates.VERTICAL_COVERED_TOP));
            assertThat(l.x() + l.width()).as(l.source() + " clear of the buttons")
                    .isLessThanOrEqualTo((int) (w * (1 - SceneTemplates.VERTICAL_COVERED_RIGHT)));
            assertThat(l.y() + l.height()).as(l.source() + " above the comments")
                    .isLessThanOrEqualTo((int) (h * (1 - SceneTemplates.VERTICAL_COVERED_BOTTOM)));
        }
        Layer card = layers.get(2);
        assertThat(card.width() * 380.0 / 900).as("the vertical card's shape").isCloseTo(card.height(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(card.width()).as("large enough to read on a phone").isGreaterThan(w / 2);

        Show wide = SceneTemplates.add(show(1920, 1080), SceneTemplates.FLASH_SALE);
        assertThat(wide.source("Product card").orElseThrow().settings()).containsEntry("template", "lower_third");
        Layer lower = last(wide).layers().get(2);
        assertThat(lower.y() + lower.height()).isLessThanOrEqualTo(1080);
        assertThat(lower.y()).as("a lower third").isGreaterThan(1080 / 2);
    }
}
