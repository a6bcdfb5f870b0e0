package org.openahi.dicom.io;

/** Something read leniently, as DCMTK also would, with where it was. */
public record ReadWarning(long offset, String tagPath, String message) {

    @Override
    public String toString() {
        return message + " at offset " + offset + (tagPath.isEmpty() ? "" : " in " + tagPath);
    }
}
