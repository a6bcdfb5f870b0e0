package org.openahi.core.imageset;

import java.util.List;

/** What a QIDO-RS search finds at each level, read from the image set rows and their instance rows. */
public sealed interface QidoRow {

    /** A study: its attributes as its image sets hold them, and what it contains. */
    record Study(
            String studyInstanceUid,
            String studyDate,
            String studyTime,
            String accessionNumber,
            List<String> modalities,
            String referringPhysicianName,
            String patientName,
            String patientId,
            String patientBirthDate,
            String patientSex,
            String studyId,
            String studyDescription,
            int seriesCount,
            int instanceCount)
            implements QidoRow {
        public Study {
            modalities = List.copyOf(modalities);
        }
    }

    record Series(
            String studyInstanceUid,
            String seriesInstanceUid,
            String modality,
            String seriesDescription,
            String seriesNumber,
            int instanceCount)
            implements QidoRow {}

    record Instance(
            String studyInstanceUid,
            String seriesInstanceUid,
            String modality,
            String sopInstanceUid,
            String sopClassUid,
            Long instanceNumber,
            Long numberOfFrames,
            Integer rows,
            Integer columns)
            implements QidoRow {}
}
