package org.openahi.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The member names of AHI's metadata document, in one place, and the one way to reach its series:
 * <pre>{"Patient":{"DICOM":{..}},"Study":{"DICOM":{..},"Series":{"&lt;uid&gt;":{"DICOM":{..},
 *  "Instances":{"&lt;sop uid&gt;":{"DICOM":{..},"ImageFrames":[..]}}}}}}</pre>
 * The streaming writers and readers name the members with these constants; code holding the document as a tree
 * walks it with {@link #allSeries}.
 */
public final class DocumentFields {
    public static final String PATIENT = "Patient";
    public static final String STUDY = "Study";
    public static final String SERIES = "Series";
    public static final String INSTANCES = "Instances";
    public static final String IMAGE_FRAMES = "ImageFrames";

    private DocumentFields() {}

    /** The document's (or an edit's) series, by Series Instance UID; a missing node when it has none. */
    public static JsonNode allSeries(JsonNode document) {
        return document.path(STUDY).path(SERIES);
    }
}
