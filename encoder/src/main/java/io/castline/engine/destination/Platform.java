package io.castline.engine.destination;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What Castline knows of a streaming platform's ingest, as data (resource platforms.json): how to
 * recognise it and what it allows. A platform never sends bytes; it only describes.
 *
 * @param bandwidthTestSuffix appended to the stream key to publish without going live, or null
 * @param maxVideoKbps        the platform's published limit for the video bitrate, or 0 if none
 */
public record Platform(@JsonProperty("name") String name,
                       @JsonProperty("hosts") List<String> hosts,
                       @JsonProperty("bandwidth_test_suffix") String bandwidthTestSuffix,
                       @JsonProperty("max_video_kbps") int maxVideoKbps) {

    boolean matches(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return hosts.stream().anyMatch(suffix -> h.equals(suffix) || h.endsWith("." + suffix));
    }
}
