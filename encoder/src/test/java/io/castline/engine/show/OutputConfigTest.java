package io.castline.engine.show;

import io.castline.engine.output.OutputRole;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.SettingsProblem;
import io.castline.engine.source.SourceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputConfigTest {
    private static final OutputConfig PRIMARY = new OutputConfig("primary", "rtmp://a.example/live/${CASTLINE_KEY}?x=${OTHER}",
            OutputRole.PRIMARY);

    @Test
    void referencesAreTakenFromTheEnvironmentAndAMissingOneStays() {
        assertThat(PRIMARY.resolvedUrl(Map.of("CASTLINE_KEY", "sk_9$1\\x", "OTHER", "2")))
                .as("a value is used as it is, $ and \\\\ included").isEqualTo("rtmp://a.example/live/sk_9$1\\x?x=2");
        assertThat(PRIMARY.resolvedUrl(Map.of("OTHER", "2"))).isEqualTo("rtmp://a.example/live/${CASTLINE_KEY}?x=2");
        assertThat(PRIMARY.missingVariables(Map.of("OTHER", "2"))).containsExactly("CASTLINE_KEY");
        assertThat(new OutputConfig("p", "rtmp://a/live/plain", OutputRole.PRIMARY).resolvedUrl(Map.of())).isEqualTo("rtmp://a/live/plain");
    }

    @Test
    void aVariableThatIsNotSetIsAProblemAtTheOutputsUrl() {
        Show show = Shows.singleSource(EncoderSettings.defaults(), SourceSpec.parseVideo("testsrc", null), null)
                .withOutputs(List.of(new OutputConfig("primary", "rtmp://127.0.0.1/live/${CASTLINE_TEST_SURELY_UNSET_9F2}",
                        OutputRole.PRIMARY)));
        assertThat(ShowValidator.problems(show, null)).extracting(SettingsProblem::toString).containsExactly(
                "outputs[0].url: ${CASTLINE_TEST_SURELY_UNSET_9F2} is not set: export CASTLINE_TEST_SURELY_UNSET_9F2 with the "
                        + "stream key before starting");
    }
}
