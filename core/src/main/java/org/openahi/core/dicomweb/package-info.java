/**
 * What DICOMweb reads beside the AHI API, over the same image sets: WADO-RS retrieval ({@link DicomWebReads},
 * {@link StoredInstances}), QIDO-RS search over the metadata store's index ({@link DicomWebSearch}, whose matching
 * DIMSE C-FIND shares), and the caches of parsed documents and decoded frames. No URL, header or media type is built
 * here: the DICOMweb front door ({@code server/dicomweb}) does that. STOW-RS stores through
 * {@link org.openahi.core.importing.InstanceIngest}.
 */
package org.openahi.core.dicomweb;
