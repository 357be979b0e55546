package io.castline.engine.tls;

import java.util.regex.Pattern;

/** Host names and address literals, as FFmpeg's TLS tells them apart. */
final class Hosts {
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** What inet_aton (and so getaddrinfo with AI_NUMERICHOST) reads as IPv4: 127.1, 0x7f000001, 0177.0.0.1 … */
    private static final Pattern INET_ATON = Pattern.compile("(0[xX][0-9a-fA-F]*|\\d+)(\\.(0[xX][0-9a-fA-F]*|\\d+)){0,3}");

    private Hosts() {}

    /** "[::1]" → "::1": {@link java.net.URI#getHost()} keeps the brackets of an IPv6 literal. */
    static String bare(String host) {
        return host != null && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** "::1" → "[::1]", as a URL writes it. */
    static String forUrl(String host) {
        String h = bare(host);
        return h != null && h.contains(":") ? "[" + h + "]" : h;
    }

    /** An IPv4 address in dotted-quad form, or an IPv6 address. */
    static boolean isIpLiteral(String host) {
        String h = bare(host);
        return h != null && (h.contains(":") || DOTTED_QUAD.matcher(h).matches());
    }

    /**
     * True for anything the C library reads as a numeric address, canonical or not. FFmpeg checks
     * no name at all for those, so a non-canonical one ("127.1") must not slip past as a name.
     */
    static boolean isNumeric(String host) {
        String h = bare(host);
        return h != null && (h.contains(":") || INET_ATON.matcher(h).matches());
    }
}
