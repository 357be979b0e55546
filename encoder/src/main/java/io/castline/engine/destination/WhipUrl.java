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
 * <p>{@code whips://} (HTTPS) is refused for now: FFmpeg's WHIP muxer opens its HTTPS request with
 * none of the TLS options ({@code tls_verify}, {@code ca_file}), so it would accept any certificate
 * and hand the bearer token to whoever answers.
 *
 * @param server   the URL without the token (shown, stored in a profile)
 * @param endpoint what FFmpeg's muxer requests: {@code http://host:port/endpoint?…}
 * @param rawToken the token as written in the URL (percent-encoded), or null
 */
public record WhipUrl(String server, String endpoint, String host, int port, String rawToken) {
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
        if (scheme.equals("whips")) {
            throw new IllegalArgumentException("whips:// (HTTPS) is not supported yet: FFmpeg's WHIP muxer does not "
                    + "verify the server's certificate, so the token could reach an impostor; use whip:// on a trusted "
                    + "network or a local relay");
        }
        if (!scheme.equals("whip")) throw new IllegalArgumentException("not a whip:// URL");
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
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        return new WhipUrl("whip://" + authority + path + query, "http://" + authority + path + query,
                uri.getHost(), port, token);
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
