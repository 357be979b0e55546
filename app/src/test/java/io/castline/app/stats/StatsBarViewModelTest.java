package io.castline.app.stats;

import io.castline.app.engine.EngineFrame;
import io.castline.app.engine.ProcessLoad;
import io.castline.app.ui.Css;
import org.junit.jupiter.api.Test;

import static io.castline.app.engine.Frames.snapshot;
import static io.castline.app.engine.Frames.stats;
import static io.castline.app.engine.Frames.uplink;
import static org.assertj.core.api.Assertions.assertThat;

class StatsBarViewModelTest {
    private final StatsBarViewModel vm = new StatsBarViewModel();

    @Test
    void processFigures() {
        vm.updateProcess(new ProcessLoad.Sample(42.4, 2, 300L << 20));
        assertThat(vm.cpuTextProperty().get()).isEqualTo("CPU 42%");
        assertThat(vm.memoryTextProperty().get()).isEqualTo("RAM 300 MB");
        vm.updateProcess(new ProcessLoad.Sample(93.0, 2, 300L << 20));
        assertThat(vm.cpuHealthProperty().get()).isEqualTo(Css.HEALTH_WARN);
        vm.updateProcess(new ProcessLoad.Sample(null, 2, 1L << 20));
        assertThat(vm.cpuTextProperty().get()).isEqualTo("CPU –");
    }

    @Test
    void framesTurnAmberWhenTheyKeepGrowing() {
        vm.update(snapshot(3, 30, 0, 0, uplink(2700, null, "unknown", ""), stats("primary", "LIVE", 2700)));
        assertThat(vm.fpsTextProperty().get()).isEqualTo("30.0 / 30 fps");
        assertThat(vm.fpsHealthProperty().get()).isEqualTo(Css.HEALTH_OK);
        assertThat(vm.framesHealthProperty().get()).isEqualTo(Css.HEALTH_OK);

        vm.update(snapshot(4, 24, 2, 5, uplink(2700, null, "unknown", ""), stats("primary", "LIVE", 2700)));
        assertThat(vm.framesTextProperty().get()).isEqualTo("lagged 2 · skipped 5");
        assertThat(vm.framesHealthProperty().get()).isEqualTo(Css.HEALTH_WARN);
        assertThat(vm.fpsHealthProperty().get()).isEqualTo(Css.HEALTH_WARN);

        vm.update(snapshot(5, 30, 2, 5, uplink(2700, null, "unknown", ""), stats("primary", "LIVE", 2700)));
        assertThat(vm.framesHealthProperty().get()).as("no new ones: neutral again").isEqualTo(Css.HEALTH_IDLE);
    }

    @Test
    void offAirTheProgramsOwnRateShows() {
        vm.updateProgram(new EngineFrame.ProgramStats(null, 30, 0, 0));
        assertThat(vm.fpsTextProperty().get()).as("first second: nothing to say yet").isEqualTo("– fps");
        vm.updateProgram(new EngineFrame.ProgramStats(29.97, 30, 0, 0));
        assertThat(vm.fpsTextProperty().get()).isEqualTo("30.0 / 30 fps");
        assertThat(vm.fpsHealthProperty().get()).isEqualTo(Css.HEALTH_IDLE);
        assertThat(vm.framesTextProperty().get()).isEqualTo("lagged 0 · skipped 0");

        // the machine cannot keep up with the canvas even before encoding: amber before Go Live
        vm.updateProgram(new EngineFrame.ProgramStats(21.0, 30, 9, 0));
        assertThat(vm.fpsHealthProperty().get()).isEqualTo(Css.HEALTH_WARN);
        assertThat(vm.framesHealthProperty().get()).isEqualTo(Css.HEALTH_WARN);
        assertThat(vm.framesTextProperty().get()).isEqualTo("lagged 9 · skipped 0");

        vm.updateProgram(null);
        assertThat(vm.fpsTextProperty().get()).as("no program").isEqualTo("– fps");
    }

    @Test
    void droppedCountsNetworkOutputsOnly() {
        var dropping = new io.castline.engine.stats.StatsSnapshot.OutputStats("backup", "u", "LIVE", "", true, 1, 1, 1, 1,
                7, 0, true, null, null, null);
        var recording = new io.castline.engine.stats.StatsSnapshot.OutputStats("recording", "f", "LIVE", "", false, 1, 1, 1, 1,
                100, 0, false, null, null, null);
        vm.update(snapshot(3, 30, 0, 0, uplink(2700, null, "unknown", ""), dropping, recording));
        assertThat(vm.droppedTextProperty().get()).isEqualTo("dropped (network) 7");
    }
}
