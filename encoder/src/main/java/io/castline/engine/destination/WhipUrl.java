package io.castline.engine.destination;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A WHIP (WebRTC-HTTP ingestion) destination: {@code whip://host[:port]/endpoint[?…][&]token=KEY}.
 * The scheme says "send WebRTC to this HTTP endpoint" (a plain {@code http://} URL would not say
 * which protocol to speak); the {@code token} parameter is the destination's key, which goes to the
 * endpoint as {@code Authorization: Bearer KEY}, never in the URL FFmpeg requests. Other query
 * parameters belong to the endpoint and are kept.
 *
 * <p>{@code whips://} is the same over HTTPS, verified like {@code rtmps://} (the destination's
 * {@link TlsTrust}); FFmpeg's WHIP muxer opens HTTPS with none of the TLS options (it would accept
 * any certificate and hand the token to whoever answers), so the output relays its requests
 * through a TLS connection Java verifies ({@code engine.tls.HttpsRelay}).
 *
 * @param server   the URL without the token (shown, stored in a profile)
 * @param path     the endpoint's path and query, without the token
 * @param rawToken the token as written in the URL (percent-encoded), or null
 * @param tls      {@code whips://}: HTTPS
 */
public record WhipUrl(String server, String path, String host, int port, String rawToken, boolean tls) {
    public static final String TOKEN = "token";

    public static boolean isWhip(String url) {
        if (url == null) return false;
        String u = url.trim().toLowerCase(Locale.ROOT);
        return u.startsWith("whip://") || u.startsWith("whips://");
    }

    /** Parses and checks it; the message of a refusal never contains the token. */
    public static WhipUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) { // its message quotes the URL, token and all
            throw new IllegalArgumentException("not a valid WHIP URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("whip") && !scheme.equals("whips")) throw new IllegalArgumentException("not a whip:// URL");
        if (uri.getHost() == null || uri.getHost().isBlank()) throw new IllegalArgumentException("URL has no host");
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put the WHIP token in ?token=…, not before the host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.isEmpty() || path.equals("/")) {
            throw new IllegalArgumentException("URL has no endpoint path (whip://host:port/whip/endpoint)");
        }
        String token = null;
        List<String> kept = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String p : uri.getRawQuery().split("&")) {
                if (p.isEmpty()) continue;
                int eq = p.indexOf('=');
                String name = eq < 0 ? p : p.substring(0, eq);
                if (name.equalsIgnoreCase(TOKEN)) {
                    if (token != null) throw new IllegalArgumentException("the URL gives token= twice");
                    token = eq < 0 ? "" : p.substring(eq + 1);
                } else {
                    kept.add(p);
                }
            }
        }
        if (token != null && token.isEmpty()) token = null;
        String query = kept.isEmpty() ? "" : "?" + String.join("&", kept);
        String authority = uri.getRawAuthority();
        boolean tls = scheme.equals("whips");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new WhipUrl(scheme + "://" + authority + path + query, path + query, host, port, token, tls);
    }

    /** What FFmpeg requests without TLS: {@code http://host:port/endpoint?…} (no token in it). */
    public String endpoint() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port + path;
    }

    /** The bearer token, decoded; null when the URL has none. */
    public String token() {
        if (rawToken == null) return null;
        try {
            return URLDecoder.decode(rawToken, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawToken;
        }
    }

    /** {@code server} with {@code rawToken} as its token parameter (the whole publish URL). */
    public static String join(String server, String rawToken) {
        if (rawToken == null || rawToken.isEmpty()) return server;
        return server + (server.contains("?") ? "&" : "?") + TOKEN + "=" + rawToken;
    }
}
