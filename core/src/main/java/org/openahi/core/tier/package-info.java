/**
 * Image sets' storage tiers. {@link StorageTiers} is told of every access (metadata and frame reads, DICOMweb
 * retrieves, updates, copies), which keeps an image set in or brings it back to {@link StorageTier#FREQUENT_ACCESS},
 * and archives the image sets nobody accessed for a while; the front doors read an image set's {@link TierState}.
 * {@link BlobMover} (the background sweep) puts archived image sets' blobs in the archive blob location of a
 * {@code blob.TieredBlobStore}, when one is configured, and copies them back when they are accessed again. The
 * storage port is {@link TierRepository}.
 */
package org.openahi.core.tier;
