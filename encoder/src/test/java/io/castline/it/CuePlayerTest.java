package io.castline.it;

import io.castline.engine.CuePlayer;
import io.castline.engine.Program;
import io.castline.engine.show.Cue;
import io.castline.engine.show.Show;
import io.castline.engine.show.ShowFile;
import io.castline.engine.show.TransitionKind;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run of show on a running program: each Next cue puts its scene on air, pins its product, starts its countdown. */
class CuePlayerTest {
    @Test
    void nextCueStepsTheShow() throws Exception {
        Path dir = TestWorkdir.fresh("cues");
        Path file = dir.resolve("show.json");
        Files.writeString(file, """
                {"version": 2, "canvas": {"width": 320, "height": 180, "fps": 30},
                 "sources": [{"name": "Red", "kind": "color", "color": "#E02020"},
                             {"name": "Blue", "kind": "color", "color": "#2020E0"},
                             {"name": "Card", "kind": "product_card", "qr": false},
                             {"name": "Deal", "kind": "countdown", "duration": 60}],
                 "scenes": [{"name": "Intro", "layers": [{"source": "Red"}]},
                            {"name": "Sell", "layers": [{"source": "Blue"}, {"source": "Card", "y": 120, "height": 60},
                                                        {"source": "Deal", "width": 100, "height": 50}]}],
                 "program": "Intro", "recording": {"path": "x.mkv"},
                 "products": [{"sku": "TEE", "title": "Tee", "price": "25.00", "currency": "USD"}],
                 "cues": [{"name": "Welcome", "scene": "Intro"},
                          {"name": "The tee", "scene": "Sell", "product": "TEE", "countdown": "Deal"},
                          {"name": "Wrap up", "scene": "Intro", "transition": "fade", "duration": 0.5}]}
                """);
        Show show = ShowFile.read(file);
        try (Program program = Program.start(show, dir)) {
            CuePlayer cues = new CuePlayer(program, TransitionKind.CUT, Duration.ZERO);
            assertThat(cues.current()).isNull();
            assertThat(cues.upcoming().name()).isEqualTo("Welcome");

            assertThat(cues.next().name()).isEqualTo("Welcome");
            assertThat(program.programScene()).isEqualTo("Intro");
            assertThat(cues.upcoming().name()).isEqualTo("The tee");

            cues.next();
            assertThat(program.programScene()).isEqualTo("Sell");
            assertThat(program.pinned()).hasValueSatisfying(p -> assertThat(p.sku()).isEqualTo("TEE"));
            assertThat(program.countdownState("Deal").running()).isTrue();
            assertThat(program.compositor().inTransition()).as("a cut").isFalse();

            Cue wrap = cues.next();
            assertThat(wrap.transition()).isEqualTo(TransitionKind.FADE);
            assertThat(program.compositor().inTransition()).as("its own fade").isTrue();
            assertThat(program.programScene()).isEqualTo("Intro");
            assertThat(program.pinned()).as("a cue without a product leaves the pin").isPresent();
            assertThat(cues.upcoming()).isNull();
            assertThatThrownBy(cues::next).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the run of show has no cue after 'Wrap up'");

            assertThat(cues.go(1).name()).isEqualTo("The tee");
            assertThat(cues.currentIndex()).isEqualTo(1);
            assertThatThrownBy(() -> cues.go(7)).hasMessage("no cue number 8 (the run of show has 3)");
            assertThat(program.failure()).isNull();
        }
    }
}
