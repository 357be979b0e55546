package io.castline.engine.tls;

import io.castline.engine.destination.TlsTrust;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * HTTPS for a client that cannot verify it: FFmpeg's WHIP muxer opens its HTTPS requests with no
 * TLS options at all (it would accept any certificate and hand the bearer token to whoever
 * answers). It talks plain HTTP to this relay on 127.0.0.1 instead, and the relay makes each
 * request over a TLS connection that Java verifies: the chain against the destination's trust
 * (the system's roots, a CA file, or a pinned self-signed certificate) and the host name. The
 * request's {@code Host} names the real server again; an absolute {@code Location} in the answer
 * (the WHIP session, DELETEd at the end) comes back as a path, so that request comes here too.
 * A refused certificate ends the request before a byte of it is sent; {@link #refusal()} says why.
 */
public final class HttpsRelay implements AutoCloseable {
    private static final int CONNECT_MILLIS = 5_000;
    private static final int HEAD_LIMIT = 64 * 1024;
    private static final Pattern HOST = Pattern.compile("(?im)^Host:[^\r\n]*\r\n");
    private static final Pattern LOCATION = Pattern.compile("(?im)^(Location:\\s*)https://[^/\\s]+");

    private final String name;
    private final String host;
    private final int port;
    private final TlsTrust trust;
    private final ServerSocket listener;
    private final Thread acceptor;
    private volatile String refusal;
    private volatile String unreachable;

    /** Listens on 127.0.0.1 (any free port) for requests to {@code https://host:port}. */
    public HttpsRelay(String name, String host, int port, TlsTrust trust) throws IOException {
        this.name = name;
        this.host = host;
        this.port = port;
        this.trust = trust == null ? TlsTrust.SYSTEM : trust;
        this.listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "castline-https-relay-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port to send plain HTTP to ({@code http://127.0.0.1:PORT/…}). */
    public int localPort() { return listener.getLocalPort(); }

    /** Why the server's certificate was refused (words for the host), or null. */
    public String refusal() { return refusal; }

    /** Why the server could not be reached ("Connection refused"), or null. */
    public String unreachable() { return unreachable; }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> relay(client), "castline-https-relay-" + name + "-request");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket server = open()) {
            if (server == null) return; // refused: the client's request is never sent
            InputStream fromClient = client.getInputStream();
            byte[] head = readHead(fromClient);
            String request = new String(head, StandardCharsets.ISO_8859_1);
            request = HOST.matcher(request).replaceFirst("Host: " + authority() + "\r\n");
            OutputStream toServer = server.getOutputStream();
            toServer.write(request.getBytes(StandardCharsets.ISO_8859_1));
            toServer.flush();
            // the body (the SDP offer) after the head, as it comes; the answer the other way
            Thread up = new Thread(() -> copy(fromClient, toServer), "castline-https-relay-" + name + "-body");
            up.setDaemon(true);
            up.start();
            InputStream fromServer = server.getInputStream();
            String response = new String(readHead(fromServer), StandardCharsets.ISO_8859_1);
            response = LOCATION.matcher(response).replaceFirst("$1");
            OutputStream toClient = client.getOutputStream();
            toClient.write(response.getBytes(StandardCharsets.ISO_8859_1));
            fromServer.transferTo(toClient);
            toClient.flush();
        } catch (IOException e) {
            // the client sees its connection closed; a refused certificate was noted in open()
        }
    }

    private String authority() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == 443 ? h : h + ":" + port;
    }

    /** A TLS connection to the server, verified; null when its certificate is refused (see {@link #refusal}). */
    private Socket open() throws IOException {
        Capturing tm = new Capturing(trustManager());
        SSLSocket s;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{tm}, null);
            s = (SSLSocket) ctx.getSocketFactory().createSocket();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
        SSLParameters p = s.getSSLParameters();
        if (trust.fingerprint() == null) p.setEndpointIdentificationAlgorithm("HTTPS"); // a pin is exact
        s.setSSLParameters(p);
        try {
            s.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
        } catch (IOException e) {
            unreachable = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            s.close();
            throw e;
        }
        s.setSoTimeout(10_000);
        SSLSocket tls = (SSLSocket) s;
        try {
            tls.startHandshake();
            return tls;
        } catch (javax.net.ssl.SSLHandshakeException e) {
            refusal = explain(tm.chain);
            tls.close();
            return null;
        }
    }

    /** Why the chain is refused, in the words the RTMPS checks use. */
    private String explain(List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) return "the TLS handshake with " + host + " failed";
        if (trust.fingerprint() != null) {
            String why = CertificateDiagnosis.explainPin(chain, trust.fingerprint());
            return why != null ? why : "the pinned certificate was refused";
        }
        try {
            String why = CertificateDiagnosis.explain(chain, anchors(), trust.describe(), host);
            return why != null ? why : "certificate refused by " + trust.describe();
        } catch (IOException e) {
            return "certificate refused (" + e.getMessage() + ")";
        }
    }

    private List<X509Certificate> anchors() throws IOException {
        return trust.caFile() != null ? Pem.read(trust.caFile()) : Pem.read(SystemRoots.pemFile());
    }

    private X509TrustManager trustManager() throws IOException {
        if (trust.fingerprint() != null) return new Pinned(trust.fingerprint());
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : anchors()) store.setCertificateEntry("anchor-" + i++, c);
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            for (TrustManager t : f.getTrustManagers()) if (t instanceof X509TrustManager x) return x;
            throw new IOException("no X.509 trust manager");
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the trusted certificates: " + e.getMessage(), e);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int last4 = 0; // the last four bytes read, to find the blank line that ends the head
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed in the HTTP head");
            out.write(b);
            if (out.size() > HEAD_LIMIT) throw new IOException("HTTP head too long");
            last4 = (last4 << 8) | b;
        }
        return out.toByteArray();
    }

    private static void copy(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
            out.flush();
        } catch (IOException e) {
            // either side closed: the request is over
        }
    }

    @Override public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** Keeps the chain the server presented, for the words when it is refused. */
    private static final class Capturing extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;
        volatile List<X509Certificate> chain;

        Capturing(X509TrustManager delegate) { this.delegate = delegate; }

        @Override public void checkServerTrusted(X509Certificate[] c, String auth, Socket socket) throws CertificateException {
            chain = List.of(c);
            if (delegate instanceof X509ExtendedTrustManager x) x.checkServerTrusted(c, auth, socket);
            else delegate.checkServerTrusted(c, auth);
        }

        @Override public void checkServerTrusted(X509Certificate[] c, String auth, javax.net.ssl.SSLEngine e) throws CertificateException {
            throw new CertificateException("not used with an engine");
        }

        @Override public void checkServerTrusted(X509Certificate[] c, String auth) throws CertificateException {
            throw new CertificateException("a socket is needed to check the host name");
        }

        @Override public void checkClientTrusted(X509Certificate[] c, String auth, Socket s) throws CertificateException { refuse(); }
        @Override public void checkClientTrusted(X509Certificate[] c, String auth, javax.net.ssl.SSLEngine e) throws CertificateException { refuse(); }
        @Override public void checkClientTrusted(X509Certificate[] c, String auth) throws CertificateException { refuse(); }
        @Override public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }

        private static void refuse() throws CertificateException { throw new CertificateException("a client is not checked here"); }
    }

    /** Exactly the pinned certificate (its SHA-256), self-signed; nothing else. */
    private record Pinned(String fingerprint) implements X509TrustManager {
        @Override public void checkServerTrusted(X509Certificate[] chain, String auth) throws CertificateException {
            if (chain.length == 0 || CertificateDiagnosis.explainPin(List.of(chain), fingerprint) != null) {
                throw new CertificateException("not the pinned certificate");
            }
        }

        @Override public void checkClientTrusted(X509Certificate[] chain, String auth) throws CertificateException {
            throw new CertificateException("a client is not checked here");
        }

        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
