package io.castline.engine.destination;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The exact secrets of a destination that an ingest might quote back outside a URL: the stream
 * key (with and without its query), the user-info password, and SRT's secret parameters
 * (passphrase, streamid), as sent and URL-decoded.
 */
final class DestinationSecrets {
    private DestinationSecrets() {}

    static void register(String server, String key) {
        if (key != null) {
            Secrets.register(key);
            int q = key.indexOf('?');
            if (q > 0) Secrets.register(key.substring(0, q));
            if (q >= 0) registerQuery(key.substring(q + 1));
        }
        URI uri = URI.create(server);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            Secrets.register(userInfo);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) Secrets.register(decode(userInfo.substring(colon + 1)));
        }
        if (uri.getRawQuery() != null) registerQuery(uri.getRawQuery());
    }

    private static void registerQuery(String query) {
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0 && SecretMasker.secretName(p.substring(0, eq))) {
                String value = p.substring(eq + 1);
                Secrets.register(value);
                Secrets.register(decode(value));
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
