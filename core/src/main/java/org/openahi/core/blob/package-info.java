/**
 * The blob store port ({@link BlobStore}: immutable frames and metadata documents by key) and what every adapter
 * shares: exact-length and whole-gzip reads, which work owns a blob being written ({@link WorkOwners}), and the
 * cleanup of blobs no metadata row refers to.
 */
package org.openahi.core.blob;
