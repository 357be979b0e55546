package io.castline.engine.destination;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options of an {@code srt://host:port?…} URL, with FFmpeg's (and OBS's) names and units, so a
 * URL means the same whichever sender carries it: {@code latency} in <b>microseconds</b>,
 * {@code passphrase} (10–79 characters, a secret), {@code pbkeylen} (16, 24 or 32), {@code streamid}
 * (a secret: ingests put the stream key there), {@code maxbw}/{@code inputbw} in bytes per second,
 * {@code oheadbw} in percent, {@code mode} (Castline is always the caller). Other parameters are
 * left to FFmpeg's protocol when that one sends.
 *
 * @param latencyMillis the receiver's buffer (TSBPD delay), null for libsrt's default (120 ms)
 */
public record SrtUrl(String host, int port, Integer latencyMillis, String passphrase, Integer keyLength,
                     String streamId, Long maxBandwidth, Long inputBandwidth, Integer overheadPercent) {

    /**
     * Parses and checks the options. Throws {@link IllegalArgumentException} whose message names
     * the option and never its secret value.
     */
    public static SrtUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) { // its message quotes the URL, secrets and all
            throw new IllegalArgumentException("not a valid SRT URL (" + e.getReason() + ")");
        }
        Map<String, String> q = query(uri.getRawQuery());
        String mode = q.get("mode");
        if (mode != null && !mode.equalsIgnoreCase("caller")) {
            throw new IllegalArgumentException("SRT mode=" + mode + ": Castline calls the ingest (mode=caller); "
                    + "an ingest is the listener");
        }
        Integer latency = null;
        if (q.containsKey("latency")) {
            long micros = number(q, "latency");
            if (micros > 0 && micros < 1000) {
                throw new IllegalArgumentException("SRT latency=" + micros + " is in microseconds (FFmpeg's and OBS's unit), "
                        + "so " + micros + " µs; for " + micros + " ms write latency=" + micros * 1000);
            }
            if (micros > 60_000_000L) throw new IllegalArgumentException("SRT latency=" + micros + " µs is over a minute");
            latency = (int) (micros / 1000);
        }
        String passphrase = q.get("passphrase");
        if (passphrase != null && !passphrase.isEmpty() && (passphrase.length() < 10 || passphrase.length() > 79)) {
            throw new IllegalArgumentException("SRT passphrase: must be 10 to 79 characters (it has "
                    + passphrase.length() + ")");
        }
        Integer keyLength = null;
        if (q.containsKey("pbkeylen")) {
            long k = number(q, "pbkeylen");
            if (k != 0 && k != 16 && k != 24 && k != 32) {
                throw new IllegalArgumentException("SRT pbkeylen=" + k + ": use 16, 24 or 32 (AES-128/192/256)");
            }
            keyLength = (int) k;
        }
        String streamId = q.get("streamid");
        if (streamId != null && streamId.length() > 512) {
            throw new IllegalArgumentException("SRT streamid: at most 512 characters (it has " + streamId.length() + ")");
        }
        Long overhead = q.containsKey("oheadbw") ? number(q, "oheadbw") : null;
        if (overhead != null && (overhead < 5 || overhead > 100)) {
            throw new IllegalArgumentException("SRT oheadbw=" + overhead + ": use 5 to 100 (percent)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 9000;
        return new SrtUrl(uri.getHost(), port, latency, passphrase == null || passphrase.isEmpty() ? null : passphrase,
                keyLength, streamId, q.containsKey("maxbw") ? number(q, "maxbw") : null,
                q.containsKey("inputbw") ? number(q, "inputbw") : null, overhead == null ? null : overhead.intValue());
    }

    private static long number(Map<String, String> q, String name) {
        try {
            long v = Long.parseLong(q.get(name).trim());
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SRT " + name + "=" + q.get(name) + ": not a whole number of 0 or more");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) return q;
        for (String p : raw.split("&")) {
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
            try {
                q.put(name, eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) { // its message quotes the value, which may be a secret
                throw new IllegalArgumentException("SRT " + name + ": a bad %-escape in its value");
            }
        }
        return q;
    }

    @Override public String toString() { // never the secrets
        return "SrtUrl[" + host + ":" + port + ", latency " + latencyMillis + " ms, passphrase "
                + (passphrase == null ? "none" : "set") + ", streamid " + (streamId == null ? "none" : "set") + "]";
    }
}
