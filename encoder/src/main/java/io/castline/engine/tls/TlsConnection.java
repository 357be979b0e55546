package io.castline.engine.tls;

import io.castline.engine.destination.TlsTrust;
import io.castline.engine.ffmpeg.AvException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one {@code rtmps://} open verifies the server, for FFmpeg's {@code tls} protocol (OpenSSL).
 *
 * <p>What FFmpeg 8.1's {@code tls_openssl.c} does, as checked against a TLS terminator here: with
 * its default {@code tls_verify=0} it accepts any certificate. With {@code tls_verify=1} it
 * verifies the chain against {@code ca_file}, or, without one, against OpenSSL's default paths,
 * which in the bundled, statically linked build point into the build machine (nothing is
 * trusted). It checks the host name ({@code SSL_set1_host}, no partial wildcards) only when the
 * URL's host is a name; {@code verifyhost} replaces the name checked (an address there is checked
 * against the certificate's IP names), but for a URL whose host is an address no name is checked
 * at all, whatever {@code verifyhost} says. So Castline always passes {@code tls_verify=1} and a
 * {@code ca_file}, and for an address it connects through a {@link LoopbackTunnel} named
 * {@code localhost} with {@code verifyhost} set to the address.
 *
 * <p>When OpenSSL refuses the certificate ("certificate verify failed", nothing else), the chain is
 * read again with Java's TLS to say why in words ({@link CertificateDiagnosis}); the failure is a
 * {@link CertificateRefusedException}.
 */
public final class TlsConnection implements AutoCloseable {
    /** Connecting upstream and reading a chain: the connect timeout the README promises. */
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Reading the chain again to explain a refusal: the server answered a moment ago. */
    private static final int DIAGNOSIS_TIMEOUT_MILLIS = 5_000;
    /** FFmpeg's own socket to a tunnel: the tunnel's upstream socket holds the output's second of stream. */
    private static final String TUNNELED_SEND_BUFFER = Integer.toString(64 * 1024);
    private static final String VERIFY_FAILED = "certificate verify failed";

    private final String host;
    private final int port;
    private final TlsTrust trust;
    private final Path caFile;
    private final String url;
    private final Map<String, String> ioOptions;
    private final LoopbackTunnel tunnel;

    private TlsConnection(String host, int port, TlsTrust trust, Path caFile, String url, Map<String, String> ioOptions,
                          LoopbackTunnel tunnel) {
        this.host = host;
        this.port = port;
        this.trust = trust;
        this.caFile = caFile;
        this.url = url;
        this.ioOptions = ioOptions;
        this.tunnel = tunnel;
    }

    /**
     * Prepares the open of {@code publishUrl} (an {@code rtmps://} URL to {@code host:port}).
     * Reads the trust now, so a CA file or system root the user changed is used at the next connect.
     *
     * @param sendBufferBytes the output's socket send buffer (for a tunnel's upstream socket)
     * @throws CertificateRefusedException when the trust setting cannot be used or the pinned certificate is not offered
     * @throws AvException                 when the server cannot be reached to read a pinned certificate
     */
    public static TlsConnection prepare(String name, String publishUrl, String host, int port, TlsTrust trust,
                                        int sendBufferBytes) throws AvException {
        String h = Hosts.bare(host);
        TlsTrust t = trust == null ? TlsTrust.SYSTEM : trust;
        if (Hosts.isNumeric(h) && !Hosts.isIpLiteral(h)) {
            throw new CertificateRefusedException("cannot verify the certificate of " + h
                    + ": write the address in full (e.g. 127.0.0.1)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("tls_verify", "1");
        if (t.fingerprint() != null) {
            PinnedCertificates.Pinned pinned;
            try {
                pinned = PinnedCertificates.get(t.fingerprint(), h, port, CONNECT_TIMEOUT_MILLIS);
            } catch (PinnedCertificates.Refused e) {
                throw refused(e.getMessage(), h, port);
            } catch (IOException e) {
                throw new AvException("cannot connect: " + e.getMessage());
            }
            options.put("ca_file", pinned.file().toString());
            // the pinned certificate is the identity: OpenSSL must not refuse it for naming another host
            if (!Hosts.isIpLiteral(h)) {
                List<String> names = CertificateDiagnosis.hostNames(pinned.certificate());
                // (a wildcard name stands for any host under it)
                String itsName = names.stream().filter(n -> !n.startsWith("*.")).findFirst()
                        .orElse(names.isEmpty() ? null : "castline-pin" + names.get(0).substring(1));
                if (itsName == null) {
                    throw refused("the pinned certificate names no host, so OpenSSL cannot accept it for " + h, h, port);
                }
                options.put("verifyhost", itsName);
            }
            return new TlsConnection(h, port, t, pinned.file(), publishUrl, options, null);
        }
        Path caFile = t.caFile() != null ? checkedCaFile(t.caFile(), h, port) : systemRoots(h, port);
        options.put("ca_file", caFile.toString());
        if (!Hosts.isIpLiteral(h)) return new TlsConnection(h, port, t, caFile, publishUrl, options, null);

        LoopbackTunnel tunnel;
        try {
            tunnel = LoopbackTunnel.open(name, InetAddress.getByName(h), port, sendBufferBytes, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new AvException("cannot connect: cannot open a loopback port for the TLS connection (" + e.getMessage() + ")");
        }
        options.put("verifyhost", h);
        options.put("rtmp_tcurl", RtmpUrls.tcUrl(publishUrl));
        options.put("send_buffer_size", TUNNELED_SEND_BUFFER);
        String viaTunnel = RtmpUrls.withAuthority(publishUrl, "localhost:" + tunnel.localPort());
        return new TlsConnection(h, port, t, caFile, viaTunnel, options, tunnel);
    }

    /** The URL FFmpeg opens (the publish URL, or the same through the tunnel). */
    public String url() { return url; }

    /** Options for {@code avio_open2}, on top of the output's own. */
    public Map<String, String> ioOptions() { return ioOptions; }

    /**
     * What a failed open means: a {@link CertificateRefusedException} in words when OpenSSL refused
     * the certificate, the tunnel's connect error when the server could not be reached, else
     * {@code failure} itself.
     *
     * @param ffmpegErrors what FFmpeg logged during the open ({@code FFmpegLog.errorsSinceClear()})
     */
    public AvException explain(AvException failure, List<String> ffmpegErrors) {
        if (tunnel != null && tunnel.failure() != null) {
            return new AvException("cannot connect: " + tunnel.failure() + " (" + Hosts.forUrl(host) + ":" + port + ")");
        }
        if (ffmpegErrors.stream().noneMatch(e -> e.contains(VERIFY_FAILED))) {
            // FFmpeg names the peer it connected to: through the tunnel that is localhost, not the server
            return tunnel == null ? failure : new AvException(failure.getMessage()
                    .replace("localhost:" + tunnel.localPort(), Hosts.forUrl(host) + ":" + port));
        }
        String why;
        try {
            List<X509Certificate> chain = ServerCertificates.fetch(host, port, DIAGNOSIS_TIMEOUT_MILLIS);
            why = trust.fingerprint() != null ? CertificateDiagnosis.explainPin(chain, trust.fingerprint())
                    : CertificateDiagnosis.explain(chain, Pem.read(caFile), trust.describe(), host);
        } catch (IOException e) {
            why = null;
        }
        return refused(why != null ? why : "the server's certificate is not trusted for this destination (OpenSSL: "
                + VERIFY_FAILED + "; trusting " + trust.describe() + ")", host, port);
    }

    @Override public void close() {
        if (tunnel != null) tunnel.close();
    }

    private static CertificateRefusedException refused(String why, String host, int port) {
        return new CertificateRefusedException(why + " (" + Hosts.forUrl(host) + ":" + port + "): the stream key was not sent");
    }

    private static Path checkedCaFile(Path file, String host, int port) throws CertificateRefusedException {
        try {
            Pem.read(file);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw refused("cannot use the CA file: " + e.getMessage(), host, port);
        }
    }

    private static Path systemRoots(String host, int port) throws CertificateRefusedException {
        try {
            return SystemRoots.pemFile();
        } catch (IOException e) {
            throw refused("cannot read this computer's trusted roots: " + e.getMessage(), host, port);
        }
    }

    /** {@code rtmps://} URLs as FFmpeg's RTMP protocol reads them. */
    static final class RtmpUrls {
        private RtmpUrls() {}

        /** The URL with its {@code host[:port]} replaced (user info, path and query kept as written). */
        static String withAuthority(String url, String hostPort) {
            URI u = URI.create(url);
            String authority = u.getRawAuthority();
            String userInfo = u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@";
            int at = url.indexOf("://" + authority);
            return url.substring(0, at) + "://" + userInfo + hostPort + url.substring(at + 3 + authority.length());
        }

        /**
         * The tcUrl FFmpeg would send for {@code url} ({@code rtmps://host:port/app}): the application
         * is the first path segment, or the first two when the play path has a further slash
         * ("app/instance"), as {@code rtmpproto.c} splits it.
         */
        static String tcUrl(String url) {
            URI u = URI.create(url);
            int port = u.getPort() > 0 ? u.getPort() : 443;
            String path = (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            String next = path.startsWith("/") ? path.substring(1) : path;
            String app;
            int p = next.indexOf('/');
            if (p < 0) {
                app = "";
            } else {
                int colon = next.indexOf(':', p + 1);
                int slash = next.indexOf('/', p + 1);
                app = slash < 0 || (colon >= 0 && colon < slash) ? next.substring(0, p) : next.substring(0, slash);
            }
            return u.getScheme() + "://" + Hosts.forUrl(u.getHost()) + ":" + port + "/" + app;
        }
    }
}
