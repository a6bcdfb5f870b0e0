package org.openahi.dimse.scp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openahi.core.importing.InstanceIngest;

/**
 * The one place C-STORE reaches the write path import jobs and STOW-RS share ({@link InstanceIngest}): each
 * received instance, spooled as a Part 10 file, is handed over alone and is durable (staged, then folded into its
 * image set with whatever else was staged at the same moment) when the call returns.
 */
public final class InstanceWriter {
    private final InstanceIngest importer;

    public InstanceWriter(InstanceIngest importer) {
        this.importer = importer;
    }

    /**
     * Stores one instance into the data store.
     *
     * @param name what messages call the instance
     * @throws org.openahi.core.error.NotFound when the data store no longer exists
     * @throws org.openahi.core.error.Conflict when it is no longer ACTIVE
     */
    public InstanceIngest.Outcome store(String datastoreId, Path part10File, long size, String name) {
        return importer.store(
                        datastoreId,
                        Optional.empty(),
                        List.of(new InstanceIngest.Upload(name, size, () -> Files.newInputStream(part10File))))
                .get(0);
    }
}
