package io.castline.cli;

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
 * A {@code --profile} file: the same settings as the {@code castline live} flags, as JSON. Flags
 * override it. Every field is optional; an unknown field or a wrong type is an error naming it.
 */
public record Profile(
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

    public static final int CURRENT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Profile read(Path file) {
        JsonNode root = ProfileJson.readObject(file);
        try {
            Profile p = MAPPER.treeToValue(root, Profile.class);
            if (p.version != null && p.version > CURRENT_VERSION) {
                throw new InvalidSettingsException("version", "profile version " + p.version
                        + " is newer than this Castline understands (" + CURRENT_VERSION + ")");
            }
            return p;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSettingsException(e.getPropertyName(), "unknown field in " + file.getFileName()
                    + " (known: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            throw new InvalidSettingsException(field.isEmpty() ? "profile" : field,
                    "invalid value in " + file + ": " + ProfileJson.expected(e, root));
        } catch (JsonProcessingException e) {
            throw new InvalidSettingsException("profile", file + ": " + e.getOriginalMessage());
        }
    }
}
