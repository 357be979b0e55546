package io.castline.engine.show;

import io.castline.engine.output.OutputRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A destination in the show: a name the host reads, where it goes and what it is for.
 *
 * <p>A show file is shared and kept, so the stream key need not be in it: {@code ${NAME}} in the
 * URL ({@code rtmp://a.example/live/${CASTLINE_PRIMARY_KEY}}) is taken from the environment
 * variable NAME when the show plays, and the file keeps the reference.
 *
 * @param ca          rtmps: a PEM file of certificates to trust instead of the system's roots; null for none
 * @param fingerprint rtmps: the SHA-256 fingerprint of a self-signed certificate to trust; null for none
 */
public record OutputConfig(String name, String url, OutputRole role, String ca, String fingerprint) {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public OutputConfig(String name, String url, OutputRole role) {
        this(name, url, role, null, null);
    }

    public OutputConfig withUrl(String u) { return new OutputConfig(name, u, role, ca, fingerprint); }

    /** The URL with every {@code ${NAME}} replaced from the process's environment (a missing one stays). */
    public String resolvedUrl() { return resolvedUrl(System.getenv()); }

    public String resolvedUrl(Map<String, String> env) {
        if (url == null) return null;
        Matcher m = REFERENCE.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The variables the URL refers to that the environment does not set. */
    public List<String> missingVariables(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        if (url == null) return missing;
        Matcher m = REFERENCE.matcher(url);
        while (m.find()) if (env.get(m.group(1)) == null) missing.add(m.group(1));
        return missing;
    }
}
