package org.openahi.store.s3;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach an S3-compatible service: an endpoint override (absent for AWS S3 itself), region,
 * credentials (absent: the AWS default credential chain) and path-style addressing, which most
 * S3-compatible servers need.
 */
public record S3Settings(
        Optional<URI> endpoint,
        String region,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        boolean pathStyle) {}
