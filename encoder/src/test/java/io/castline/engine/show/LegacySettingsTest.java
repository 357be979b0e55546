package io.castline.engine.show;

import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.settings.SettingsProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Version 1 settings files (the flat {@code --settings} of one source), read to be migrated into a show. */
class LegacySettingsTest {

    @TempDir Path dir;

    private Path file(String json) throws IOException {
        Path f = dir.resolve("profile.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    private static InvalidSettingsException refused(Path f) {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> LegacySettings.read(f, JsonObjects.readObject(f, "settings")));
        assertThat(e).as("reading %s should be refused", f).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e;
    }

    private static LegacySettings read(Path f) {
        return LegacySettings.read(f, JsonObjects.readObject(f, "settings"));
    }

    @Test
    void readsAValidProfile() throws IOException {
        LegacySettings p = read(file("""
                {
                  "version": 1,
                  "video": "testsrc",
                  "audio": "sine",
                  "canvas": "1920x1080",
                  "fps": 60,
                  "codec": "x264",
                  "preset": "fast",
                  "tune": "zerolatency",
                  "profile": "high",
                  "rate_control": "vbr",
                  "bitrate": "6M",
                  "maxrate": "8000k",
                  "bufsize": "12M",
                  "crf": 21,
                  "gop": 2.5,
                  "bframes": 0,
                  "audio_bitrate": "160k",
                  "primary": "rtmp://a.example.com/live/key1",
                  "backup": "rtmp://b.example.com/live/key1",
                  "record": "show.mkv"
                }
                """));
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.video()).isEqualTo("testsrc");
        assertThat(p.audio()).isEqualTo("sine");
        assertThat(p.canvas()).isEqualTo("1920x1080");
        assertThat(p.fps()).isEqualTo(60);
        assertThat(p.codec()).isEqualTo("x264");
        assertThat(p.preset()).isEqualTo("fast");
        assertThat(p.tune()).isEqualTo("zerolatency");
        assertThat(p.profile()).isEqualTo("high");
        assertThat(p.rateControl()).isEqualTo("vbr");
        assertThat(p.bitrate()).isEqualTo("6M");
        assertThat(p.maxrate()).isEqualTo("8000k");
        assertThat(p.bufsize()).isEqualTo("12M");
        assertThat(p.crf()).isEqualTo(21);
        assertThat(p.gop()).isEqualTo(2.5);
        assertThat(p.bframes()).isZero();
        assertThat(p.audioBitrate()).isEqualTo("160k");
        assertThat(p.primary()).isEqualTo("rtmp://a.example.com/live/key1");
        assertThat(p.backup()).isEqualTo("rtmp://b.example.com/live/key1");
        assertThat(p.record()).isEqualTo("show.mkv");
    }

    @Test
    void everyFieldIsOptional() throws IOException {
        LegacySettings p = read(file("{\"fps\": 25}"));
        assertThat(p.fps()).isEqualTo(25);
        assertThat(p.version()).isNull();
        assertThat(p.bitrate()).isNull();
        assertThat(p.gop()).isNull();
        assertThat(p.primary()).isNull();
        assertThat(read(file("{}"))).isEqualTo(new LegacySettings(null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void unknownFieldIsNamed() throws IOException {
        InvalidSettingsException e = refused(file("{\"fps\": 30, \"bitrat\": \"2500k\"}"));
        SettingsProblem p = e.problems().get(0);
        assertThat(p.field()).isEqualTo("bitrat");
        assertThat(p.message()).contains("unknown field").contains("profile.json").contains("bitrate");
    }

    @Test
    void wrongTypeNamesTheField() throws IOException {
        assertThat(refused(file("{\"fps\": \"abc\"}")).problems().get(0).field()).isEqualTo("fps");
        assertThat(refused(file("{\"gop\": \"two\"}")).problems().get(0).field()).isEqualTo("gop");
        assertThat(refused(file("{\"bframes\": [1, 2]}")).problems().get(0).field()).isEqualTo("bframes");
        assertThat(refused(file("{\"bitrate\": {\"kbps\": 2500}}")).problems().get(0).field()).isEqualTo("bitrate");
        assertThat(refused(file("{\"fps\": \"abc\"}")).problems().get(0).message()).contains("profile.json");
    }

    @Test
    void newerVersionIsRefused() throws IOException {
        SettingsProblem p = refused(file("{\"version\": 2}")).problems().get(0);
        assertThat(p.field()).isEqualTo("version");
        assertThat(p.message()).contains("2").contains("1");
    }

    @Test
    void missingFileIsRefused() {
        Path missing = dir.resolve("nope.json");
        SettingsProblem p = refused(missing).problems().get(0);
        assertThat(p.field()).isEqualTo("settings");
        assertThat(p.message()).contains("no such file").contains("nope.json");
    }

    @Test
    void directoryIsRefused() {
        assertThat(refused(dir).problems().get(0).field()).isEqualTo("settings");
    }

    @Test
    void malformedOrEmptyJsonIsRefused() throws IOException {
        assertThat(refused(file("{\"fps\": 30,")).problems().get(0).field()).isEqualTo("settings");
        assertThat(refused(file("")).problems().get(0).field()).isEqualTo("settings");
        assertThat(refused(file("null")).problems().get(0).field()).isEqualTo("settings");
    }
}
