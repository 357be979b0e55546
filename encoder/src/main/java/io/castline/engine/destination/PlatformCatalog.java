package io.castline.engine.destination;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** The platform presets shipped with Castline (platforms.json on the class path). */
public final class PlatformCatalog {
    private static final List<Platform> PLATFORMS = load();

    private PlatformCatalog() {}

    public static List<Platform> all() { return PLATFORMS; }

    public static Optional<Platform> forHost(String host) {
        return PLATFORMS.stream().filter(p -> p.matches(host)).findFirst();
    }

    private static List<Platform> load() {
        try (InputStream in = PlatformCatalog.class.getResourceAsStream("/platforms.json")) {
            if (in == null) throw new IllegalStateException("platforms.json is missing from the class path");
            return List.copyOf(new ObjectMapper().readValue(in, new TypeReference<List<Platform>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("platforms.json is not valid", e);
        }
    }
}
