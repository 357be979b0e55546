package io.castline.engine.show;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.castline.engine.settings.InvalidSettingsException;

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
}
