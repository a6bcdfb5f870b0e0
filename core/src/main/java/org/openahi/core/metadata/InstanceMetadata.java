package org.openahi.core.metadata;

/**
 * One instance's part of an image set's metadata document, as JSON object texts: the attributes of its
 * Patient, Study and Series levels (merged into the image set's levels), and its entry under
 * {@code Study.Series[series].Instances[sopInstanceUid]}.
 */
public record InstanceMetadata(
        String sopInstanceUid,
        String seriesInstanceUid,
        byte[] patient,
        byte[] study,
        byte[] series,
        byte[] instance) {}
