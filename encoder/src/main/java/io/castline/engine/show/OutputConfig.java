package io.castline.engine.show;

import io.castline.engine.output.OutputRole;

/**
 * A destination in the show: a name the host reads, where it goes and what it is for.
 *
 * @param ca          rtmps: a PEM file of certificates to trust instead of the system's roots; null for none
 * @param fingerprint rtmps: the SHA-256 fingerprint of a self-signed certificate to trust; null for none
 */
public record OutputConfig(String name, String url, OutputRole role, String ca, String fingerprint) {
    public OutputConfig(String name, String url, OutputRole role) {
        this(name, url, role, null, null);
    }

    public OutputConfig withUrl(String u) { return new OutputConfig(name, u, role, ca, fingerprint); }
}
