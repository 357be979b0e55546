package io.castline.engine.settings;

import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RatesTest {

    private static SettingsProblem kiloProblem(String value, String field) {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> Rates.kilo(value, field));
        assertThat(e).as("kilo(%s) should be refused", value).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    private static SettingsProblem sizeProblem(String value) {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> Rates.size(value, "canvas"));
        assertThat(e).as("size(%s) should be refused", value).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @ParameterizedTest
    @CsvSource({"2500k, 2500", "2500K, 2500", "2.5M, 2500", "2.5m, 2500", "6M, 6000", "800, 800", "' 3000k ', 3000",
            "0, 0", "1.4k, 1", "1.5, 2", "0.128M, 128", "128k, 128"})
    void kiloParsesFfmpegStyleRates(String value, int expected) {
        assertThat(Rates.kilo(value, "bitrate")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "   ", "k", "M", "-5k", "2500kbps", "2.5G", "1,5M", "NaN", "Infinity", "9999999M"})
    void kiloRefusesBadInputNamingTheField(String value) {
        SettingsProblem p = kiloProblem(value, "maxrate");
        assertThat(p.field()).isEqualTo("maxrate");
        assertThat(p.message()).contains("'" + value + "'");
    }

    @Test
    void kiloRefusesNull() {
        assertThat(kiloProblem(null, "audio-bitrate").field()).isEqualTo("audio-bitrate");
    }

    /**
     * Regression: Double.parseDouble accepts Java literal suffixes and hex floats, so a
     * typo such as "2500f" or "2500d" is read as 2500 instead of being refused.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2500f", "2500d", "0x1p10"})
    void kiloRefusesJavaLiteralSyntax(String value) {
        assertThat(kiloProblem(value, "bitrate").field()).isEqualTo("bitrate");
    }

    @ParameterizedTest
    @CsvSource({"1280x720, 1280, 720", "1920X1080, 1920, 1080", "' 640x360 ', 640, 360", "16x16, 16, 16"})
    void sizeParsesWidthByHeight(String value, int w, int h) {
        assertThat(Rates.size(value, "canvas")).containsExactly(w, h);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1280", "1280x", "x720", "axb", "1280x720x720", "1280*720", "", "1280 x 720", "1280.5x720"})
    void sizeRefusesBadInputNamingTheField(String value) {
        SettingsProblem p = sizeProblem(value);
        assertThat(p.field()).isEqualTo("canvas");
        assertThat(p.message()).contains("'" + value + "'");
    }

    @Test
    void sizeRefusesNull() {
        assertThat(sizeProblem(null).field()).isEqualTo("canvas");
    }

    /** Regression: String.split drops trailing empty strings, so "1280x720x" is accepted. */
    @Test
    void sizeRefusesTrailingSeparator() {
        assertThat(sizeProblem("1280x720x").field()).isEqualTo("canvas");
    }
}
