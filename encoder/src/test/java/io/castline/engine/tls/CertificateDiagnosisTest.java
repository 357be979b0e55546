package io.castline.engine.tls;

import io.castline.testing.TestCertificates;
import io.castline.testing.TestWorkdir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The words for a refused chain, on certificates made by openssl: names as OpenSSL matches them (no partial wildcards). */
class CertificateDiagnosisTest {
    private static TestCertificates ca;
    private static List<X509Certificate> anchors;

    @BeforeAll
    static void makeCa() throws Exception {
        ca = TestCertificates.newCa(TestWorkdir.fresh("diagnosis").resolve("ca"), "Diagnosis CA");
        anchors = Pem.read(ca.caCertificate());
    }

    private static X509Certificate cert(TestCertificates.KeyPair p) throws Exception {
        return Pem.read(p.certificate()).get(0);
    }

    @Test
    void wildcardsCoverOneLabelOnly() throws Exception {
        X509Certificate wild = cert(ca.issue("wild", "DNS:*.example.com"));
        assertThat(CertificateDiagnosis.matches(wild, "live.example.com")).isTrue();
        assertThat(CertificateDiagnosis.matches(wild, "LIVE.Example.com.")).isTrue();
        assertThat(CertificateDiagnosis.matches(wild, "example.com")).isFalse();
        assertThat(CertificateDiagnosis.matches(wild, "a.live.example.com")).isFalse();
        assertThat(CertificateDiagnosis.explain(List.of(wild), anchors, "the CA file", "a.live.example.com"))
                .isEqualTo("certificate for *.example.com does not match a.live.example.com");
    }

    @Test
    void addressesMatchOnlyIpNamesAndNamesFallBackToTheCnOnlyWithoutDnsNames() throws Exception {
        X509Certificate ip = cert(ca.issue("10.0.0.5", "IP:10.0.0.5"));
        assertThat(CertificateDiagnosis.matches(ip, "10.0.0.5")).isTrue();
        assertThat(CertificateDiagnosis.matches(ip, "10.0.0.6")).isFalse();
        X509Certificate cnOnly = cert(ca.issue("ingest.example.org"));
        assertThat(CertificateDiagnosis.matches(cnOnly, "ingest.example.org")).isTrue();
        assertThat(CertificateDiagnosis.hostNames(cnOnly)).containsExactly("ingest.example.org");
        X509Certificate v6 = cert(ca.issue("v6", "IP:::1"));
        assertThat(CertificateDiagnosis.matches(v6, "[::1]")).isTrue();
        assertThat(CertificateDiagnosis.explain(List.of(v6), anchors, "the CA file", "127.0.0.1"))
                .isEqualTo("certificate for 0:0:0:0:0:0:0:1 does not match 127.0.0.1");
    }

    @Test
    void aTrustedValidMatchingChainHasNothingToSay() throws Exception {
        X509Certificate ok = cert(ca.issue("ok", "DNS:ok.example"));
        assertThat(CertificateDiagnosis.explain(List.of(ok), anchors, "the CA file", "ok.example")).isNull();
        assertThat(CertificateDiagnosis.explain(List.of(ok), List.of(), "the system's trusted roots", "ok.example"))
                .isEqualTo("certificate is not trusted: issued by CN=Diagnosis CA, which is not in the system's trusted roots");
    }

    @Test
    void aPinNamesBothFingerprints() throws Exception {
        Path dir = TestWorkdir.fresh("diagnosis/pin");
        X509Certificate self = cert(TestCertificates.selfSigned(dir, "box"));
        X509Certificate issued = cert(ca.issue("issued", "DNS:issued.example"));
        assertThat(CertificateDiagnosis.explainPin(List.of(self), Pem.fingerprint(self))).isNull();
        assertThat(CertificateDiagnosis.explainPin(List.of(self), Pem.fingerprint(issued)))
                .isEqualTo("certificate is not the trusted one: its SHA-256 fingerprint is " + Pem.fingerprint(self)
                        + ", not " + Pem.fingerprint(issued) + " (CN=box)");
        assertThat(CertificateDiagnosis.explainPin(List.of(issued), Pem.fingerprint(issued)))
                .startsWith("the pinned certificate is issued by CN=Diagnosis CA: a fingerprint can only trust a self-signed");
    }
}
