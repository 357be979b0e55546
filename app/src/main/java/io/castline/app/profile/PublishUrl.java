package io.castline.app.profile;

import io.castline.engine.destination.WhipUrl;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The studio asks for the ingest server ({@code rtmp://host/app}) and the stream key separately,
 * as the platforms show them; the engine wants one publish URL ({@code rtmp://host/app/key}).
 * Same convention as {@link io.castline.engine.destination.Destination}: the first path segment is
 * the application, everything after it is the key.
 */
public final class PublishUrl {
    private PublishUrl() {}

    /**
     * Server + key → publish URL; an empty key leaves the server as it is (SRT URLs carry
     * everything). A WHIP server ({@code whip://host/endpoint}) takes the key as its bearer token,
     * in the URL's {@code token} parameter.
     */
    public static String join(String server, String key) {
        String s = server == null ? "" : server.trim();
        String k = key == null ? "" : key.trim();
        if (k.isEmpty()) return s;
        if (WhipUrl.isWhip(s)) return WhipUrl.join(s, URLEncoder.encode(k, StandardCharsets.UTF_8));
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        if (k.startsWith("?")) return s + k;
        while (k.startsWith("/")) k = k.substring(1);
        return s + "/" + k;
    }

    /**
     * Splits a full URL pasted into the server field ({@code rtmp://host/app/key}) into server and
     * key, so the key does not sit in a plain text field. Null when there is nothing to split.
     */
    public static StudioProfile.Ingest split(String url) {
        if (url == null) return null;
        String u = url.trim();
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getScheme().equalsIgnoreCase("srt")) return null;
        if (WhipUrl.isWhip(u)) {
            try {
                WhipUrl whip = WhipUrl.parse(u);
                return whip.rawToken() == null ? null : new StudioProfile.Ingest(whip.server(), whip.token());
            } catch (IllegalArgumentException e) {
                return null; // the field's own check says what is wrong
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        int slash = path.indexOf('/');
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String app = slash < 0 ? path : path.substring(0, slash);
        String key = (slash < 0 ? "" : path.substring(slash + 1)) + query;
        if (app.isEmpty() || key.isEmpty()) return null;
        return new StudioProfile.Ingest(uri.getScheme() + "://" + uri.getRawAuthority() + "/" + app, key);
    }
}
