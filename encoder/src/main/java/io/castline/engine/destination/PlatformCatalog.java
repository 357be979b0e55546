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

    /**
     * The presets whose ingests take {@code scheme} ("whip": the generic WHIP kind, whose hosts are
     * whoever runs a WebRTC ingest; none of the named platforms takes WebRTC today).
     */
    public static List<Platform> taking(String scheme) {
        return PLATFORMS.stream().filter(p -> !p.protocols().isEmpty() && p.takes(scheme)).toList();
    }

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
