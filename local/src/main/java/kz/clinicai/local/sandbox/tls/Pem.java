package kz.clinicai.local.sandbox.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM text for certificates and keys (PKCS#8 private keys, X.509 SubjectPublicKeyInfo public keys), JDK only. */
public final class Pem {

    private Pem() {
    }

    public static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    public static String certificate(X509Certificate cert) {
        try {
            return encode("CERTIFICATE", cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    public static String privateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    public static String publicKey(PublicKey key) {
        return encode("PUBLIC KEY", key.getEncoded());
    }

    /** The DER bytes of the first block labelled {@code label}. */
    public static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + label + " block in PEM text");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        return parseCertificate(Files.readString(file));
    }

    public static X509Certificate parseCertificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(decode(pem, "CERTIFICATE")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    /** A PKCS#8 key ("BEGIN PRIVATE KEY"); the algorithm is RSA or EC. */
    public static PrivateKey readPrivateKey(Path file, String algorithm) throws IOException {
        return parsePrivateKey(Files.readString(file), algorithm);
    }

    public static PrivateKey parsePrivateKey(String pem, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(decode(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 " + algorithm + " key", e);
        }
    }

    public static PublicKey parsePublicKey(String pem, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(decode(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 " + algorithm + " public key", e);
        }
    }
}
