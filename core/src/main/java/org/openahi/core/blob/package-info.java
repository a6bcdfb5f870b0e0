/**
 * The blob store port ({@link BlobStore}: immutable frames and metadata documents by key) and what every adapter
 * shares: exact-length and whole-gzip reads, which work owns a blob being written ({@link WorkOwners}), and the
 * cleanup of blobs no metadata row refers to. {@link TieredBlobStore} spans two locations, the primary one and the
 * archive one archived image sets' blobs move to. {@link CachingBlobStore} keeps the blobs reads ask for most in
 * memory, in an {@link ByteCache} (as DICOMweb's decoded frames are kept).
 */
package org.openahi.core.blob;
