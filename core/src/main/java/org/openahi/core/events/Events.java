package org.openahi.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Optional;
import org.openahi.core.account.Account;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.imageset.ImageSet;
import org.openahi.core.importing.ImportJob;
import org.openahi.core.importing.ImportJobStatus;

/**
 * Writes AHI's events into the outbox: each detail-type with the detail fields AHI documents for it
 * (docs/events.md lists them). The ARN in {@code resources} is the data store's for data store and import job
 * events, the image set's for image set events.
 */
final class Events {
    private final Account account;
    private final Clock clock;

    Events(Account account, Clock clock) {
        this.account = account;
        this.clock = clock;
    }

    void datastore(EventOutbox outbox, String detailType, Datastore datastore, DatastoreStatus status) {
        ObjectNode detail = EventEnvelope.detail()
                .put("datastoreId", datastore.id())
                .put("datastoreName", datastore.name())
                .put("datastoreStatus", status.name());
        append(outbox, detailType, account.datastoreArn(datastore.id()), detail);
    }

    void importJob(EventOutbox outbox, String detailType, ImportJob job, ImportJobStatus status) {
        ObjectNode detail = EventEnvelope.detail()
                .put("datastoreId", job.datastoreId())
                .put("jobId", job.id())
                .put("jobName", job.name())
                .put("jobStatus", status.name())
                .put("inputS3Uri", job.inputUri())
                .put("outputS3Uri", job.outputUri());
        append(outbox, detailType, account.datastoreArn(job.datastoreId()), detail);
    }

    /** {@code copySource} is the source image set of an "Image Set Copying" event. */
    void imageSet(EventOutbox outbox, String detailType, ImageSet imageSet, Optional<ImageSet> copySource) {
        ObjectNode detail = EventEnvelope.detail()
                .put("isPrimary", imageSet.primary())
                .put("datastoreId", imageSet.datastoreId())
                .put("imagesetId", imageSet.id())
                .put("imageSetVersion", Integer.toString(imageSet.latestVersion()))
                .put("imageSetState", imageSet.state().name())
                .put("imageSetWorkflowStatus", imageSet.workflowStatus().name());
        copySource.ifPresent(
                source -> detail.put("sourceImageSetArn", account.imageSetArn(source.datastoreId(), source.id())));
        append(outbox, detailType, account.imageSetArn(imageSet.datastoreId(), imageSet.id()), detail);
    }

    private void append(EventOutbox outbox, String detailType, String resourceArn, ObjectNode detail) {
        var now = clock.instant();
        outbox.append(detailType, resourceArn, EventEnvelope.json(account, detailType, resourceArn, now, detail), now);
    }
}
