package org.openahi.jpeg;

/** What the decoder does with the colour of three-component images. */
public enum ColourConversion {
    /**
     * The components as coded, each brought to full resolution: YBR_FULL_422 data comes back as YBR_FULL, RGB data as
     * RGB. DICOM keeps YCbCr as stored for the application (DCMTK's {@code dcmdjpeg +cn}).
     */
    NONE,
    /**
     * Three components converted from YCbCr to RGB with IJG's arithmetic, whatever the stream's markers say: what
     * DCMTK's {@code dcmdjpeg} does by default for a Photometric Interpretation of YBR_FULL, YBR_FULL_422 or
     * YBR_PARTIAL_422. Images of other component counts are returned as coded.
     */
    YBR_TO_RGB
}
