package org.openahi.server.dicomweb;

/**
 * A DICOMweb request refused with a PS3.18 status (400, 404, 406, 409, 413, 415) and a message saying why;
 * answered as {@code {"message": ...}} JSON, as AHI answers its DICOMweb errors.
 */
public final class DicomWebError extends RuntimeException {
    private final int status;

    public DicomWebError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static DicomWebError badRequest(String message) {
        return new DicomWebError(400, message);
    }

    public static DicomWebError notFound(String message) {
        return new DicomWebError(404, message);
    }

    public static DicomWebError notAcceptable(String message) {
        return new DicomWebError(406, message);
    }

    public static DicomWebError unsupportedMediaType(String message) {
        return new DicomWebError(415, message);
    }
}
