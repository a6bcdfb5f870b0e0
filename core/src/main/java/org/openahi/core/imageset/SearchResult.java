package org.openahi.core.imageset;

/** One image set found by SearchImageSets, with what its summary shows. */
public record SearchResult(ImageSet imageSet, ImageSetSummary summary) {}
