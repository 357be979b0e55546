package io.castline.engine.destination;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a stream goes: an ingest server URL and the stream key, kept apart so that the key can be
 * masked everywhere (the "service" role in libobs terms). A destination never sends a byte; an
 * {@code Output} does, using {@link #publishUrl()}.
 *
 * <p>RTMP URLs follow the usual convention {@code rtmp://host[:port]/app/key}: the first path
 * segment is the application, everything after it (and any query) is the key. A WHIP URL
 * ({@link WhipUrl}: {@code whip://host:port/endpoint?token=KEY}) has its key in {@code token}, sent
 * as the bearer token.
 */
public final class Destination {
    private static final Set<String> NETWORK_SCHEMES = Set.of("rtmp", "rtmps", "srt", "whip", "whips");

    private final String name;
    private final String server;
    private final String key;
    private final TlsTrust trust;

    private Destination(String name, String server, String key) {
        this(name, server, key, TlsTrust.SYSTEM);
    }

    private Destination(String name, String server, String key, TlsTrust trust) {
        this.name = name;
        this.server = server;
        this.key = key;
        this.trust = trust;
    }

    /**
     * Parses a full publish URL. Throws {@link IllegalArgumentException} with a message that never
     * contains the key.
     */
    public static Destination parse(String name, String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException(name + ": URL is empty");
        String trimmed = url.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + ": not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!NETWORK_SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException(name + ": unsupported protocol '" + scheme
                    + "' (use rtmp://, rtmps://, srt:// or whip://)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(name + ": URL has no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException(name + ": port " + uri.getPort() + " is out of range");
        }
        java.util.Optional<Platform> platform = PlatformCatalog.forHost(uri.getHost());
        if (platform.isPresent() && !platform.get().takes(scheme)) {
            throw new IllegalArgumentException(name + ": " + platform.get().name() + " ingests take "
                    + String.join(" or ", platform.get().protocols().stream().map(p -> p + "://").toList())
                    + ", not " + scheme + "://");
        }
        if (scheme.equals("whip") || scheme.equals("whips")) {
            WhipUrl whip;
            try {
                whip = WhipUrl.parse(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
            return new Destination(name, whip.server(), whip.rawToken());
        }
        if (scheme.equals("srt")) {
            try {
                SrtUrl.parse(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
            return new Destination(name, trimmed, null);
        }

        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String[] segments = path.replaceFirst("^/", "").split("/", 2);
        if (segments[0].isEmpty()) {
            throw new IllegalArgumentException(name + ": URL has no application (rtmp://host/app/key)");
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String key = segments.length > 1 ? segments[1] + query : query;
        String server = scheme + "://" + uri.getRawAuthority() + "/" + segments[0];
        if (key.isEmpty()) {
            throw new IllegalArgumentException(name + ": URL has no stream key (rtmp://host/app/key)");
        }
        return new Destination(name, server, key);
    }

    public String name() { return name; }

    /** Which certificates an {@code rtmps://} connection to it accepts ({@link TlsTrust#SYSTEM} unless set). */
    public TlsTrust trust() { return trust; }

    /** This destination, trusting {@code trust} for its TLS connection. */
    public Destination withTrust(TlsTrust trust) {
        return new Destination(name, server, key, trust == null ? TlsTrust.SYSTEM : trust);
    }

    /** True for {@code rtmps://} and {@code whips://}: the connection is TLS and its certificate is verified. */
    public boolean tls() { return server.regionMatches(true, 0, "rtmps:", 0, 6) || server.regionMatches(true, 0, "whips:", 0, 6); }

    /**
     * The URL to publish to, key included: only for the code that opens the connection. Its
     * secrets are registered with {@link Secrets} here, when they are about to reach a server
     * (which may quote them back), not when a URL is merely parsed or checked as it is typed.
     */
    public String publishUrl() {
        DestinationSecrets.register(server, key);
        return url();
    }

    /** True for a WHIP (WebRTC) ingest: its key is the bearer token. */
    public boolean whip() { return WhipUrl.isWhip(server); }

    private String url() {
        if (key == null) return server;
        if (whip()) return WhipUrl.join(server, key);
        return key.startsWith("?") ? server + key : server + "/" + key;
    }

    /** The URL as it may be shown anywhere: key, user-info and secret parameters masked ({@link SecretMasker}). */
    public String maskedUrl() {
        return Secrets.mask(url());
    }

    public String host() { return URI.create(server).getHost(); }

    /** The port the connection goes to (the scheme's default when the URL has none). */
    public int port() {
        URI uri = URI.create(server);
        if (uri.getPort() > 0) return uri.getPort();
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "rtmps" -> 443;
            case "srt" -> 9000;
            case "whip" -> 80;
            case "whips" -> 443;
            default -> 1935;
        };
    }

    /**
     * The URL for a bandwidth test: platforms with a test mode (as listed in the platform catalogue,
     * e.g. Twitch's "?bandwidthtest=true") accept the stream without showing it to viewers; other
     * ingests get the normal URL.
     */
    public String bandwidthTestUrl() {
        String suffix = PlatformCatalog.forHost(host()).map(Platform::bandwidthTestSuffix).orElse(null);
        if (suffix == null || suffix.isEmpty() || key == null) return publishUrl();
        String url = publishUrl();
        return url + (url.contains("?") && suffix.startsWith("?") ? "&" + suffix.substring(1) : suffix);
    }

    @Override public String toString() { return name + " " + maskedUrl(); }
}
