package io.castline.testing;

import io.castline.bench.ChromiumProcess;
import io.castline.bench.WhipEndpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A WebRTC receiver for tests: the bench's {@link WhipEndpoint} (a small WHIP endpoint in front of
 * a Chromium page whose {@code RTCPeerConnection} answers each offer and decodes what comes), the
 * page opened in headless Chromium through Selenium, which the test reads {@link #report} through.
 */
public final class WhipReceiver implements AutoCloseable {
    public static final String PATH = WhipEndpoint.PATH;

    private final WhipEndpoint endpoint;
    private final HeadlessChromium browser;

    public WhipReceiver(Path dir, String token) {
        endpoint = new WhipEndpoint(token, null);
        HeadlessChromium b;
        try {
            b = new HeadlessChromium(dir, ChromiumProcess.WEBRTC_SWITCHES.toArray(String[]::new));
            b.open(endpoint.pageUrl(false));
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
        browser = b;
    }

    /** The WHIP URL of this endpoint with {@code key} as the destination's token. */
    public String url(String key) { return endpoint.url(key); }

    public int port() { return endpoint.port(); }

    /** What the page received in the latest session (or the one given): see whip-receiver.html. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> report(String sessionId) {
        Object r = browser.executeAsync("const done = arguments[arguments.length - 1];"
                + "window.report(arguments[0]).then(done, e => done({error: String(e)}));", sessionId);
        return (Map<String, Object>) r;
    }

    /** Makes the page close session {@code id}'s peer connection, as a receiver that goes away does. */
    public void closeSession(String id) { endpoint.closeSession(id); }

    public List<String> requests() { return endpoint.requests(); }

    public List<String> deleted() { return endpoint.deleted(); }

    public int sessions() { return endpoint.sessions(); }

    public String lastAnswer() { return endpoint.lastAnswer(); }

    public String lastOffer() { return endpoint.lastOffer(); }

    @Override public void close() {
        try {
            browser.close();
        } finally {
            endpoint.close();
        }
    }
}
