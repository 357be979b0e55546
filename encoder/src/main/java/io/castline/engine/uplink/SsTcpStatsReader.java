package io.castline.engine.uplink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux: {@code ss -tinpH state established}, filtered to this process. One short process a
 * second per broadcast; the kernel's own counters (bytes acked, retransmitted, RTT, delivery rate)
 * are what the health display needs and the JVM has no API for them.
 */
final class SsTcpStatsReader implements TcpStatsReader {
    private static final Logger LOG = LoggerFactory.getLogger(SsTcpStatsReader.class);
    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(\\d+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+users:\\(.*pid=(\\d+),.*$");
    private static final Pattern RTT = Pattern.compile("\\brtt:([\\d.]+)/");
    private static final Pattern BYTES_SENT = Pattern.compile("\\bbytes_sent:(\\d+)");
    private static final Pattern BYTES_ACKED = Pattern.compile("\\bbytes_acked:(\\d+)");
    private static final Pattern BYTES_RETRANS = Pattern.compile("\\bbytes_retrans:(\\d+)");
    private static final Pattern DELIVERY = Pattern.compile("\\bdelivery_rate (\\d+)bps");
    private static final long PID = ProcessHandle.current().pid();
    private static volatile Boolean available;

    static boolean available() {
        Boolean a = available;
        if (a == null) {
            boolean ok = false;
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                try {
                    Process p = new ProcessBuilder("ss", "-V").redirectErrorStream(true).start();
                    p.getInputStream().readAllBytes();
                    ok = p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException | InterruptedException e) {
                    ok = false;
                }
            }
            available = a = ok;
            if (!ok) LOG.info("no 'ss' here: TCP statistics (RTT, retransmissions) will show as unknown");
        }
        return a;
    }

    @Override public boolean supported() { return true; }

    @Override public Map<Integer, TcpInfo> sample() {
        try {
            Process p = new ProcessBuilder("ss", "-tinpH", "state", "established").redirectErrorStream(true).start();
            List<String> lines;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                lines = r.lines().toList();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Map.of();
            }
            return parse(lines, PID);
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Parses {@code ss -tinpH} output: a socket line, then its indented details line. */
    static Map<Integer, TcpInfo> parse(List<String> lines, long pid) {
        Map<Integer, TcpInfo> result = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = HEADER.matcher(lines.get(i));
            if (!h.matches() || Long.parseLong(h.group(5)) != pid) continue;
            String details = i + 1 < lines.size() && !HEADER.matcher(lines.get(i + 1)).matches() ? lines.get(i + 1) : "";
            String local = h.group(3);
            int localPort = port(local);
            if (localPort < 0) continue;
            long sent = lng(BYTES_SENT, details);
            long acked = lng(BYTES_ACKED, details);
            long sendQueue = Long.parseLong(h.group(2));
            long retrans = lng(BYTES_RETRANS, details);
            if (retrans < 0 && sent >= 0 && acked >= 0) {
                // some kernel/ss pairs leave bytes_retrans out; bytes_sent counts retransmissions too,
                // so sent − acked − (still queued) is what was sent more than once (a lower bound)
                retrans = Math.max(0, sent - acked - sendQueue);
            }
            result.put(localPort, new TcpInfo(local, normalise(h.group(4)), localPort, dbl(RTT, details), sent, acked,
                    Math.max(0, retrans), lng(DELIVERY, details), sendQueue));
        }
        return result;
    }

    /**
     * "[::ffff:127.0.0.1]:1935" → "127.0.0.1:1935", "[::1]:1935" → "0:0:0:0:0:0:0:1:1935": written as
     * {@link java.net.InetAddress#getHostAddress()} writes it (a literal is parsed, never looked up).
     */
    static String normalise(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon < 0) return endpoint;
        String host = endpoint.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return java.net.InetAddress.getByName(host).getHostAddress() + endpoint.substring(colon);
        } catch (java.net.UnknownHostException e) {
            return host + endpoint.substring(colon);
        }
    }

    private static int port(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long lng(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static double dbl(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
