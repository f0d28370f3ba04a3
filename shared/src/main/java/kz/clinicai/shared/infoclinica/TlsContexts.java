package kz.clinicai.shared.infoclinica;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the mutual-TLS context for a clinic's InfoClinica from PEM text (certificate chain, PKCS#8 key, CA). */
public final class TlsContexts {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsContexts() {
    }

    /**
     * @param caPem the CA that signed InfoClinica's server certificate; null trusts the JDK's default CAs
     * @throws IllegalArgumentException when the PEM text is not a certificate / an unencrypted PKCS#8 key
     */
    public static SSLContext fromPem(String certificatePem, String privateKeyPem, String caPem) {
        try {
            List<Certificate> chain = certificates(certificatePem, "client certificate");
            PrivateKey key = privateKey(privateKeyPem);
            char[] password = randomPassword();
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);

            TrustManagerFactory tmf = null;
            if (caPem != null && !caPem.isBlank()) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (Certificate ca : certificates(caPem, "CA certificate")) {
                    trust.setCertificateEntry("ca-" + i++, ca);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("Cannot build the InfoClinica TLS context: " + e.getMessage(), e);
        }
    }

    /** What the console shows of a stored certificate (never the key): subject, issuer, validity, fingerprint. */
    public record CertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter,
                                  String sha256Fingerprint) {
        public boolean expiredAt(Instant now) {
            return now.isAfter(notAfter);
        }
    }

    /**
     * Checks that the PEM text is a usable pair before it is stored: the certificate (chain) parses, the key is
     * unencrypted PKCS#8, the key belongs to the first certificate (a signature made with the key verifies with
     * the certificate's public key), and the CA, when given, parses.
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static CertificateInfo inspectPair(String certificatePem, String privateKeyPem, String caPem) {
        try {
            List<Certificate> chain = certificates(certificatePem, "client certificate");
            PrivateKey key = privateKey(privateKeyPem);
            if (caPem != null && !caPem.isBlank()) {
                certificates(caPem, "CA certificate");
            }
            X509Certificate leaf = (X509Certificate) chain.get(0);
            if (!matches(key, leaf)) {
                throw new IllegalArgumentException("The private key does not belong to the certificate");
            }
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
            return new CertificateInfo(leaf.getSubjectX500Principal().getName(),
                    leaf.getIssuerX500Principal().getName(), leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant(), java.util.HexFormat.ofDelimiter(":").withUpperCase()
                            .formatHex(digest));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The certificate or key cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean matches(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())
                && !(key.getAlgorithm().startsWith("Ed") && cert.getPublicKey().getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(cert.getPublicKey());
        verifier.update(challenge);
        return verifier.verify(signature);
    }

    private static List<Certificate> certificates(String pem, String what) throws GeneralSecurityException {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("The " + what + " is not PEM text");
        }
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " PEM holds no certificate");
        }
        return List.copyOf(certs);
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher m = PKCS8.matcher(pem == null ? "" : pem);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    "The private key must be unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY); convert with openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }
}
