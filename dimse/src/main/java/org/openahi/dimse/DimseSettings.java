package org.openahi.dimse;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openahi.dimse.ul.AssociationSettings;

/**
 * How openahi answers the DICOM network protocol.
 *
 * @param bind the address the listeners bind to
 * @param port the plain TCP listener's port (0 picks a free one)
 * @param tls the DICOM TLS listener, when configured
 * @param callingAeTitles the calling AE titles accepted; empty accepts any
 * @param aeTitles called AE titles naming a data store by id; other called AE titles name the ACTIVE data store of
 *     that name
 * @param destinations where C-MOVE sends instances and Storage Commitment results go on a new association, by AE
 *     title
 * @param maxAssociations associations served at once; more are rejected (A-ASSOCIATE-RJ, local limit exceeded)
 * @param association the limits and timers of each association
 * @param spoolDirectory where C-STORE data sets are written as they arrive; files left there by a process that was
 *     killed are removed at start, so it must be this server's own
 */
public record DimseSettings(
        String bind,
        int port,
        Optional<Tls> tls,
        Set<String> callingAeTitles,
        Map<String, String> aeTitles,
        Map<String, Destination> destinations,
        int maxAssociations,
        AssociationSettings association,
        Path spoolDirectory) {

    public DimseSettings {
        callingAeTitles = Set.copyOf(callingAeTitles);
        aeTitles = Map.copyOf(aeTitles);
        destinations = Map.copyOf(destinations);
    }

    /** Loopback on a free port, any calling AE, data stores by name, 32 associations, default timers. */
    public static DimseSettings local(Path spoolDirectory) {
        return new DimseSettings(
                "127.0.0.1",
                0,
                Optional.empty(),
                Set.of(),
                Map.of(),
                Map.of(),
                32,
                AssociationSettings.defaults(),
                spoolDirectory);
    }

    public DimseSettings withDestinations(Map<String, Destination> newDestinations) {
        return new DimseSettings(
                bind,
                port,
                tls,
                callingAeTitles,
                aeTitles,
                newDestinations,
                maxAssociations,
                association,
                spoolDirectory);
    }

    public DimseSettings withAssociation(AssociationSettings newAssociation) {
        return new DimseSettings(
                bind,
                port,
                tls,
                callingAeTitles,
                aeTitles,
                destinations,
                maxAssociations,
                newAssociation,
                spoolDirectory);
    }

    public DimseSettings withLimits(Set<String> newCallingAeTitles, Map<String, String> newAeTitles, int newMax) {
        return new DimseSettings(
                bind, port, tls, newCallingAeTitles, newAeTitles, destinations, newMax, association, spoolDirectory);
    }

    public DimseSettings withTls(Tls newTls) {
        return new DimseSettings(
                bind,
                port,
                Optional.of(newTls),
                callingAeTitles,
                aeTitles,
                destinations,
                maxAssociations,
                association,
                spoolDirectory);
    }

    /**
     * The TLS listener: its port, PEM private key (PKCS#8) and certificate chain, and optionally the PEM certificates
     * peers' certificates must be signed by (then a peer without one is refused).
     */
    public record Tls(int port, Path key, Path certificate, Optional<Path> trustedCertificates) {}

    /** A peer openahi opens associations to. */
    public record Destination(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
