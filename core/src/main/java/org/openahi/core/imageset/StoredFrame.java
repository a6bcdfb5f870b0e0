package org.openahi.core.imageset;

/** A frame of an image set: the blob holding its encoded pixels and the media type it is served as. */
public record StoredFrame(String imageSetId, String frameId, String blobKey, String contentType, long size) {}
