package kz.clinicai.shared.infoclinica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TlsContextsTest {

    @Test
    void aMatchingPairIsDescribedWithoutItsKey() throws Exception {
        TestPki pki = new TestPki();
        TlsContexts.CertificateInfo info = TlsContexts.inspectPair(pki.clientCertificatePem(), pki.clientKeyPem(),
                pki.caPem());
        assertThat(info.subject()).contains("CN=");
        assertThat(info.notAfter()).isAfter(Instant.now());
        assertThat(info.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        TestPki one = new TestPki();
        TestPki other = new TestPki();
        assertThatThrownBy(() -> TlsContexts.inspectPair(one.clientCertificatePem(), other.clientKeyPem(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
    }

    @Test
    void textThatIsNotPemIsRefusedSayingWhichPart() throws Exception {
        TestPki pki = new TestPki();
        assertThatThrownBy(() -> TlsContexts.inspectPair("hello", pki.clientKeyPem(), null))
                .hasMessageContaining("client certificate");
        assertThatThrownBy(() -> TlsContexts.inspectPair(pki.clientCertificatePem(), "-----BEGIN RSA PRIVATE KEY-----",
                null)).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> TlsContexts.inspectPair(pki.clientCertificatePem(), pki.clientKeyPem(), "nope"))
                .hasMessageContaining("CA certificate");
    }
}
