package org.openahi.core.imageset;

import java.util.List;

/**
 * What QIDO-RS matches and returns of an image set beyond its {@link ImageSetSummary}, taken from its latest
 * metadata document. Numbers are null when the document has none or one that is not an integer.
 */
public record DicomWebIndex(
        String referringPhysicianName, String seriesDescription, Long seriesNumber, List<Instance> instances) {

    public DicomWebIndex {
        instances = List.copyOf(instances);
    }

    /** One instance of the image set. */
    public record Instance(
            String seriesInstanceUid,
            String sopInstanceUid,
            String sopClassUid,
            Long instanceNumber,
            Long numberOfFrames,
            Integer rows,
            Integer columns) {}
}
