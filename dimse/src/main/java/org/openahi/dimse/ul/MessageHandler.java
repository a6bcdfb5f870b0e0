package org.openahi.dimse.ul;

import java.io.IOException;
import org.openahi.dicom.Dataset;

/** What an association does with the requests its peer sends (responses to its own requests go to their callers). */
public interface MessageHandler {

    /** Where the data set of the request {@code command} goes; by default into memory within the settings' limit. */
    default DataSink sink(Association association, AcceptedContext context, Dataset command) {
        return DataSinks.inMemory(association.settings().maxDataInMemory());
    }

    /**
     * Performs a request, on a thread of its own, answering through {@link Association#respond}. An exception ends the
     * request without a final response, so the handler answers every outcome it can name itself.
     */
    void handle(Association association, Message request) throws IOException;

    /**
     * The peer asked to release and the requests being performed have ended; the A-RELEASE-RP goes out when this
     * returns, so work the peer should see once released (instances it stored becoming searchable) ends here.
     */
    default void releasing(Association association) {}

    /** The association has ended, however it ended: released, aborted, timed out or failed. Called once. */
    default void ended(Association association) {}

    /** A handler that performs nothing: every request is answered 0211 (unrecognized operation). */
    MessageHandler NONE = (association, request) -> association.respond(
            request,
            org.openahi.dimse.message.Status.UNRECOGNIZED_OPERATION,
            "openahi performs no request on this association");
}
