/**
 * AHI's metadata document: how it is written at import ({@code InstanceMetadataWriter}, {@code ImageSetDocument}),
 * stored ({@link DocumentBlobs}: gzip blobs), read for facts (identity, search summary, DICOMweb index), edited
 * ({@code MetadataEdit}, {@code EditRules}) and copied ({@code DocumentCopy}).
 */
package org.openahi.core.metadata;
