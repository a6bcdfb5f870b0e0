package org.openahi.dimse.ul;

import java.time.Duration;

/**
 * Limits and timers of one association.
 *
 * @param maxPduLength the longest P-DATA-TF PDU openahi receives (announced as its Maximum Length) and sends when
 *     the peer announces no limit
 * @param maxAssociateLength the longest A-ASSOCIATE-RQ or -AC PDU read
 * @param maxCommandBytes the largest command set read
 * @param maxDataInMemory the largest data set read into memory (C-FIND identifiers, N-ACTION information)
 * @param artim the ARTIM timer (PS3.8 §9.1.5): how long the acceptor waits for an A-ASSOCIATE-RQ, a requestor for
 *     its answer, and either side for the transport to close after a release, a rejection or an abort
 * @param idleTimeout how long an established association may stay without a PDU arriving
 * @param readTimeout how long the rest of a PDU may take to arrive once its first byte has, and how long a PDU may
 *     take to leave (a peer that stops reading)
 * @param maxOperations operations openahi performs at once for the peer (its asynchronous operations window)
 */
public record AssociationSettings(
        int maxPduLength,
        int maxAssociateLength,
        int maxCommandBytes,
        long maxDataInMemory,
        Duration artim,
        Duration idleTimeout,
        Duration readTimeout,
        int maxOperations) {

    /** Implementation Class UID and Version Name openahi announces (those of its Part 10 writer). */
    public static final String IMPLEMENTATION_CLASS_UID = org.openahi.dicom.io.DicomWriter.IMPLEMENTATION_CLASS_UID;

    public static final String IMPLEMENTATION_VERSION_NAME =
            org.openahi.dicom.io.DicomWriter.IMPLEMENTATION_VERSION_NAME;

    public AssociationSettings {
        if (maxPduLength < 4096 || maxOperations < 1) {
            throw new IllegalArgumentException("maxPduLength must be at least 4096 and maxOperations at least 1");
        }
    }

    /** 256 KiB PDUs, 30 s ARTIM and read timeout, 5 minutes idle, 8 operations at once. */
    public static AssociationSettings defaults() {
        return new AssociationSettings(
                256 * 1024,
                1024 * 1024,
                64 * 1024,
                16L * 1024 * 1024,
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                8);
    }

    public AssociationSettings withTimeouts(Duration newArtim, Duration newIdle, Duration newRead) {
        return new AssociationSettings(
                maxPduLength,
                maxAssociateLength,
                maxCommandBytes,
                maxDataInMemory,
                newArtim,
                newIdle,
                newRead,
                maxOperations);
    }
}
