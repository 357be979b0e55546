package io.castline.engine.destination;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What Castline knows of a streaming platform's ingest, as data (resource platforms.json): how to
 * recognise it and what it allows. A platform never sends bytes; it only describes.
 *
 * @param bandwidthTestSuffix appended to the stream key to publish without going live, or null
 * @param maxVideoKbps        the platform's published limit for the video bitrate, or 0 if none
 * @param protocols           the URL schemes its ingests take ({@code rtmp}, {@code rtmps},
 *                            {@code srt}, {@code whip}); empty when not known (then any is tried)
 * @param hosts               the host names that are this platform's; none for a generic kind
 *                            (WHIP: any WebRTC ingest), which only says what such ingests take
 */
public record Platform(@JsonProperty("name") String name,
                       @JsonProperty("hosts") List<String> hosts,
                       @JsonProperty("bandwidth_test_suffix") String bandwidthTestSuffix,
                       @JsonProperty("max_video_kbps") int maxVideoKbps,
                       @JsonProperty("protocols") List<String> protocols) {

    public Platform {
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
    }

    /** True when its ingests take {@code scheme} (or nothing is known about what they take). */
    public boolean takes(String scheme) {
        return protocols.isEmpty() || protocols.contains(scheme.toLowerCase(java.util.Locale.ROOT));
    }

    boolean matches(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return hosts.stream().anyMatch(suffix -> h.equals(suffix) || h.endsWith("." + suffix));
    }
}
