package org.openahi.server.dicomweb;

/**
 * The URLs of a data store's DICOMweb resources ({@code RetrieveURL}, bulk data URIs), built in one place. Study,
 * Series and SOP Instance UIDs hold only digits and dots (refused otherwise when stored: {@code InstanceUids}), so
 * each is one path segment as it is.
 *
 * @param root the data store's DICOMweb root as the client addressed it, {@code http://host/datastore/{id}}
 */
public record DicomWebUrls(String root) {

    public String study(String studyInstanceUid) {
        return root + "/studies/" + studyInstanceUid;
    }

    public String series(String studyInstanceUid, String seriesInstanceUid) {
        return study(studyInstanceUid) + "/series/" + seriesInstanceUid;
    }

    public String instance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        return series(studyInstanceUid, seriesInstanceUid) + "/instances/" + sopInstanceUid;
    }
}
