package kz.clinicai.local.sandbox.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for sandbox TLS: it issues a server certificate for 127.0.0.1/localhost and
 * client certificates, all valid for a day, so nothing here is ever trusted outside one sandbox run.
 */
public final class SandboxPki {

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private static final char[] STORE_PASSWORD = "sandbox".toCharArray();
    private static final Duration VALIDITY = Duration.ofDays(1);

    private final Issued ca;
    private final AtomicLong serial = new AtomicLong(1);

    private SandboxPki(Issued ca) {
        this.ca = ca;
    }

    public static SandboxPki create(String commonName) {
        KeyPair pair = rsa();
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new SandboxPki(new Issued(sign(builder, pair.getPrivate()), pair.getPrivate()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot build CA certificate", e);
        }
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** A server certificate whose subject alternative names are 127.0.0.1 and localhost. */
    public Issued issueServer(String commonName) {
        GeneralNames sans = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        return issue(commonName, KeyPurposeId.id_kp_serverAuth, sans);
    }

    public Issued issueClient(String commonName) {
        Instant now = Instant.now();
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, null, now.minus(Duration.ofMinutes(5)),
                now.plus(VALIDITY));
    }

    /**
     * A client certificate of this CA valid only from {@code notBefore} to {@code notAfter}: an expired one (both in
     * the past) is what a clinic uploads when it forgot to renew, and the simulator must refuse it in the handshake.
     */
    public Issued issueClient(String commonName, Instant notBefore, Instant notAfter) {
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, null, notBefore, notAfter);
    }

    private Issued issue(String commonName, KeyPurposeId purpose, GeneralNames sans) {
        Instant now = Instant.now();
        return issue(commonName, purpose, sans, now.minus(Duration.ofMinutes(5)), now.plus(VALIDITY));
    }

    private Issued issue(String commonName, KeyPurposeId purpose, GeneralNames sans, Instant notBefore,
                         Instant notAfter) {
        KeyPair pair = rsa();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(),
                    BigInteger.valueOf(serial.incrementAndGet()), Date.from(notBefore),
                    Date.from(notAfter), new X500Name("CN=" + commonName), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return new Issued(sign(builder, ca.key()), pair.getPrivate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot build certificate for " + commonName, e);
        }
    }

    /** TLS context presenting {@code identity} and trusting only this CA; the server side decides on client auth. */
    public SSLContext context(Issued identity) {
        return context(identity.certificate(), identity.key(), ca.certificate());
    }

    /** TLS context from PEM files (what a client of the sandbox is configured with). */
    public static SSLContext contextFromPem(Path certPem, Path keyPem, Path caPem) throws IOException {
        return context(Pem.readCertificate(certPem), Pem.readPrivateKey(keyPem, "RSA"), Pem.readCertificate(caPem));
    }

    /** TLS context that trusts {@code caPem} and presents no certificate. */
    public static SSLContext trustOnly(Path caPem) throws IOException {
        X509Certificate caCert = Pem.readCertificate(caPem);
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trustManagers(caCert).getTrustManagers(), new SecureRandom());
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build TLS context", e);
        }
    }

    private static SSLContext context(X509Certificate cert, PrivateKey key, X509Certificate caCert) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("identity", key, STORE_PASSWORD, new Certificate[] {cert, caCert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), trustManagers(caCert).getTrustManagers(), new SecureRandom());
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build TLS context", e);
        }
    }

    private static TrustManagerFactory trustManagers(X509Certificate caCert) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf;
    }

    /** Writes the certificate and its PKCS#8 key as PEM files. */
    public static void write(Issued issued, Path certFile, Path keyFile) throws IOException {
        Files.writeString(certFile, Pem.certificate(issued.certificate()));
        Files.writeString(keyFile, Pem.privateKey(issued.key()));
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign certificate", e);
        }
    }
}
