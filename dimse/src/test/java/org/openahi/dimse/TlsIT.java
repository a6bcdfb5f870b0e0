package org.openahi.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.testing.Oracles;
import org.openahi.testing.SharedCorpus;

/**
 * DICOM TLS on its own port with DCMTK's echoscu and storescu in their default BCP 195 non-downgrading profile: with a
 * server certificate only, and with client certificates required from a trusted list.
 */
class TlsIT {

    @TempDir
    Path directory;

    /** A self-signed certificate and its PKCS#8 key, as OpenSSL 3 writes them. */
    private record KeyPair(Path key, Path certificate) {}

    private KeyPair selfSigned(String name) {
        String openssl = Oracles.require("openssl");
        Path key = directory.resolve(name + "-key.pem");
        Path certificate = directory.resolve(name + "-cert.pem");
        Oracles.runOk(
                openssl,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=" + name,
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString());
        return new KeyPair(key, certificate);
    }

    @Test
    void echoAndStoreOverTlsWithAServerCertificate() throws Exception {
        String echoscu = Oracles.require("echoscu");
        KeyPair server = selfSigned("openahi");
        DimseSettings settings = TestArchive.settings(directory)
                .withTls(new DimseSettings.Tls(0, server.key(), server.certificate(), Optional.empty()));
        try (TestArchive archive = TestArchive.start(directory, settings, DimseObserver.NONE)) {
            archive.createDatastore("ARCHIVE");
            String port = Integer.toString(archive.server.tlsPort().orElseThrow());
            Oracles.Result echo = Oracles.run(
                    echoscu,
                    "-v",
                    "+tla",
                    "+cf",
                    server.certificate().toString(),
                    "-aec",
                    "ARCHIVE",
                    "127.0.0.1",
                    port);
            assertThat(echo.exitCode()).as(echo.stderr()).isZero();
            assertThat(echo.stderr()).contains("Received Echo Response (Success)");
            Oracles.Result store = Oracles.run(
                    Oracles.require("storescu"),
                    "-v",
                    "+tla",
                    "+cf",
                    server.certificate().toString(),
                    "-aec",
                    "ARCHIVE",
                    "127.0.0.1",
                    port,
                    SharedCorpus.dicom("pydicom/test_files/CT_small.dcm").toString());
            assertThat(store.exitCode()).as(store.stderr()).isZero();
            assertThat(store.stderr()).contains("Received Store Response (Success)");
            Oracles.Result plain = Oracles.run(echoscu, "-aec", "ARCHIVE", "127.0.0.1", port);
            assertThat(plain.exitCode()).as("plain TCP on the TLS port").isNotZero();
        }
    }

    @Test
    void withTrustedCertificatesAPeerWithoutOneIsRefused() throws Exception {
        String echoscu = Oracles.require("echoscu");
        KeyPair server = selfSigned("openahi");
        KeyPair client = selfSigned("scanner");
        DimseSettings settings = TestArchive.settings(directory)
                .withTls(new DimseSettings.Tls(
                        0, server.key(), server.certificate(), Optional.of(client.certificate())));
        try (TestArchive archive = TestArchive.start(directory, settings, DimseObserver.NONE)) {
            archive.createDatastore("ARCHIVE");
            String port = Integer.toString(archive.server.tlsPort().orElseThrow());
            Oracles.Result trusted = Oracles.run(
                    echoscu,
                    "-v",
                    "+tls",
                    client.key().toString(),
                    client.certificate().toString(),
                    "+cf",
                    server.certificate().toString(),
                    "-aec",
                    "ARCHIVE",
                    "127.0.0.1",
                    port);
            assertThat(trusted.exitCode()).as(trusted.stderr()).isZero();
            Oracles.Result anonymous = Oracles.run(
                    echoscu, "+tla", "+cf", server.certificate().toString(), "-aec", "ARCHIVE", "127.0.0.1", port);
            assertThat(anonymous.exitCode()).isNotZero();
            assertThat(anonymous.stderr()).doesNotContain("Echo Response");
        }
    }
}
