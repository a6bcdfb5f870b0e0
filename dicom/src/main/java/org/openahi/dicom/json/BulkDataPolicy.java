package org.openahi.dicom.json;

import org.openahi.dicom.Element;

/**
 * Chooses between {@code BulkDataURI} and {@code InlineBinary} for the OB, OD, OF, OL, OV, OW and UN values of a
 * DICOM JSON document (PS3.18 §F.2.7). Encapsulated Pixel Data has no inline form: without a URI only its VR is
 * written.
 */
@FunctionalInterface
public interface BulkDataPolicy {

    /**
     * The URI the value is retrieved from, or {@code null} to write it inline.
     *
     * @param tagPath where the element is, e.g. {@code 7FE00010} or {@code 00540016/0/00181242} (item numbers
     *     from 0), as the path segment of a DICOMweb bulk data URI
     */
    String uri(String tagPath, Element element);

    /** Every value inline (encapsulated pixel data left without value). */
    static BulkDataPolicy inline() {
        return (path, element) -> null;
    }

    /** Values longer than {@code threshold} bytes, and all not in memory, by URI {@code base + tagPath}. */
    static BulkDataPolicy uriAbove(long threshold, String base) {
        return (path, element) -> element.length() > threshold || !element.inMemory() ? base + path : null;
    }
}
