package io.castline.engine.tls;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate chain a TLS server presents, read with Java's TLS: the handshake accepts any
 * certificate, and the connection is closed right after it, before a byte of the stream (or its
 * key) is sent. Used to pin a certificate by fingerprint and to say why OpenSSL refused one.
 */
final class ServerCertificates {
    private ServerCertificates() {}

    /** The chain, leaf first. Throws with words ("Connection refused (host:port)") when there is none. */
    static List<X509Certificate> fetch(String host, int port, int timeoutMillis) throws IOException {
        String where = Hosts.forUrl(host) + ":" + port;
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(host, port), timeoutMillis);
            tcp.setSoTimeout(timeoutMillis);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new AcceptAll()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, false)) {
                if (!Hosts.isIpLiteral(host)) {
                    // Java sends SNI only for names with a dot; FFmpeg sends it for every name
                    SSLParameters p = tls.getSSLParameters();
                    p.setServerNames(List.of(new SNIHostName(host)));
                    tls.setSSLParameters(p);
                }
                tls.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : tls.getSession().getPeerCertificates()) {
                    if (c instanceof X509Certificate x) chain.add(x);
                }
                if (chain.isEmpty()) throw new IOException("the server at " + where + " sent no certificate");
                return chain;
            }
        } catch (UnknownHostException e) {
            throw new IOException("host not found (" + host + ")");
        } catch (SocketTimeoutException e) {
            throw new IOException("no answer within " + timeoutMillis / 1000 + " s (" + where + ")");
        } catch (SSLException e) {
            throw new IOException("TLS handshake failed: " + e.getMessage() + " (" + where + ")");
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage());
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("(" + where + ")")) throw e;
            throw new IOException((e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + " (" + where + ")");
        }
    }

    /** Accepts every chain: only used to read it; the verdict is made elsewhere. */
    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }
}
