package org.openahi.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * DICOM TLS as the BCP 195 secure transport connection profile (PS3.15 B.9, non-downgrading): TLS 1.2 or 1.3 only,
 * and for TLS 1.2 only the ECDHE and DHE suites with AES-GCM that RFC 7525 recommends. The key and certificate chain
 * are PEM files (PKCS#8 key, RSA or EC); with trusted certificates configured, peers must present a certificate
 * signed by one of them.
 */
final class TlsContext {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String[] CIPHER_SUITES = {
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"
    };
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final SSLContext context;
    private final boolean clientAuthentication;

    private TlsContext(SSLContext context, boolean clientAuthentication) {
        this.context = context;
        this.clientAuthentication = clientAuthentication;
    }

    static TlsContext load(DimseSettings.Tls tls) {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<Certificate> chain = certificates(tls.certificate());
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(tls.certificate() + " holds no PEM certificate");
            }
            keys.setKeyEntry("openahi", privateKey(tls.key()), password, chain.toArray(Certificate[]::new));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            TrustManagerFactory trustManagers = null;
            if (tls.trustedCertificates().isPresent()) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int n = 0;
                for (Certificate certificate :
                        certificates(tls.trustedCertificates().get())) {
                    trusted.setCertificateEntry("trusted-" + n++, certificate);
                }
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trusted);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(),
                    null);
            return new TlsContext(context, trustManagers != null);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("DICOM TLS: cannot load the key and certificates: " + e.getMessage(), e);
        }
    }

    /** A TLS server socket restricted to the profile. */
    SSLServerSocket configure(SSLServerSocket socket) {
        socket.setSSLParameters(parameters());
        return socket;
    }

    SSLContext context() {
        return context;
    }

    private SSLParameters parameters() {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        List<String> supported = List.of(context.getSupportedSSLParameters().getCipherSuites());
        parameters.setCipherSuites(
                List.of(CIPHER_SUITES).stream().filter(supported::contains).toArray(String[]::new));
        parameters.setNeedClientAuth(clientAuthentication);
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Pem block : pem(file)) {
            if (block.type().equals("PRIVATE KEY")) {
                PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(block.der());
                for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                    } catch (GeneralSecurityException notThisAlgorithm) {
                        // try the next
                    }
                }
                throw new IllegalArgumentException(file + ": the private key is neither RSA, EC nor Ed25519");
            }
            if (block.type().endsWith("PRIVATE KEY")) {
                throw new IllegalArgumentException(file + " holds a " + block.type() + "; convert it to PKCS#8 with "
                        + "`openssl pkcs8 -topk8 -nocrypt`");
            }
        }
        throw new IllegalArgumentException(file + " holds no PEM private key");
    }

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        for (Pem block : pem(file)) {
            if (block.type().equals("CERTIFICATE")) {
                certificates.add(factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        }
        return certificates;
    }

    private record Pem(String type, byte[] der) {}

    private static List<Pem> pem(Path file) throws IOException {
        Matcher matcher = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        List<Pem> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(new Pem(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
        }
        return blocks;
    }
}
