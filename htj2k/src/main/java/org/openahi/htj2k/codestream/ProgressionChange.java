package org.openahi.htj2k.codestream;

/**
 * One progression volume of a POC marker (T.800 A.6.6): packets of resolutions [resolutionStart, resolutionEnd),
 * components [componentStart, componentEnd) and layers below layerEnd, in {@code order} (0 LRCP .. 4 CPRL).
 */
public record ProgressionChange(
        int resolutionStart, int componentStart, int layerEnd, int resolutionEnd, int componentEnd, int order) {}
