package org.openahi.core.metadata;

import java.util.Set;
import org.openahi.dicom.Dataset;

/**
 * Attributes a DICOM JSON metadata file gives the instances of a study or series: at the {@code levels} named
 * (Patient and Study for a study's file, Series for a series' file), they replace the file's attributes of the same
 * tag and add those the file lacks. {@code source} names the metadata file, for the job's manifests.
 */
public record LevelOverride(String source, Dataset attributes, Set<MetadataLevel> levels) {
    public LevelOverride {
        levels = Set.copyOf(levels);
    }
}
