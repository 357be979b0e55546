package io.castline.engine.show;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.output.OutputRole;
import io.castline.engine.settings.EncoderSettings;
import io.castline.engine.settings.Problems;
import io.castline.engine.settings.RateControl;
import io.castline.engine.settings.Rates;
import io.castline.engine.settings.VideoCodec;
import java.util.ArrayList;
import java.util.List;


import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A version 1 settings file ({@code castline live --settings}, once {@code --profile}): the same
 * settings as the {@code castline live} flags, as flat JSON. Read only to migrate it into a
 * {@link Show}. Every field is optional; an unknown field or a wrong type is an error naming it.
 */
public record LegacySettings(
        @JsonProperty("version") Integer version,
        @JsonProperty("video") String video,
        @JsonProperty("audio") String audio,
        @JsonProperty("canvas") String canvas,
        @JsonProperty("fps") Integer fps,
        @JsonProperty("codec") String codec,
        @JsonProperty("preset") String preset,
        @JsonProperty("tune") String tune,
        @JsonProperty("profile") String profile,
        @JsonProperty("rate_control") String rateControl,
        @JsonProperty("bitrate") String bitrate,
        @JsonProperty("maxrate") String maxrate,
        @JsonProperty("bufsize") String bufsize,
        @JsonProperty("crf") Integer crf,
        @JsonProperty("gop") Double gop,
        @JsonProperty("bframes") Integer bframes,
        @JsonProperty("audio_bitrate") String audioBitrate,
        @JsonProperty("primary") String primary,
        @JsonProperty("backup") String backup,
        @JsonProperty("primary_ca") String primaryCa,
        @JsonProperty("backup_ca") String backupCa,
        @JsonProperty("primary_fingerprint") String primaryFingerprint,
        @JsonProperty("backup_fingerprint") String backupFingerprint,
        @JsonProperty("record") String record) {

    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static LegacySettings read(Path file, JsonNode root) {
        try {
            LegacySettings p = MAPPER.treeToValue(root, LegacySettings.class);
            if (p.version != null && p.version > VERSION) {
                throw new InvalidSettingsException("version", "settings version " + p.version
                        + " is newer than this Castline understands (" + VERSION + ")");
            }
            return p;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSettingsException(e.getPropertyName(), "unknown field in " + file.getFileName()
                    + " (known: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            throw new InvalidSettingsException(field.isEmpty() ? "settings" : field,
                    "invalid value in " + file + ": " + JsonObjects.expected(e, root));
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException("settings", file + ": " + e.getOriginalMessage());
        }
    }

    /** A version 1 file as a show: its video filling the canvas, its audio, its outputs by role. */
    Show toShow() {
        LegacySettings s = this;
        Problems p = new Problems();
        EncoderSettings.Builder b = EncoderSettings.defaults().toBuilder();
        if (s.codec() != null) {
            VideoCodec.byName(s.codec()).ifPresentOrElse(c -> b.codec = c,
                    () -> p.add("codec", "unknown codec '" + s.codec() + "'"));
        }
        if (s.preset() != null) b.preset = s.preset();
        if (s.tune() != null) b.tune = s.tune();
        if (s.profile() != null) b.profile = s.profile();
        if (s.rateControl() != null) {
            RateControl.byName(s.rateControl()).ifPresentOrElse(r -> b.rateControl = r,
                    () -> p.add("rate_control", "'" + s.rateControl() + "' is not cbr, vbr or crf"));
        }
        try {
            if (s.bitrate() != null) b.bitrateKbps = Rates.kilo(s.bitrate(), "bitrate");
            if (s.maxrate() != null) b.maxrateKbps = Rates.kilo(s.maxrate(), "maxrate");
            if (s.bufsize() != null) b.bufsizeKbits = Rates.kilo(s.bufsize(), "bufsize");
            if (s.audioBitrate() != null) b.audioBitrateKbps = Rates.kilo(s.audioBitrate(), "audio_bitrate");
            if (s.canvas() != null) {
                int[] wh = Rates.size(s.canvas(), "canvas");
                b.width = wh[0];
                b.height = wh[1];
            }
        } catch (InvalidSettingsException e) {
            e.problems().forEach(problem -> p.add(problem.field(), problem.message()));
        }
        if (s.fps() != null) b.fps = s.fps();
        if (s.crf() != null) b.crf = s.crf();
        if (s.gop() != null) b.gopSeconds = s.gop();
        if (s.bframes() != null) b.bframes = s.bframes();
        io.castline.engine.source.SourceSpec video;
        io.castline.engine.source.SourceSpec audio;
        try {
            video = io.castline.engine.source.SourceSpec.parseVideo(s.video() == null ? "testsrc" : s.video(), null);
        } catch (IllegalArgumentException e) {
            p.add("video", ShowValidator.withoutName(e.getMessage()));
            video = io.castline.engine.source.SourceSpec.parseVideo("testsrc", null);
        }
        try {
            audio = io.castline.engine.source.SourceSpec.parseAudio(s.audio() == null ? "sine" : s.audio(), null);
        } catch (IllegalArgumentException e) {
            p.add("audio", ShowValidator.withoutName(e.getMessage()));
            audio = io.castline.engine.source.SourceSpec.parseAudio("none", null);
        }
        p.throwIfAny();
        Show show = Shows.singleSource(b.build(), video, audio);
        List<OutputConfig> outputs = new ArrayList<>();
        if (s.primary() != null) outputs.add(new OutputConfig("primary", s.primary(), OutputRole.PRIMARY, s.primaryCa(), s.primaryFingerprint()));
        if (s.backup() != null) outputs.add(new OutputConfig("backup", s.backup(), OutputRole.BACKUP, s.backupCa(), s.backupFingerprint()));
        return show.withOutputs(outputs).withRecording(s.record() == null ? null : new RecordingConfig(s.record()));
    }

}
