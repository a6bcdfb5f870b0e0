/**
 * Encryption at rest: a {@link org.openahi.core.blob.BlobStore} decorator with per-data-store data keys under master
 * keys.
 */
package org.openahi.core.crypto;
