package io.castline.engine.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.castline.engine.destination.Secrets;

/**
 * Serialises snapshots as one JSON object per line, keys in snake_case, secrets masked (the URLs
 * and reasons in a snapshot are masked where they are made; this is the last check on the way out).
 */
public final class StatsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private StatsJson() {}

    public static String line(StatsSnapshot snapshot) {
        try {
            return Secrets.mask(MAPPER.writeValueAsString(snapshot));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats are not serialisable", e);
        }
    }

    /** Any record as one line of snake_case JSON. */
    public static String json(Object value) {
        try {
            return Secrets.mask(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value.getClass().getSimpleName(), e);
        }
    }

    public static ObjectMapper mapper() { return MAPPER; }

    /** The snapshot as a map of exactly what {@link #line} writes (keys masked the same way). */
    public static java.util.Map<String, Object> map(StatsSnapshot snapshot) {
        try {
            return MAPPER.readValue(line(snapshot), new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
