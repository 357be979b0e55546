package io.castline.engine.tls;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Why a server certificate is refused, in words a host can act on. OpenSSL (inside FFmpeg) makes
 * the decision and only says "certificate verify failed"; this reads the chain the server presents
 * and names the first problem, in the order OpenSSL meets them: not trusted, then out of its
 * validity dates, then issued for another name.
 */
final class CertificateDiagnosis {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private CertificateDiagnosis() {}

    /**
     * @param chain     what the server presented, leaf first
     * @param anchors   the certificates trusted for this destination
     * @param trustedIn where those come from, in words ("the system's trusted roots", "the CA file …")
     * @param host      the host the connection is for
     * @return the reason, or null when the chain passes every check made here
     */
    static String explain(List<X509Certificate> chain, List<X509Certificate> anchors, String trustedIn, String host) {
        X509Certificate leaf = chain.get(0);
        List<X509Certificate> path = trustedPath(chain, anchors, dateWithin(leaf));
        if (path == null) {
            if (selfSigned(leaf)) {
                return "certificate is self-signed and not trusted (" + name(leaf.getSubjectX500Principal())
                        + ", SHA-256 fingerprint " + Pem.fingerprint(leaf) + ")";
            }
            return "certificate is not trusted: issued by " + name(leaf.getIssuerX500Principal())
                    + ", which is not in " + trustedIn;
        }
        Date now = new Date();
        for (X509Certificate c : path) {
            String who = c == leaf ? "certificate" : "the issuing certificate " + name(c.getSubjectX500Principal());
            if (now.after(c.getNotAfter())) return who + " expired on " + day(c.getNotAfter());
            if (now.before(c.getNotBefore())) return who + " is not valid before " + day(c.getNotBefore());
        }
        if (!matches(leaf, host)) return "certificate for " + names(leaf) + " does not match " + Hosts.bare(host);
        return null;
    }

    /** Why a pinned certificate is refused, or null when the leaf is the pinned, self-signed one. */
    static String explainPin(List<X509Certificate> chain, String fingerprint) {
        X509Certificate leaf = chain.get(0);
        String actual = Pem.fingerprint(leaf);
        if (!actual.equals(fingerprint)) {
            return "certificate is not the trusted one: its SHA-256 fingerprint is " + actual + ", not " + fingerprint
                    + " (" + name(leaf.getSubjectX500Principal()) + ")";
        }
        if (!selfSigned(leaf)) {
            return "the pinned certificate is issued by " + name(leaf.getIssuerX500Principal())
                    + ": a fingerprint can only trust a self-signed certificate; trust its CA file instead";
        }
        Date now = new Date();
        if (now.after(leaf.getNotAfter())) return "the pinned certificate expired on " + day(leaf.getNotAfter());
        if (now.before(leaf.getNotBefore())) return "the pinned certificate is not valid before " + day(leaf.getNotBefore());
        return null;
    }

    /** The names a certificate is for: its DNS and IP subject alternative names, else its CN. */
    static List<String> hostNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        for (List<?> san : sans(cert)) {
            int type = (Integer) san.get(0);
            if (type == 2 || type == 7) names.add(String.valueOf(san.get(1)));
        }
        if (names.isEmpty()) {
            String cn = commonName(cert.getSubjectX500Principal());
            if (cn != null) names.add(cn);
        }
        return names;
    }

    static boolean selfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) return false;
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The path from the leaf to a trusted anchor, checked at {@code date}; null when there is none. */
    private static List<X509Certificate> trustedPath(List<X509Certificate> chain, List<X509Certificate> anchors, Date date) {
        X509Certificate leaf = chain.get(0);
        for (X509Certificate a : anchors) {
            if (a.equals(leaf)) return List.of(leaf); // the server's own certificate is trusted as it is
        }
        try {
            Set<TrustAnchor> trust = new HashSet<>();
            for (X509Certificate a : anchors) trust.add(new TrustAnchor(a, null));
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trust, target);
            params.setRevocationEnabled(false);
            params.setDate(date);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            PKIXCertPathBuilderResult r = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            r.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            return path;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Now if the leaf is valid now, else a moment inside its validity: trust is told apart from dates. */
    private static Date dateWithin(X509Certificate leaf) {
        long now = System.currentTimeMillis();
        long from = leaf.getNotBefore().getTime();
        long to = leaf.getNotAfter().getTime();
        if (now > to) return new Date(to - 1000);
        if (now < from) return new Date(from + 1000);
        return new Date(now);
    }

    /** RFC 6125 as OpenSSL applies it (no partial wildcards): IP SANs for an address; DNS SANs, else the CN, for a name. */
    static boolean matches(X509Certificate cert, String host) {
        String h = Hosts.bare(host);
        if (Hosts.isIpLiteral(h)) {
            InetAddress want = address(h);
            for (List<?> san : sans(cert)) {
                if ((Integer) san.get(0) == 7 && want != null && want.equals(address(String.valueOf(san.get(1))))) return true;
            }
            return false;
        }
        List<String> dns = new ArrayList<>();
        for (List<?> san : sans(cert)) if ((Integer) san.get(0) == 2) dns.add(String.valueOf(san.get(1)));
        if (dns.isEmpty()) {
            String cn = commonName(cert.getSubjectX500Principal());
            if (cn != null) dns.add(cn);
        }
        for (String pattern : dns) if (dnsMatches(pattern, h)) return true;
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) p = p.substring(0, p.length() - 1);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (!p.startsWith("*.")) return p.equals(h);
        int dot = h.indexOf('.');
        return dot > 0 && p.substring(1).equals(h.substring(dot)) && p.indexOf('.', 2) > 0;
    }

    private static InetAddress address(String literal) {
        try {
            return Hosts.isIpLiteral(literal) ? InetAddress.getByName(Hosts.bare(literal)) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Collection<List<?>> sans(X509Certificate cert) {
        try {
            Collection<List<?>> s = cert.getSubjectAlternativeNames();
            return s == null ? List.of() : s;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** "evil.example", "a.example, b.example and 2 more", or the subject when it names no host. */
    private static String names(X509Certificate cert) {
        List<String> n = hostNames(cert);
        if (n.isEmpty()) return name(cert.getSubjectX500Principal());
        if (n.size() <= 3) return String.join(", ", n);
        return String.join(", ", n.subList(0, 3)) + " and " + (n.size() - 3) + " more";
    }

    /** "CN=Castline Test CA" (the CN when there is one, else the whole name). */
    private static String name(X500Principal principal) {
        String cn = commonName(principal);
        return cn != null ? "CN=" + cn : principal.getName(X500Principal.RFC2253);
    }

    private static String commonName(X500Principal principal) {
        try {
            for (Rdn rdn : new LdapName(principal.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return String.valueOf(rdn.getValue());
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    private static String day(Date date) {
        return DAY.format(date.toInstant().atOffset(ZoneOffset.UTC));
    }
}
