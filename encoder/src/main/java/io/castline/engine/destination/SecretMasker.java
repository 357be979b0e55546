package io.castline.engine.destination;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text by their <em>structure</em>, wherever a URL or a {@code name=value}
 * pair appears in it:
 * <ul>
 *   <li>the stream key of an RTMP URL: everything after the application
 *       ({@code rtmp://host:1935/live/••••});</li>
 *   <li>user-info ({@code rtmp://••••@host/app/••••}), whatever the scheme;</li>
 *   <li>the values of query parameters and {@code name=value} pairs whose name says they are
 *       secret ({@code passphrase}, {@code streamid}, {@code key}, {@code token}, {@code auth}…),
 *       e.g. {@code srt://host:9000?passphrase=••••&streamid=••••&latency=200000}.</li>
 * </ul>
 * Text without a URL or a secret pair is never changed, so a key that happens to be an ordinary
 * word ("live", "primary") does not blank that word elsewhere.
 *
 * <p>On top of that a small registry of exact secrets covers what an ingest sends back in its own
 * words: FFmpeg forwards an RTMP server's error description verbatim ("Server error: %s"), and
 * servers may name the stream there. FFmpeg's own messages at the levels Castline lets through
 * (warning and up) quote a key only inside a URL: with nginx-rtmp refusing the publish, "Already
 * publishing", an unknown application, user-info and an unreachable SRT listener, the bare stream
 * name appeared only in debug lines ("Sending publish command for 'KEY'"), which are never
 * delivered. A registered secret is masked only as a whole token (not next to a letter or digit),
 * and only one that cannot be an ordinary word is registered at all ({@link #registrable}).
 *
 * <p>Masking is idempotent: masked text masks to itself.
 */
public final class SecretMasker {
    public static final String MASK = "••••";

    /** Registered secrets shorter than this could be parts of ordinary text. */
    static final int MIN_REGISTERED_LENGTH = 8;
    /** An all-letter secret is registered only from this length on (shorter ones may be words: "password"). */
    static final int MIN_REGISTERED_WORD_LENGTH = 16;

    private static final Set<String> RTMP_SCHEMES = Set.of("rtmp", "rtmps", "rtmpt", "rtmpe", "rtmpte", "rtmpts");
    /**
     * What ends a URL or a value in prose: white space, quotes, angle brackets, an ellipsis ("…/live/••••…"
     * in a status line) and the mask itself.
     */
    private static final String END = "\\s\"'<>`…•“”‘’«»";
    /** A URL: a scheme, "://", then everything up to one of {@link #END}. */
    private static final Pattern URL = Pattern.compile("(?<![A-Za-z0-9+.\\-])([A-Za-z][A-Za-z0-9+.\\-]*)://([^" + END + "]*)");
    /** A {@code name=value} pair outside a URL (FFmpeg prints options like that). */
    private static final Pattern PAIR = Pattern.compile("(?<![A-Za-z0-9_.\\-])([A-Za-z][A-Za-z0-9_.\\-]*)=([^&" + END + "]+)");
    private static final Set<String> SECRET_NAMES = Set.of("key", "sig", "pass", "pwd", "psk");
    private static final List<String> SECRET_NAME_PARTS = List.of("pass", "token", "secret", "auth", "signature",
            "credential", "streamid", "stream_id", "session");

    /** Longest first, so that a key containing a shorter one is masked whole. */
    private final List<String> registered = new CopyOnWriteArrayList<>();

    /** Remembers a secret to mask where it appears as a whole token; ignored unless {@link #registrable}. */
    public void register(String secret) {
        if (!registrable(secret) || registered.contains(secret)) return;
        synchronized (registered) {
            if (registered.contains(secret)) return;
            registered.add(secret);
            registered.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    /**
     * Whether a secret can be masked as a bare token without blanking ordinary words: at least
     * {@value #MIN_REGISTERED_LENGTH} characters, no white space, and a digit or symbol in it
     * unless it is at least {@value #MIN_REGISTERED_WORD_LENGTH} long. "live", "primary" and
     * "password" are masked only where they stand in a URL; "live2024" and "sk_live_9f8e" also alone.
     */
    static boolean registrable(String s) {
        if (s == null || s.length() < MIN_REGISTERED_LENGTH || s.contains(MASK)) return false;
        if (s.chars().anyMatch(Character::isWhitespace)) return false;
        boolean allLetters = s.chars().allMatch(Character::isLetter);
        return !allLetters || s.length() >= MIN_REGISTERED_WORD_LENGTH;
    }

    public String mask(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text.contains("://") ? maskUrls(text) : text;
        if (out.indexOf('=') >= 0) out = maskPairs(out);
        return registered.isEmpty() ? out : maskRegistered(out);
    }

    /** A URL with its secrets masked (the URL alone, as {@link Destination#maskedUrl()} shows it). */
    static String maskUrl(String scheme, String rest) {
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) end++;
        String authority = rest.substring(0, end);
        String tail = rest.substring(end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) authority = MASK + authority.substring(at);
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (RTMP_SCHEMES.contains(lower)) {
            tail = maskRtmpKey(tail);
        } else {
            int q = tail.indexOf('?');
            if (q >= 0) tail = tail.substring(0, q + 1) + maskQuery(tail.substring(q + 1));
        }
        return scheme + "://" + authority + tail;
    }

    /**
     * A URL without its secrets, to store or share: no user-info, no stream key after an RTMP
     * application, no secret query parameter ({@code srt://h:9000?passphrase=x&latency=200000} →
     * {@code srt://h:9000?latency=200000}). Text that is not a URL comes back unchanged.
     */
    public static String withoutSecrets(String url) {
        if (url == null) return null;
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) return url;
        String masked = maskUrl(m.group(1), m.group(2));
        String out = masked.replace(MASK + "@", "").replace("/" + MASK, "");
        int q = out.indexOf('?');
        if (q < 0) return out;
        StringBuilder kept = new StringBuilder();
        for (String p : out.substring(q + 1).split("&")) {
            if (p.isEmpty() || p.endsWith("=" + MASK)) continue;
            kept.append(kept.length() == 0 ? "" : "&").append(p);
        }
        return out.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept);
    }

    /** "/app/key?x=1" → "/app/••••": the first path segment is the application, the rest is the key. */
    private static String maskRtmpKey(String tail) {
        if (tail.isEmpty()) return tail;
        int appEnd = 1;
        if (tail.charAt(0) == '/') {
            while (appEnd < tail.length() && "/?#".indexOf(tail.charAt(appEnd)) < 0) appEnd++;
        } else {
            appEnd = 0; // "?…" or "#…" straight after the host: all of it is the key
        }
        String app = tail.substring(0, appEnd);
        String key = tail.substring(appEnd);
        if (key.isEmpty() || key.equals("/") || key.equals(MASK) || key.equals("/" + MASK)) return tail;
        return (app.isEmpty() ? "" : app) + "/" + MASK;
    }

    private static String maskQuery(String query) {
        String[] params = query.split("&", -1);
        StringBuilder sb = new StringBuilder(query.length());
        for (int i = 0; i < params.length; i++) {
            if (i > 0) sb.append('&');
            String p = params[i];
            int eq = p.indexOf('=');
            if (eq > 0 && eq < p.length() - 1 && secretName(p.substring(0, eq))) {
                sb.append(p, 0, eq + 1).append(MASK);
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    /** Whether a parameter's name says its value is secret (passphrase, streamid, key, token, auth, …). */
    static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (SECRET_NAMES.contains(n) || n.endsWith("key")) return true;
        for (String part : SECRET_NAME_PARTS) if (n.contains(part)) return true;
        return false;
    }

    private static String maskUrls(String text) {
        Matcher m = URL.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            String rest = m.group(2);
            int keep = trailingPunctuation(rest);
            sb.append(text, last, m.start())
                    .append(maskUrl(m.group(1), rest.substring(0, rest.length() - keep)))
                    .append(rest, rest.length() - keep, rest.length());
            last = m.end();
        }
        return last == 0 ? text : sb.append(text, last, text.length()).toString();
    }

    /**
     * How many characters at the end of a URL found in prose belong to the sentence, not the URL:
     * "…/live/KEY: Operation not permitted", "(…/live/KEY)", "…/live/KEY.".
     */
    private static int trailingPunctuation(String rest) {
        int end = rest.length();
        while (end > 0) {
            char c = rest.charAt(end - 1);
            if (".,;:!?".indexOf(c) >= 0
                    || c == ')' && count(rest, '(', end) < count(rest, ')', end)
                    || c == ']' && count(rest, '[', end) < count(rest, ']', end)) {
                end--;
            } else {
                break;
            }
        }
        return rest.length() - end;
    }

    private static int count(String s, char c, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) if (s.charAt(i) == c) n++;
        return n;
    }

    private static String maskPairs(String text) {
        Matcher m = PAIR.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            if (!secretName(m.group(1))) continue;
            String value = m.group(2);
            int keep = trailingPunctuation(value);
            if (keep == value.length()) continue;
            sb.append(text, last, m.start(2)).append(MASK).append(value, value.length() - keep, value.length());
            last = m.end();
        }
        return last == 0 ? text : sb.append(text, last, text.length()).toString();
    }

    private String maskRegistered(String text) {
        String out = text;
        for (String secret : registered) {
            int from = 0;
            int at;
            StringBuilder sb = null;
            int last = 0;
            while ((at = out.indexOf(secret, from)) >= 0) {
                int end = at + secret.length();
                if (wholeToken(out, at, end)) {
                    if (sb == null) sb = new StringBuilder(out.length());
                    sb.append(out, last, at).append(MASK);
                    last = end;
                }
                from = at + 1;
                if (last > from) from = last;
            }
            if (sb != null) out = sb.append(out, last, out.length()).toString();
        }
        return out;
    }

    private static boolean wholeToken(String text, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }
}
