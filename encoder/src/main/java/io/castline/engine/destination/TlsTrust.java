package io.castline.engine.destination;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which server certificates an {@code rtmps://} destination accepts. By default
 * ({@link #SYSTEM}) the certificate must chain to a root this computer trusts and name the host
 * of the URL, as a browser checks. A host may trust one destination's certificate explicitly:
 *
 * <ul>
 *   <li>{@link #caFile(Path)}: a PEM file of CA certificates (or the server's own certificate)
 *       that replaces the system's roots for this destination; the host name is still checked;</li>
 *   <li>{@link #fingerprint(String)}: exactly one self-signed certificate, by its SHA-256
 *       fingerprint; the certificate itself is the identity, so its names are not checked.</li>
 * </ul>
 *
 * @param caFile      the CA file, or null
 * @param fingerprint the pinned certificate's SHA-256 fingerprint, upper-case hex pairs joined by
 *                    colons ({@code AB:CD:…}, as {@code openssl x509 -fingerprint -sha256} prints
 *                    it), or null
 */
public record TlsTrust(Path caFile, String fingerprint) {
    /** The system's trusted roots and the URL's host name. */
    public static final TlsTrust SYSTEM = new TlsTrust(null, null);

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    public TlsTrust {
        if (caFile != null && fingerprint != null) {
            throw new IllegalArgumentException("trust either a CA file or a fingerprint, not both");
        }
    }

    public static TlsTrust caFile(Path file) {
        return new TlsTrust(file, null);
    }

    /**
     * A pin from a fingerprint as people copy it: {@code AB:CD:…}, {@code abcd…}, with spaces, or
     * with a {@code SHA256:} / {@code sha256 Fingerprint=} prefix. Throws
     * {@link IllegalArgumentException} when it is not 32 bytes of hex.
     */
    public static TlsTrust fingerprint(String text) {
        return new TlsTrust(null, normalizeFingerprint(text));
    }

    /** {@code AB:CD:…} (64 hex digits) from any of the usual spellings; see {@link #fingerprint(String)}. */
    public static String normalizeFingerprint(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        s = s.replaceFirst("^sha-?256( fingerprint)?\\s*[:=]?\\s*", "");
        String hex = s.replaceAll("[\\s:]", "");
        if (!HEX_64.matcher(hex).matches()) {
            throw new IllegalArgumentException("'" + (text == null ? "" : text.trim())
                    + "' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
        }
        StringBuilder out = new StringBuilder(95);
        for (int i = 0; i < 64; i += 2) {
            if (i > 0) out.append(':');
            out.append(hex, i, i + 2);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    public boolean isSystem() { return caFile == null && fingerprint == null; }

    /** In words, for a reason or a log line: "the system's trusted roots", "the CA file ca.pem", … */
    public String describe() {
        if (caFile != null) return "the CA file " + caFile;
        if (fingerprint != null) return "the certificate with SHA-256 fingerprint " + fingerprint;
        return "the system's trusted roots";
    }
}
