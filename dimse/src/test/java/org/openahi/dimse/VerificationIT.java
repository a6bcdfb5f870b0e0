package org.openahi.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openahi.dimse.ul.DimseObserver;
import org.openahi.testing.Oracles;

/**
 * C-ECHO with DCMTK's echoscu, and the association rules that decide before any service: the called AE title names a
 * data store (by name or by mapping), the calling AE title may be restricted, and associations beyond the limit are
 * rejected.
 */
class VerificationIT {

    @TempDir
    Path directory;

    @Test
    void echoscuIsAnsweredForADataStoreNamedByTheCalledAeTitle() throws Exception {
        String echoscu = Oracles.require("echoscu");
        try (TestArchive archive = TestArchive.start(directory)) {
            archive.createDatastore("ARCHIVE");
            Oracles.Result result = Oracles.run(
                    echoscu, "-v", "-aet", "SCANNER", "-aec", "ARCHIVE", "127.0.0.1", Integer.toString(archive.port()));
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).contains("Received Echo Response (Success)");
        }
    }

    @Test
    void anUnknownCalledAeTitleIsRejectedInNegotiation() throws Exception {
        String echoscu = Oracles.require("echoscu");
        try (TestArchive archive = TestArchive.start(directory)) {
            archive.createDatastore("ARCHIVE");
            Oracles.Result result =
                    Oracles.run(echoscu, "-v", "-aec", "NOBODY", "127.0.0.1", Integer.toString(archive.port()));
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.stderr()).contains("Association Rejected").contains("Called AE Title Not Recognized");
        }
    }

    @Test
    void aMappedAeTitleAndAnAllowListOfCallingAeTitles() throws Exception {
        String echoscu = Oracles.require("echoscu");
        Path data = directory.resolve("data");
        java.nio.file.Files.createDirectories(data);
        String datastoreId;
        try (TestArchive archive = TestArchive.start(data)) {
            datastoreId = archive.createDatastore("a name that is no AE title");
        }
        DimseSettings settings =
                TestArchive.settings(directory).withLimits(Set.of("SCANNER"), Map.of("CT_ARCHIVE", datastoreId), 32);
        try (TestArchive archive = TestArchive.start(data, settings, DimseObserver.NONE)) {
            String port = Integer.toString(archive.port());
            Oracles.Result allowed = Oracles.run(echoscu, "-aet", "SCANNER", "-aec", "CT_ARCHIVE", "127.0.0.1", port);
            assertThat(allowed.exitCode()).as(allowed.stderr()).isZero();
            Oracles.Result refused = Oracles.run(echoscu, "-aet", "INTRUDER", "-aec", "CT_ARCHIVE", "127.0.0.1", port);
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("Calling AE Title Not Recognized");
        }
    }
}
